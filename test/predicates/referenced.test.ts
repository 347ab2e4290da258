/** Judging referenced (existing) buckets from their facts, and the names messages may show. */
import type { BucketFact, FactView } from '../../src/model';
import { bucketOfLocation, factsAt, referencedBucketFindings, shownName } from '../../src/predicates/referenced';

const hardened: BucketFact = {
  versioning: true,
  logging: true,
  encryption: { algorithm: 'aws:kms', keyId: 'arn:aws:kms:eu-west-1:444455556666:key/7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d' },
  publicAccessBlock: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true },
};

describe('bucketOfLocation', () => {
  test.each([
    ['ci-artifacts', 'ci-artifacts'],
    [' ci-artifacts/prefix/x ', 'ci-artifacts'],
    ['arn:aws:s3:::ci-logs/build', 'ci-logs'],
    ['arn:aws-cn:s3:::ci-logs', 'ci-logs'],
    ['s3://ci-cache/p', 'ci-cache'],
  ])('%s → %s', (location, bucket) => expect(bucketOfLocation(location)).toBe(bucket));
  test('no bucket', () => {
    expect(bucketOfLocation('')).toBeUndefined();
    expect(bucketOfLocation('/prefix')).toBeUndefined();
  });
});

describe('referencedBucketFindings', () => {
  test('a hardened bucket has none', () => expect(referencedBucketFindings(hardened, 'Artifacts.Location', 'b')).toEqual([]));
  test('each weakness is a finding at the property, naming the bucket', () => {
    const f = referencedBucketFindings({ versioning: false, logging: false }, 'Cache.Location', 'ci-cache');
    expect(f.map((x) => x.path)).toEqual(['Cache.Location', 'Cache.Location', 'Cache.Location']);
    expect(f.every((x) => x.message.startsWith('Cache.Location names the existing S3 bucket ci-cache'))).toBe(true);
    expect(f.map((x) => x.message).join('\n')).toMatch(/not versioned[\s\S]*no public access block[\s\S]*no default encryption/);
  });
  test('public access block flags off are named with the S3 property names', () => {
    const f = referencedBucketFindings({ ...hardened, publicAccessBlock: { blockPublicAcls: true, ignorePublicAcls: false, blockPublicPolicy: true, restrictPublicBuckets: false } }, 'L', 'b');
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('IgnorePublicAcls, RestrictPublicBuckets');
  });
  test('an unreadable policy document fails', () => {
    expect(referencedBucketFindings({ ...hardened, policy: 'not json' }, 'L', 'b')[0].message).toContain('cannot be read');
  });
  test('the bucket key is looked up (and its failure reported) at the property', () => {
    const asked: Array<[string, string]> = [];
    const facts: FactView = {
      enabled: true,
      get: (r, path) => {
        asked.push([r.ref, path]);
        return { arn: r.ref, awsManaged: true, enabled: true } as never;
      },
    };
    const f = referencedBucketFindings({ ...hardened, encryption: { algorithm: 'aws:kms', keyId: 'k-1' } }, 'Artifacts.Location', 'b', facts);
    expect(asked).toEqual([['k-1', 'Artifacts.Location']]);
    expect(f[0].message).toContain('KeyManager AWS');
  });
});

describe('factsAt', () => {
  test('every lookup is reported at the given property', () => {
    const paths: string[] = [];
    const inner: FactView = { enabled: true, get: (_r, path) => (paths.push(path), undefined) };
    const view = factsAt(inner, 'LogsConfig.CloudWatchLogs.GroupName');
    expect(view.enabled).toBe(true);
    view.get({ kind: 'kms.key', ref: 'k' }, 'KmsKeyId');
    expect(paths).toEqual(['LogsConfig.CloudWatchLogs.GroupName']);
  });
});

describe('shownName', () => {
  test('names are shown, anything that could be a credential is not', () => {
    expect(shownName('/aws/codebuild/ci-build')).toBe('/aws/codebuild/ci-build');
    expect(shownName('ci-artifacts')).toBe('ci-artifacts');
    expect(shownName('has space')).toBe('(name not shown)');
    expect(shownName('AKIAIOSFODNN7EXAMPLE')).toBe('(name not shown)');
  });
});
