import { requireCustomerManagedKey } from '../../predicates/key-use';
import { defineControl } from '../types';

export const codecommitCmk = defineControl({
  id: 'CICD.CODECOMMIT.1',
  slug: 'codecommit-cmk',
  title: 'CodeCommit repositories are encrypted with a customer-managed KMS key',
  resourceTypes: ['AWS::CodeCommit::Repository'],
  severity: 'MEDIUM',
  risks: ['CICD-SEC-7'],
  requirement: 'Source code at rest is protected with keys the organisation controls (SEC08-BP01/BP02), with auditable key use.',
  rationale:
    'With the AWS-managed aws/codecommit key, reading the source depends on IAM alone and the key cannot be restricted or disabled. A customer-managed key lets the platform restrict decryption to the pipeline and developer roles and audit every use.',
  remediation:
    'Set KmsKeyId on the AWS::CodeCommit::Repository to the ARN, ID or alias of a customer-managed KMS key (not alias/aws/codecommit), and grant the pipeline and developer roles kms:Decrypt/kms:GenerateDataKey on it.',
  check({ resource, facts }) {
    return requireCustomerManagedKey(resource, 'KmsKeyId', 'alias/aws/codecommit', facts);
  },
});
