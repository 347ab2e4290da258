import { defineCases } from '../../helpers/cases';
import { project } from './project';

// Live lookups (issue 14): the project names existing buckets for artifacts, cache and logs; their facts come
// from the case's table.
const OUT = 'ci-build-output';
const CACHE = 'ci-build-cache';
const LOGS = 'central-build-logs';
const OWN_KEY = 'arn:aws:kms:eu-west-1:123456789012:key/0d1e2f3a-4b5c-6d7e-8f90-a1b2c3d4e5f6';
const FOREIGN_KEY = 'arn:aws:kms:eu-west-1:444455556666:key/7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d';

const allBlocked = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };
const good = (over: Record<string, unknown> = {}) => ({ versioning: true, logging: true, encryption: { algorithm: 'aws:kms', keyId: FOREIGN_KEY }, publicAccessBlock: allBlocked, ...over });
const publicWrite = { Statement: [{ Sid: 'Drop', Effect: 'Allow', Principal: { AWS: '*' }, Action: ['s3:PutObject'], Resource: `arn:aws:s3:::${CACHE}/*` }] };
const weak = { versioning: false, logging: false, encryption: { algorithm: 'AES256' }, policy: publicWrite };

const s3Artifacts = (location: string) => ({ Type: 'S3', Location: location, Name: 'out.zip', Packaging: 'ZIP' });
/** A project that uses all four kinds of bucket location. */
const allBuckets = (over: Record<string, unknown> = {}) =>
  project({
    Artifacts: s3Artifacts(OUT),
    SecondaryArtifacts: [{ ...s3Artifacts(OUT), ArtifactIdentifier: 'reports' }],
    Cache: { Type: 'S3', Location: `${CACHE}/ci-build` },
    LogsConfig: { CloudWatchLogs: { Status: 'ENABLED', GroupName: '/ci/builds' }, S3Logs: { Status: 'ENABLED', Location: `arn:aws:s3:::${LOGS}/ci-build` } },
    ...over,
  });
const allGood = { [`s3.bucket ${OUT}`]: good(), [`s3.bucket ${CACHE}`]: good(), [`s3.bucket ${LOGS}`]: good() };

export default defineCases({
  controlId: 'CICD.CODEBUILD.20',
  resourceType: 'AWS::CodeBuild::Project',
  cases: [
    { name: 'lookups off: nothing in the template to judge', properties: allBuckets(), expect: 'PASS' },
    { name: 'CODEPIPELINE artifacts and no cache or S3 logs: no bucket named, nothing looked up', absent: ['Cache', 'LogsConfig.S3Logs', 'SecondaryArtifacts'], properties: project(), facts: {}, expect: 'PASS' },
    { name: 'lookup: every bucket versioned, private and encrypted with a CMK', properties: allBuckets(), facts: allGood, expect: 'PASS' },
    { name: 'lookup: a weak artifact bucket', properties: allBuckets(), facts: { ...allGood, [`s3.bucket ${OUT}`]: weak }, expect: 'FAIL', messageIncludes: ['Artifacts.Location', 'SecondaryArtifacts[0].Location', OUT, 'not versioned'] },
    {
      name: 'lookup: a publicly writable cache bucket (bucket/prefix)',
      properties: allBuckets(),
      facts: { ...allGood, [`s3.bucket ${CACHE}`]: good({ policy: publicWrite }) },
      expect: 'FAIL',
      messageIncludes: ['Cache.Location', CACHE, 'Statement[0] (Sid Drop)'],
    },
    { name: 'lookup: an S3 log bucket (ARN/prefix) without a public access block', properties: allBuckets(), facts: { ...allGood, [`s3.bucket ${LOGS}`]: good({ publicAccessBlock: undefined }) }, expect: 'FAIL', messageIncludes: ['LogsConfig.S3Logs.Location', LOGS, 'no public access block'] },
    { name: 'lookup: a log bucket with SSE-S3', properties: allBuckets(), facts: { ...allGood, [`s3.bucket ${LOGS}`]: good({ encryption: { algorithm: 'AES256' } }) }, expect: 'FAIL', messageIncludes: 'SSE-S3' },
    {
      name: 'lookup: the bucket key by ARN is an AWS managed key',
      properties: allBuckets(),
      facts: { ...allGood, [`s3.bucket ${OUT}`]: good({ encryption: { algorithm: 'aws:kms', keyId: OWN_KEY } }), [`kms.key ${OWN_KEY}`]: { arn: OWN_KEY, awsManaged: true, enabled: true } },
      expect: 'FAIL',
      messageIncludes: ['Artifacts.Location', 'KeyManager AWS'],
    },
    { name: 'lookup: S3 logs DISABLED name no bucket to judge', properties: allBuckets({ LogsConfig: { CloudWatchLogs: { Status: 'ENABLED', GroupName: '/ci/builds' }, S3Logs: { Status: 'DISABLED', Location: `${LOGS}/x` } } }), facts: { ...allGood, [`s3.bucket ${LOGS}`]: weak }, expect: 'PASS' },
    { name: 'lookup: a LOCAL cache names no bucket', properties: allBuckets({ Cache: { Type: 'LOCAL', Modes: ['LOCAL_SOURCE_CACHE'] } }), facts: allGood, expect: 'PASS' },
    { name: 'lookup: a cache block without Location', absent: ['Cache.Location'], properties: allBuckets({ Cache: { Type: 'S3' } }), facts: allGood, expect: 'PASS' },
    {
      name: 'lookup denied: fails closed naming the property and the permission',
      properties: allBuckets(),
      facts: { ...allGood, [`s3.bucket ${CACHE}`]: { $error: "access denied: the hook's role needs s3:GetBucketPublicAccessBlock" } },
      expect: 'FAIL',
      messageIncludes: ['Cache.Location', 's3:GetBucketPublicAccessBlock'],
    },
    { name: 'lookup denied with LookupFailureMode UNKNOWN: reported, not decided', properties: allBuckets(), config: { LookupFailureMode: 'UNKNOWN' }, facts: { ...allGood, [`s3.bucket ${LOGS}`]: { $error: 'timed out' } }, expect: 'UNKNOWN' },
    { name: 'lookup: a bucket that does not exist fails closed', properties: allBuckets(), facts: { [`s3.bucket ${OUT}`]: good(), [`s3.bucket ${CACHE}`]: good() }, expect: 'FAIL', messageIncludes: ['LogsConfig.S3Logs.Location', 'not found'] },
    {
      name: 'lookup: an update that moves the cache to a weak existing bucket is a weakening',
      properties: allBuckets({ Cache: { Type: 'S3', Location: 'shared-scratch/cache' } }),
      previous: allBuckets(),
      facts: { ...allGood, 's3.bucket shared-scratch': weak },
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
      messageIncludes: ['Cache.Location', 'shared-scratch'],
    },
    { name: 'stringified type: artifacts type in lower case still names a bucket', properties: allBuckets({ Artifacts: { ...s3Artifacts(OUT), Type: 's3' } }), facts: { ...allGood, [`s3.bucket ${OUT}`]: weak }, expect: 'FAIL', messageIncludes: 'Artifacts.Location' },
  ],
});
