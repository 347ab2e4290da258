import { isPublicCannedAcl, PUBLIC_ACCESS_BLOCK_FLAGS as FLAGS } from '../../predicates/bucket';
import { defineControl, type Finding, type ResourceView } from '../types';

const BLOCK = 'PublicAccessBlockConfiguration';

function evaluate(v: ResourceView): Finding[] {
  const findings: Finding[] = [];
  if (!v.has(BLOCK)) {
    findings.push({ path: BLOCK, message: `${BLOCK} is missing: set all four public access block flags to true` });
  } else {
    const off = FLAGS.filter((f) => v.bool(`${BLOCK}.${f}`) !== true);
    for (const f of off) findings.push({ path: `${BLOCK}.${f}`, message: `${BLOCK}.${f} is not true` });
  }
  const acl = v.str('AccessControl');
  if (isPublicCannedAcl(acl)) findings.push({ path: 'AccessControl', message: `AccessControl is ${acl!.trim()}, a canned ACL that grants access to everyone or every AWS account` });
  return findings;
}

export const s3BucketPublicAccessBlock = defineControl({
  id: 'CICD.S3.4',
  slug: 's3-bucket-public-access-block',
  title: 'S3 buckets block all public access and carry no public ACL',
  resourceTypes: ['AWS::S3::Bucket'],
  severity: 'HIGH',
  risks: ['CICD-SEC-9', 'CICD-SEC-7'],
  requirement: 'Harden the pipeline like a production system (SEC11-BP07): artifact, cache and log buckets are never public.',
  rationale:
    'A public artifact bucket leaks source, build outputs and embedded configuration, and a publicly writable one lets anyone replace what the pipeline deploys. The four PublicAccessBlockConfiguration flags stop public ACLs and policies from taking effect even if a later policy change opens the bucket. The block is required explicitly (an absent block fails) so that the protection does not depend on account-level settings or on S3 defaults that have changed over time; canned ACLs PublicRead, PublicReadWrite and AuthenticatedRead fail as well.',
  remediation:
    'Set PublicAccessBlockConfiguration: {BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true} and remove a public AccessControl (use Private or LogDeliveryWrite).',
  cdkHint: 'blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL on s3.Bucket',
  check({ resource }) {
    return evaluate(resource);
  },
});
