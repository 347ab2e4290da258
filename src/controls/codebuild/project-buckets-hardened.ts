import { referencedBucketAt } from '../../predicates/referenced';
import { isIntrinsic, isRecord } from '../../predicates/values';
import { defineControl, type FactView, type Finding, type ResourceView } from '../types';

function upper(view: ResourceView, path: string): string | undefined {
  const v = view.get(path);
  return typeof v === 'string' ? v.trim().toUpperCase() : undefined;
}

function isBlock(v: unknown): boolean {
  return isRecord(v) && !isIntrinsic(v);
}

function evaluate(view: ResourceView, facts: FactView | undefined): Finding[] {
  if (!facts?.enabled) return []; // lookups off: the template does not say what the bucket is like
  const findings: Finding[] = [];
  // artifacts of Type S3 (CODEPIPELINE and NO_ARTIFACTS ignore Location)
  if (isBlock(view.get('Artifacts')) && upper(view, 'Artifacts.Type') === 'S3') findings.push(...referencedBucketAt(view.at('Artifacts'), facts));
  for (const item of view.items('SecondaryArtifacts')) {
    if (isBlock(item.value) && upper(item.view, 'Type') === 'S3') findings.push(...referencedBucketAt(item.view, facts));
  }
  // the S3 cache: Location is bucket/prefix
  if (isBlock(view.get('Cache')) && upper(view, 'Cache.Type') === 'S3') findings.push(...referencedBucketAt(view.at('Cache'), facts));
  // S3 build logs, unless switched off: Location is bucket/prefix (or its ARN)
  if (isBlock(view.get('LogsConfig.S3Logs')) && upper(view, 'LogsConfig.S3Logs.Status') !== 'DISABLED') findings.push(...referencedBucketAt(view.at('LogsConfig.S3Logs'), facts));
  return findings;
}

export const codebuildProjectBucketsHardened = defineControl({
  id: 'CICD.CODEBUILD.20',
  slug: 'project-buckets-hardened',
  title: 'Existing buckets a CodeBuild project writes artifacts, cache and logs to are versioned, private and encrypted with a customer-managed key',
  resourceTypes: ['AWS::CodeBuild::Project'],
  severity: 'HIGH',
  risks: ['CICD-SEC-9', 'CICD-SEC-7', 'CICD-SEC-10'],
  requirement: 'Artifact, cache and log buckets have versioning, block public access and are encrypted with KMS customer-managed keys (enterprise CI/CD guidance; SEC11-BP07), also when the bucket is not part of the template.',
  rationale:
    'A project names its buckets by name only: Artifacts.Location and SecondaryArtifacts[].Location (Type S3), Cache.Location (Type S3, bucket/prefix) and LogsConfig.S3Logs.Location (bucket/prefix, unless Status is DISABLED). An existing bucket that is public, unversioned or encrypted with SSE-S3 passes every template check, yet whoever can write to it replaces build output or poisons the cache the next build restores, and whoever can read it reads the build logs. With live lookups the hook reads each bucket (s3:GetBucketVersioning, s3:GetBucketPublicAccessBlock, s3:GetBucketPolicy, s3:GetEncryptionConfiguration) and judges it with the S3 controls\' predicates: versioning Enabled (CICD.S3.2), all four public access block flags true (CICD.S3.4), no bucket policy statement that allows any principal without a condition limiting the caller (CICD.S3.6), and default encryption aws:kms with a customer-managed key (CICD.S3.1; a key named by ARN or ID is looked up too). A lookup that cannot be answered follows LookupFailureMode. A bucket name carries no account, so a bucket of another account (a central log archive) is looked up as well; the hook\'s role then needs read access to it, or the project an exemption. Without lookups (check without --lookups) the control has nothing to judge and passes; a bucket defined in the same template is judged by the S3 controls themselves.',
  remediation:
    'Point the project at buckets with versioning Enabled, all four public access block flags true, no public bucket policy statement and default encryption aws:kms with a customer-managed key — or fix the existing bucket. If the hook cannot read a bucket, grant its execution role the read actions the message names.',
  cdkHint:
    "new s3.Bucket(this, 'BuildBucket', { versioned: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, enforceSSL: true, encryptionKey: key }) for artifacts: codebuild.Artifacts.s3({ bucket }), cache: codebuild.Cache.bucket(bucket) and logging: { s3: { bucket } }",
  check({ resource, facts }) {
    return evaluate(resource, facts);
  },
});
