import { requireCustomerManagedKey } from '../../predicates/key-use';
import { defineControl } from '../types';

export const secretCmk = defineControl({
  id: 'CICD.SECRETS.1',
  slug: 'secret-cmk',
  title: 'Secrets Manager secrets are encrypted with a customer-managed KMS key',
  resourceTypes: ['AWS::SecretsManager::Secret'],
  severity: 'MEDIUM',
  risks: ['CICD-SEC-6', 'CICD-SEC-7'],
  requirement: 'Insufficient credential hygiene (OWASP CICD-SEC-6): pipeline secrets are readable only by the roles the platform allows, enforced by a key policy as well as IAM.',
  rationale:
    'With the AWS-managed aws/secretsmanager key any principal in the account with secretsmanager:GetSecretValue can read the secret, and the secret cannot be shared across accounts. A customer-managed key adds a key policy that limits decryption to the intended pipeline roles and an audit trail of every read.',
  remediation:
    'Set KmsKeyId on the AWS::SecretsManager::Secret to the ARN of a customer-managed KMS key (not alias/aws/secretsmanager) whose key policy allows kms:Decrypt only to the roles that read the secret.',
  cdkHint: 'encryptionKey: key on secretsmanager.Secret',
  check({ resource, facts }) {
    return requireCustomerManagedKey(resource, 'KmsKeyId', 'alias/aws/secretsmanager', facts);
  },
});
