import { requireCustomerManagedKey } from '../../predicates/key-use';
import { defineControl } from '../types';


export const cloudtrailTrailKmsEncryption = defineControl({
  id: 'CICD.CLOUDTRAIL.1',
  slug: 'cloudtrail-trail-kms-encryption',
  title: 'CloudTrail trails encrypt their log files with a customer-managed KMS key',
  resourceTypes: ['AWS::CloudTrail::Trail'],
  severity: 'MEDIUM',
  risks: ['CICD-SEC-10', 'CICD-SEC-7'],
  requirement: 'Everything encrypted with KMS customer-managed keys (enterprise CI/CD guidance); the audit trail of the pipeline accounts is readable only by auditors.',
  rationale:
    'CloudTrail log files describe every API call of the pipeline accounts, including which roles deployed what. Without KMSKeyId they are protected only by the bucket policy; SSE-KMS with a customer-managed key adds a key policy that separates auditors from everyone with bucket read access. An absent KMSKeyId fails; removing it on update is a weakening.',
  remediation: 'Set KMSKeyId to the ARN of a customer-managed key whose policy allows cloudtrail.amazonaws.com to GenerateDataKey*.',
  cdkHint:
    "new cloudtrail.Trail(this, 'Trail', { encryptionKey: key }), with key.addToResourcePolicy allowing new iam.ServicePrincipal('cloudtrail.amazonaws.com') kms:GenerateDataKey* and kms:DescribeKey",
  check({ resource, facts }) {
    return requireCustomerManagedKey(resource, 'KMSKeyId', 'log files are encrypted only with SSE-S3', facts);
  },
});
