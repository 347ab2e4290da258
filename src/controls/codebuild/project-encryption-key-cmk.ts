import { requireCustomerManagedKey } from '../../predicates/key-use';
import { defineControl } from '../types';


export const codebuildProjectEncryptionKeyCmk = defineControl({
  id: 'CICD.CODEBUILD.7',
  slug: 'project-encryption-key-cmk',
  title: 'CodeBuild projects encrypt with a customer-managed KMS key',
  resourceTypes: ['AWS::CodeBuild::Project'],
  severity: 'MEDIUM',
  risks: ['CICD-SEC-7', 'CICD-SEC-9'],
  requirement: 'Everything the pipeline stores is encrypted with KMS customer-managed keys, with rotation on (S9).',
  rationale:
    'The project key encrypts build artifacts and S3 logs. With the AWS-managed key alias/aws/s3 (in any spelling: alias/aws/s3, aws/s3, arn:...:alias/aws/s3) everyone in the account who may use S3 can decrypt them; there is no key policy to restrict access, no rotation control and no way to revoke. CDK sets alias/aws/s3 on every PipelineProject, and therefore on every CDK Pipelines step, unless a key is passed, so presence-only checks pass every default CDK pipeline.',
  remediation:
    'Set EncryptionKey to the ARN of a customer-managed KMS key (AWS::KMS::Key with EnableKeyRotation: true).',
  cdkHint:
    "encryptionKey: new kms.Key(this, 'Key', { enableKeyRotation: true }) on codebuild.Project; with CDK Pipelines crossAccountKeys: true (projects use the artifact bucket key)",
  check({ resource, facts }) {
    return requireCustomerManagedKey(resource, 'EncryptionKey', 'alias/aws/s3', facts);
  },
});
