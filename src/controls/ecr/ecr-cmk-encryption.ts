import { keyAt } from '../../predicates/key-use';
import { defineControl, type FactView, type Finding, type ResourceView } from '../types';

const TYPE = 'EncryptionConfiguration.EncryptionType';
const KEY = 'EncryptionConfiguration.KmsKey';

function evaluate(view: ResourceView, facts?: FactView): Finding[] {
  const type = view.str(TYPE)?.trim().toUpperCase();
  if (type === undefined) {
    if (view.has(TYPE)) return [{ path: TYPE, message: `${TYPE} is not KMS` }];
    return [{ path: 'EncryptionConfiguration', message: 'EncryptionConfiguration is not set, so images are encrypted with AES256 (no customer-managed key)' }];
  }
  if (type !== 'KMS' && type !== 'KMS_DSSE') return [{ path: TYPE, message: `${TYPE} is ${type === 'AES256' ? 'AES256' : 'not KMS or KMS_DSSE'} (no customer-managed key)` }];
  const key = keyAt(view, KEY, facts);
  if (key.kind === 'missing') return [{ path: KEY, message: `${KEY} is not set, so the AWS-managed key alias/aws/ecr is used` }];
  if (key.kind === 'aws-managed') return [{ path: KEY, message: `${KEY} is the AWS-managed key ${key.alias}, not a customer-managed key` }];
  return [];
}

export const ecrCmkEncryption = defineControl({
  id: 'CICD.ECR.3',
  slug: 'ecr-cmk-encryption',
  title: 'ECR repositories, and the templates of repositories created on push, are encrypted with a customer-managed KMS key',
  resourceTypes: ['AWS::ECR::Repository', 'AWS::ECR::RepositoryCreationTemplate'],
  severity: 'MEDIUM',
  risks: ['CICD-SEC-9', 'CICD-SEC-7'],
  requirement: 'Protect artifacts at rest with keys the organisation controls (SEC08-BP01/BP02): who may read or replace images is also decided by the key policy, and key use is audited in CloudTrail.',
  rationale:
    'AES256 and the AWS-managed aws/ecr key give no separate control over decryption: anyone with ECR read permissions can pull the images, and the key cannot be disabled or restricted. A customer-managed key adds a key policy the platform owns and auditable key use for every layer pulled. An AWS::ECR::RepositoryCreationTemplate (repositories created on push, by pull-through cache or by replication) has the same EncryptionConfiguration and is judged the same way.',
  remediation:
    'Set EncryptionConfiguration.EncryptionType to KMS (or KMS_DSSE) and EncryptionConfiguration.KmsKey to the ARN of a customer-managed key (not alias/aws/ecr). Encryption settings require a new repository, so migrate the images.',
  cdkHint:
    "encryption: ecr.RepositoryEncryption.KMS, encryptionKey: new kms.Key(this, 'Key', { enableKeyRotation: true }) on ecr.Repository",
  check({ resource, facts }) {
    return evaluate(resource, facts);
  },
});
