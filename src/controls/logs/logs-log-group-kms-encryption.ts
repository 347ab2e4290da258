import { requireCustomerManagedKey } from '../../predicates/key-use';
import { defineControl } from '../types';


export const logsLogGroupKmsEncryption = defineControl({
  id: 'CICD.LOGS.1',
  slug: 'logs-log-group-kms-encryption',
  title: 'CloudWatch log groups are encrypted with a customer-managed KMS key',
  resourceTypes: ['AWS::Logs::LogGroup'],
  severity: 'MEDIUM',
  risks: ['CICD-SEC-10', 'CICD-SEC-7'],
  requirement: 'Everything encrypted with KMS customer-managed keys (enterprise CI/CD guidance); build and deployment logs are protected like the systems they describe.',
  rationale:
    'Build and deployment logs contain repository names, environment details and, despite every precaution, sometimes secrets echoed by a build step. Without KmsKeyId they are encrypted with a key every principal with logs:GetLogEvents can use; a customer-managed key adds a key policy that limits who reads them and can be revoked. An absent KmsKeyId fails, and removing it on update is reported as a weakening.',
  remediation:
    'Set KmsKeyId to the ARN of a customer-managed key whose key policy allows the logs.<region>.amazonaws.com service principal.',
  cdkHint:
    "new logs.LogGroup(this, 'Logs', { encryptionKey: key }) AND the key's grant for the logs service, without which the log group cannot be created: key.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.ServicePrincipal(`logs.${this.region}.amazonaws.com`)], actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'], resources: ['*'] }))",
  check({ resource, facts }) {
    return requireCustomerManagedKey(resource, 'KmsKeyId', 'the log group is encrypted only with a CloudWatch Logs service key', facts);
  },
});
