import { referenceAccountFindings, trustedFrom } from '../../predicates/accounts';
import { defineControl, type Finding, type ResourceView } from '../types';

/** Paths of the KMS key references of each guarded type (`[]` marks a list walked item by item). */
const KEY_PATHS: Readonly<Record<string, readonly string[]>> = {
  'AWS::S3::Bucket': [
    'BucketEncryption.ServerSideEncryptionConfiguration[].ServerSideEncryptionByDefault.KMSMasterKeyID',
    'ReplicationConfiguration.Rules[].Destination.EncryptionConfiguration.ReplicaKmsKeyID',
    'MetadataConfiguration.JournalTableConfiguration.EncryptionConfiguration.KmsKeyArn',
    'MetadataConfiguration.InventoryTableConfiguration.EncryptionConfiguration.KmsKeyArn',
  ],
  'AWS::CodeBuild::Project': ['EncryptionKey'],
  'AWS::CodeBuild::ReportGroup': ['ExportConfig.S3Destination.EncryptionKey'],
  'AWS::CodePipeline::Pipeline': ['ArtifactStore.EncryptionKey.Id', 'ArtifactStores[].ArtifactStore.EncryptionKey.Id'],
  'AWS::Logs::LogGroup': ['KmsKeyId'],
  'AWS::CloudTrail::Trail': ['KMSKeyId'],
  'AWS::SecretsManager::Secret': ['KmsKeyId', 'ReplicaRegions[].KmsKeyId'],
  'AWS::CodeCommit::Repository': ['KmsKeyId'],
  'AWS::CodeArtifact::Domain': ['EncryptionKey'],
  'AWS::ECR::Repository': ['EncryptionConfiguration.KmsKey'],
  'AWS::ECR::RepositoryCreationTemplate': ['EncryptionConfiguration.KmsKey'],
  'AWS::Lambda::Function': ['KmsKeyArn', 'Code.SourceKMSKeyArn', 'DurableConfig.KMSKeyArn'],
  'AWS::KMS::Alias': ['TargetKeyId'],
};

/** Every concrete path of a pattern such as `Rules[].Destination.X` (`Rules[0].Destination.X`, ...), through the view. */
export function expandPaths(view: ResourceView, pattern: string): string[] {
  const i = pattern.indexOf('[]');
  if (i === -1) return [pattern];
  const list = pattern.slice(0, i);
  const rest = pattern.slice(i + 2).replace(/^\./, '');
  return view.items(list).flatMap(({ index }) => expandPaths(view, `${list}[${index}]${rest === '' ? '' : `.${rest}`}`));
}

export const trustedAccountsKeyArns = defineControl({
  id: 'CICD.ACCOUNTS.2',
  slug: 'trusted-accounts-key-arns',
  title: 'Guarded resources are encrypted with KMS keys of trusted accounts only',
  resourceTypes: Object.keys(KEY_PATHS),
  severity: 'HIGH',
  risks: ['CICD-SEC-9', 'CICD-SEC-7'],
  requirement: 'Artifact integrity and data protection (OWASP CICD-SEC-9, CICD-SEC-7): the keys that protect artifacts, logs, secrets and images are controlled by accounts the platform trusts.',
  rationale:
    'A key ARN names the account that owns the key, and that account\'s key policy decides who decrypts: encrypting a bucket, project, pipeline artifact store, log group, trail, secret or one of its replicas, repository, registry or function with a key of another account hands that account the data (and the power to make it unreadable by disabling the key). Every key property of the guarded types is read: S3 default encryption rules, replica keys (ReplicationConfiguration.Rules[].Destination.EncryptionConfiguration.ReplicaKmsKeyID) and S3 Metadata journal and inventory table keys; CodeBuild project and report export keys; CodePipeline artifact stores of every region; the log group, trail and CodeCommit keys; a secret\'s KmsKeyId and every ReplicaRegions[].KmsKeyId (the key of each replica); the CodeArtifact domain key; ECR repository and repository creation template keys (EncryptionConfiguration.KmsKey); a Lambda function\'s environment key (KmsKeyArn), code key (Code.SourceKMSKeyArn) and durable state key (DurableConfig.KMSKeyArn); alias targets; the account field of a key or alias ARN must be the account the change is made in, a ProductionAccountIds or a TrustedAccountIds entry. A bare key ID or alias name is the change\'s own account; a wildcard account fails; a reference the template does not resolve is UNKNOWN.',
  remediation:
    'Use a customer-managed key of the account the stack deploys to (or of an account the platform trusts); if a shared key account is part of the design, ask the platform team to add it to TrustedAccountIds.',
  parameters: ['ProductionAccountIds', 'TrustedAccountIds'],
  check({ resource, resourceType, settings, accountId }) {
    const trusted = trustedFrom(settings, accountId);
    const findings: Finding[] = [];
    for (const pattern of KEY_PATHS[resourceType] ?? []) {
      for (const path of expandPaths(resource, pattern)) findings.push(...referenceAccountFindings(resource, path, trusted, 'KMS key'));
    }
    return findings;
  },
});
