import { requireCustomerManagedKey } from '../../predicates/key-use';
import { defineControl } from '../types';

export const codeartifactDomainCmk = defineControl({
  id: 'CICD.CODEARTIFACT.1',
  slug: 'codeartifact-domain-cmk',
  title: 'CodeArtifact domains are encrypted with a customer-managed KMS key',
  resourceTypes: ['AWS::CodeArtifact::Domain'],
  severity: 'MEDIUM',
  risks: ['CICD-SEC-3', 'CICD-SEC-7'],
  requirement: 'The internal package registry is protected with keys the organisation controls (SEC08-BP01/BP02), so reading or publishing packages also depends on a platform-owned key policy.',
  rationale:
    'Every package the pipelines install comes from the CodeArtifact domain. With the AWS-managed aws/codeartifact key, access to the packages depends on IAM alone and the key cannot be restricted or disabled; a customer-managed key adds a key policy and an audit trail of every decryption.',
  remediation:
    'Set EncryptionKey on the AWS::CodeArtifact::Domain to the ARN of a customer-managed KMS key (not alias/aws/codeartifact). The key of a domain cannot be changed later: create a new domain and move the repositories.',
  cdkHint: 'encryptionKey: key.keyArn on codeartifact.CfnDomain',
  check({ resource, facts }) {
    return requireCustomerManagedKey(resource, 'EncryptionKey', 'alias/aws/codeartifact', facts);
  },
});
