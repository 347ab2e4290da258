import { isVersioningEnabled, VERSIONING_STATUS as PATH } from '../../predicates/bucket';
import { defineControl, type Finding, type ResourceView } from '../types';

function evaluate(v: ResourceView): Finding[] {
  if (!v.has('VersioningConfiguration')) {
    return [{ path: 'VersioningConfiguration', message: 'VersioningConfiguration is missing: S3 buckets are unversioned by default' }];
  }
  const status = v.str(PATH);
  if (isVersioningEnabled(status)) return [];
  return [{ path: PATH, message: `${PATH} is ${status === undefined ? 'missing' : `${status.trim()}, not Enabled`}` }];
}

export const s3BucketVersioning = defineControl({
  id: 'CICD.S3.2',
  slug: 's3-bucket-versioning',
  title: 'S3 buckets have versioning enabled',
  resourceTypes: ['AWS::S3::Bucket'],
  severity: 'MEDIUM',
  risks: ['CICD-SEC-9'],
  requirement: 'Artifact buckets have versioning and access logging (enterprise CI/CD guidance); pipeline artifacts keep their history.',
  rationale:
    'Without versioning an artifact can be overwritten or deleted in place: a compromised build role swaps the deployable between build and deploy and no earlier version remains to compare with or roll back to. Versioning also preserves access logs and audit files against overwrites. Buckets are unversioned unless VersioningConfiguration says Enabled, so an absent block fails; switching Enabled to Suspended on update is reported as a weakening.',
  remediation:
    'Set VersioningConfiguration: {Status: Enabled}, and add a lifecycle rule that expires noncurrent versions if storage cost matters.',
  cdkHint: 'versioned: true on s3.Bucket',
  check({ resource }) {
    return evaluate(resource);
  },
});
