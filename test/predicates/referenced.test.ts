/** Judging referenced (existing) buckets from their facts, and the names messages may show. */
import type { BucketFact, FactView } from '../../src/model';
import { bucketOfLocation, factsAt, referencedBucketAt, referencedBucketFindings, shownName } from '../../src/predicates/referenced';
import { PropertyView } from '../../src/predicates/view';

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

describe('bucketOfLocation: exactly the bucket the text names', () => {
  test.each([
    [' arn:aws:s3:::ci-logs/build', 'ci-logs'],
    ['\ts3://ci-cache/p', 'ci-cache'],
    ['ci-artifacts /prefix', 'ci-artifacts'],
    ['arn:aws:s3::: ci-logs /k', 'ci-logs'],
    ['S3://ci-cache', 'ci-cache'],
    ['ARN:AWS:S3:::ci-logs', 'ci-logs'],
    ['arn:aws-us-gov:s3:::ci-logs/a/b/c', 'ci-logs'],
  ])('%j → %s', (location, bucket) => expect(bucketOfLocation(location)).toBe(bucket));
  test('an ARN or s3:// only at the start: text that merely contains one is not read as naming another bucket', () => {
    expect(bucketOfLocation('ci-arn:aws:s3:::other/k')).toBe('ci-arn:aws:s3:::other');
    expect(bucketOfLocation('ci-s3://other/k')).toBe('ci-s3:');
    // an ARN followed by a second line is not an ARN: its text (no bucket of that name exists) is looked up as is
    expect(bucketOfLocation('arn:aws:s3:::other\nx')).toBe('arn:aws:s3:::other\nx');
  });
  test('an ARN or URL with no bucket names none', () => {
    expect(bucketOfLocation('arn:aws:s3:::')).toBeUndefined();
    expect(bucketOfLocation('s3:///k')).toBeUndefined();
    expect(bucketOfLocation('  ')).toBeUndefined();
  });
});

describe('referencedBucketFindings: each weakness and only it', () => {
  const msgs = (fact: BucketFact, facts?: FactView) => referencedBucketFindings(fact, 'L', 'b', facts).map((f) => f.message);
  test('no bucket policy (null, as the lookup reports a bucket without one) is not a finding', () => {
    expect(msgs({ ...hardened, policy: null })).toEqual([]);
  });
  test('a readable private policy is not a finding; a public one is, naming the statement', () => {
    const owner = { Version: '2012-10-17', Statement: [{ Sid: 'Owner', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] };
    expect(msgs({ ...hardened, policy: JSON.stringify(owner) })).toEqual([]);
    const open = { Version: '2012-10-17', Statement: [{ Sid: 'Open', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] };
    const f = msgs({ ...hardened, policy: JSON.stringify(open) });
    expect(f).toHaveLength(1);
    expect(f[0]).toMatch(/^L names the existing S3 bucket b, whose bucket policy .*Open.* may allow any principal without a condition that limits the caller$/);
  });
  test('what the default encryption is, when it is not aws:kms', () => {
    expect(msgs({ ...hardened, encryption: { algorithm: 'AES256' } })).toEqual(['L names the existing S3 bucket b, which is not encrypted by default with a KMS key (SSE-S3 (AES256)); use aws:kms with a customer-managed key']);
    expect(msgs({ ...hardened, encryption: { algorithm: 'something-else' } })).toEqual(['L names the existing S3 bucket b, which is not encrypted by default with a KMS key (an algorithm that is not aws:kms); use aws:kms with a customer-managed key']);
    expect(msgs({ ...hardened, encryption: undefined })).toEqual(['L names the existing S3 bucket b, which is not encrypted by default with a KMS key (no default encryption); use aws:kms with a customer-managed key']);
  });
  test('aws:kms without a key ID is the AWS-managed aws/s3 key; a named AWS-managed alias is reported by name', () => {
    expect(msgs({ ...hardened, encryption: { algorithm: 'aws:kms' } })).toEqual(['L names the existing S3 bucket b, which is encrypted by default with aws:kms without a key ID, i.e. the AWS-managed key aws/s3, not a customer-managed key']);
    expect(msgs({ ...hardened, encryption: { algorithm: 'aws:kms', keyId: 'alias/aws/s3' } })).toEqual(['L names the existing S3 bucket b, which is encrypted by default with the AWS-managed key alias/aws/s3, not a customer-managed key']);
  });
  test('versioning must be true, not merely present', () => {
    expect(msgs({ ...hardened, versioning: undefined as never })).toHaveLength(1);
  });
});

describe('shownName: surrounding spaces', () => {
  test('a name with spaces around it is shown without them', () => expect(shownName('  ci-artifacts ')).toBe('ci-artifacts'));
});

describe('referencedBucketAt', () => {
  const asking = (answer: BucketFact | undefined) => {
    const asked: Array<{ ref: string; path: string }> = [];
    const facts = { enabled: true, get: (r: { ref: string }, path: string) => (asked.push({ ref: r.ref, path }), answer) } as unknown as FactView;
    return { asked, facts };
  };

  test('a bucket name (or bucket/prefix) is looked up at the Location path and judged', () => {
    const { asked, facts } = asking({ ...hardened, versioning: false });
    const findings = referencedBucketAt(new PropertyView({ Store: { Location: 'legacy-artifacts/builds' } }).at('Store'), facts);
    // the bucket first; its key next (this stand-in answers everything; the engine would skip a foreign key)
    expect(asked[0]).toEqual({ ref: 'legacy-artifacts', path: 'Store.Location' });
    expect(findings).toEqual([{ path: 'Store.Location', message: expect.stringContaining('not versioned') }]);
  });

  test('a hardened bucket passes; no fact (lookups off, still planned) judges nothing', () => {
    expect(referencedBucketAt(new PropertyView({ Location: 'ci-artifacts' }), asking(hardened).facts)).toEqual([]);
    expect(referencedBucketAt(new PropertyView({ Location: 'ci-artifacts' }), asking(undefined).facts)).toEqual([]);
  });

  test('an absent or unresolved Location names nothing to look up', () => {
    for (const props of [{}, { Location: { Ref: 'Bucket' } }, { Location: 42 }]) {
      const { asked, facts } = asking(hardened);
      expect(referencedBucketAt(new PropertyView(props), facts)).toEqual([]);
      expect(asked).toEqual([]);
    }
  });
});
