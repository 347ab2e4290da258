import { classifyKey } from '../../predicates/cmk';
import { markWeakened } from '../../predicates/weakening';
import { defineControl, type Finding, type ResourceView } from '../types';

function evaluate(view: ResourceView, record: boolean): Finding[] {
  const raw = view.get('EncryptionKey');
  const verdict = classifyKey(view.strOf(raw, 'EncryptionKey'));
  switch (verdict.kind) {
    case 'cmk':
      return [];
    case 'missing':
      return [{ path: 'EncryptionKey', message: 'EncryptionKey is missing: CodeBuild falls back to the AWS-managed key alias/aws/s3' }];
    case 'aws-managed':
      return [{ path: 'EncryptionKey', message: `EncryptionKey is the AWS-managed key ${verdict.alias}, not a customer-managed key` }];
    case 'unresolved':
      if (record) view.unknown('EncryptionKey', 'a dynamic reference is resolved only at deployment');
      return [{ path: 'EncryptionKey', message: 'EncryptionKey is a reference the hook cannot resolve to a customer-managed key' }];
  }
}

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
    'Set EncryptionKey to the ARN of a customer-managed KMS key (AWS::KMS::Key with EnableKeyRotation: true). In CDK pass encryptionKey to the project, or create the pipeline with crossAccountKeys: true so CDK Pipelines uses the artifact bucket key.',
  check({ resource, previous }) {
    return markWeakened(evaluate(resource, true), previous ? evaluate(previous, false) : undefined, 'the customer-managed key is replaced by this update');
  },
});
