import { referencedBucketAt } from '../../predicates/referenced';
import { isIntrinsic, isRecord } from '../../predicates/values';
import { defineControl, type FactView, type Finding, type ResourceView } from '../types';

/** An artifact store written out as an object (an unresolved one names no bucket the hook can see). */
function isStore(v: unknown): boolean {
  return isRecord(v) && !isIntrinsic(v);
}

function evaluate(view: ResourceView, facts: FactView | undefined): Finding[] {
  if (!facts?.enabled) return []; // lookups off: the template does not say what the bucket is like
  const findings: Finding[] = [];
  if (isStore(view.get('ArtifactStore'))) findings.push(...referencedBucketAt(view.at('ArtifactStore'), facts));
  for (const entry of view.items('ArtifactStores')) {
    if (isStore(entry.view.get('ArtifactStore'))) findings.push(...referencedBucketAt(entry.view.at('ArtifactStore'), facts));
  }
  return findings;
}

export const codepipelineArtifactBucketHardened = defineControl({
  id: 'CICD.CODEPIPELINE.13',
  slug: 'pipeline-artifact-bucket-hardened',
  title: 'An existing bucket used as a pipeline artifact store is versioned, private and encrypted with a customer-managed key',
  resourceTypes: ['AWS::CodePipeline::Pipeline'],
  severity: 'HIGH',
  risks: ['CICD-SEC-9', 'CICD-SEC-7'],
  requirement: 'Artifact buckets have versioning, block public access and are encrypted with KMS customer-managed keys (enterprise CI/CD guidance; SEC11-BP07), also when the bucket is not part of the template.',
  rationale:
    'ArtifactStore.Location (and each ArtifactStores[].ArtifactStore.Location) names a bucket by name only: a pipeline pointed at an existing bucket that is public, unversioned or encrypted with SSE-S3 passes every template check, yet whoever can read or write that bucket reads the source and replaces what is deployed. With live lookups the hook reads the bucket (s3:GetBucketVersioning, s3:GetBucketPublicAccessBlock, s3:GetBucketPolicy, s3:GetEncryptionConfiguration) and judges it with the S3 controls\' predicates: versioning Enabled (CICD.S3.2), all four public access block flags true (CICD.S3.4), no bucket policy statement that allows any principal without a condition limiting the caller (CICD.S3.6), and default encryption aws:kms with a customer-managed key (CICD.S3.1; a key named by ARN or ID is looked up too). A lookup that cannot be answered follows LookupFailureMode. A bucket name carries no account, so a bucket of another account is looked up as well; the hook\'s role then needs read access to it, or the pipeline an exemption. Without lookups (check without --lookups) the control has nothing to judge and passes; a bucket defined in the same template is judged by the S3 controls themselves.',
  remediation:
    'Point ArtifactStore.Location at a bucket with versioning Enabled, all four public access block flags true, no public bucket policy statement and default encryption aws:kms with a customer-managed key — or fix the existing bucket. If the hook cannot read the bucket, grant its execution role the read actions the message names.',
  cdkHint:
    "artifactBucket: new s3.Bucket(this, 'Artifacts', { versioned: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, enforceSSL: true, encryptionKey: new kms.Key(this, 'Key', { enableKeyRotation: true }) }) on codepipeline.Pipeline",
  check({ resource, facts }) {
    return evaluate(resource, facts);
  },
});
