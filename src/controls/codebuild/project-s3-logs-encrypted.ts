import { defineControl, type Finding, type ResourceView } from '../types';

function evaluate(view: ResourceView): Finding[] {
  if (view.bool('LogsConfig.S3Logs.EncryptionDisabled') !== true) return [];
  if (view.str('LogsConfig.S3Logs.Status')?.trim().toUpperCase() === 'DISABLED') return [];
  return [{ path: 'LogsConfig.S3Logs.EncryptionDisabled', message: 'LogsConfig.S3Logs.EncryptionDisabled is true: build logs are written to S3 unencrypted' }];
}

export const codebuildProjectS3LogsEncrypted = defineControl({
  id: 'CICD.CODEBUILD.4',
  slug: 'project-s3-logs-encrypted',
  title: 'CodeBuild S3 build logs are encrypted',
  resourceTypes: ['AWS::CodeBuild::Project'],
  severity: 'MEDIUM',
  risks: ['CICD-SEC-7', 'CICD-SEC-10'],
  requirement: 'Everything the pipeline stores is encrypted with KMS customer-managed keys (S9, SEC11-BP07).',
  rationale:
    'Build logs routinely contain environment details, dependency URLs and, through careless echo statements, secrets. With S3Logs.EncryptionDisabled they are stored unencrypted and escape the key policy of the project key that otherwise governs who may read them.',
  remediation:
    'Remove LogsConfig.S3Logs.EncryptionDisabled or set it to false; CodeBuild then encrypts the logs with the project EncryptionKey.',
  cdkHint: 'logging: { s3: { bucket, encrypted: true } } (encrypted defaults to true; do not set it to false)',
  check({ resource }) {
    return evaluate(resource);
  },
});
