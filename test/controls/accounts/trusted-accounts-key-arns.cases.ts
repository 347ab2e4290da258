import { defineCases } from '../../helpers/cases';

const OWN = '123456789012';
const FOREIGN = '444455556666';
const key = (account: string) => `arn:aws:kms:eu-west-1:${account}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

/** A minimal resource of each type with its key reference set to `k` (and the path that holds it). */
const SHAPES: Record<string, { path: string; with: (k: unknown) => Record<string, unknown>; without: Record<string, unknown> }> = {
  'AWS::S3::Bucket': {
    path: 'BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.KMSMasterKeyID',
    with: (k) => ({ BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: k } }] } }),
    without: { BucketName: 'ci-artifacts' },
  },
  'AWS::CodeBuild::Project': { path: 'EncryptionKey', with: (k) => ({ Name: 'build', EncryptionKey: k }), without: { Name: 'build' } },
  'AWS::CodeBuild::ReportGroup': { path: 'ExportConfig.S3Destination.EncryptionKey', with: (k) => ({ Type: 'TEST', ExportConfig: { ExportConfigType: 'S3', S3Destination: { Bucket: 'reports', EncryptionKey: k } } }), without: { Type: 'TEST', ExportConfig: { ExportConfigType: 'NO_EXPORT' } } },
  'AWS::CodePipeline::Pipeline': { path: 'ArtifactStore.EncryptionKey.Id', with: (k) => ({ ArtifactStore: { Type: 'S3', Location: 'ci-artifacts', EncryptionKey: { Type: 'KMS', Id: k } } }), without: { ArtifactStore: { Type: 'S3', Location: 'ci-artifacts' } } },
  'AWS::Logs::LogGroup': { path: 'KmsKeyId', with: (k) => ({ LogGroupName: '/ci/build', KmsKeyId: k }), without: { LogGroupName: '/ci/build' } },
  'AWS::CloudTrail::Trail': { path: 'KMSKeyId', with: (k) => ({ IsLogging: true, S3BucketName: 'trail', KMSKeyId: k }), without: { IsLogging: true, S3BucketName: 'trail' } },
  'AWS::SecretsManager::Secret': { path: 'KmsKeyId', with: (k) => ({ Name: 'deploy-token', KmsKeyId: k }), without: { Name: 'deploy-token' } },
  'AWS::CodeCommit::Repository': { path: 'KmsKeyId', with: (k) => ({ RepositoryName: 'app', KmsKeyId: k }), without: { RepositoryName: 'app' } },
  'AWS::CodeArtifact::Domain': { path: 'EncryptionKey', with: (k) => ({ DomainName: 'acme', EncryptionKey: k }), without: { DomainName: 'acme' } },
  'AWS::ECR::Repository': { path: 'EncryptionConfiguration.KmsKey', with: (k) => ({ RepositoryName: 'ci/app', EncryptionConfiguration: { EncryptionType: 'KMS', KmsKey: k } }), without: { RepositoryName: 'ci/app' } },
  'AWS::ECR::RepositoryCreationTemplate': { path: 'EncryptionConfiguration.KmsKey', with: (k) => ({ Prefix: 'ci', AppliedFor: ['PULL_THROUGH_CACHE'], EncryptionConfiguration: { EncryptionType: 'KMS', KmsKey: k } }), without: { Prefix: 'ci', AppliedFor: ['PULL_THROUGH_CACHE'] } },
  'AWS::Lambda::Function': { path: 'KmsKeyArn', with: (k) => ({ FunctionName: 'hook', KmsKeyArn: k }), without: { FunctionName: 'hook' } },
  'AWS::KMS::Alias': { path: 'TargetKeyId', with: (k) => ({ AliasName: 'alias/ci', TargetKeyId: k }), without: { AliasName: 'alias/ci' } },
};
const TYPES = Object.keys(SHAPES);
const topKey = (p: string) => p.split(/[.[]/)[0];

export default defineCases({
  controlId: 'CICD.ACCOUNTS.2',
  resourceTypes: TYPES,
  cases: [
    { name: 'a key of the own account', properties: (t) => SHAPES[t].with(key(OWN)), expect: 'PASS' },
    { name: 'a bare key ID (the own account)', properties: (t) => SHAPES[t].with('1234abcd-12ab-34cd-56ef-1234567890ab'), expect: 'PASS' },
    { name: 'an alias name (the own account)', properties: (t) => SHAPES[t].with('alias/ci-artifacts'), expect: 'PASS' },
    { name: 'an alias ARN of a listed account', properties: (t) => SHAPES[t].with(`arn:aws:kms:eu-west-1:${FOREIGN}:alias/shared`), config: { TrustedAccountIds: [FOREIGN] }, expect: 'PASS' },
    { name: 'a key of a production account', properties: (t) => SHAPES[t].with(key('222222222222')), config: { ProductionAccountIds: ['222222222222'] }, expect: 'PASS' },
    { name: 'no key property', absent: (t) => [topKey(SHAPES[t].path) === 'ExportConfig' ? 'ExportConfig.S3Destination' : SHAPES[t].path], properties: (t) => SHAPES[t].without, expect: 'PASS' },
    { name: 'a key of a foreign account', properties: (t) => SHAPES[t].with(key(FOREIGN)), expect: 'FAIL', messageIncludes: (t) => [SHAPES[t].path, `account ${FOREIGN}`] },
    { name: 'a key of a foreign account in another partition', properties: (t) => SHAPES[t].with(`arn:aws-us-gov:kms:us-gov-west-1:${FOREIGN}:key/abcd`), expect: 'FAIL', messageIncludes: FOREIGN },
    { name: 'a wildcard account', properties: (t) => SHAPES[t].with('arn:aws:kms:eu-west-1:*:key/abcd'), expect: 'FAIL', messageIncludes: 'wildcard account' },
    { name: 'a key from an import is UNKNOWN', properties: (t) => SHAPES[t].with({ 'Fn::ImportValue': 'SharedKeyArn' }), expect: 'UNKNOWN', typedOnly: true },
    { name: 'update moves to a foreign key', properties: (t) => SHAPES[t].with(key(FOREIGN)), previous: (t) => SHAPES[t].with(key(OWN)), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
    // lists: every rule, every artifact store
    {
      name: 'the second encryption rule and a replica key',
      resourceType: 'AWS::S3::Bucket',
      properties: {
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: key(OWN) } }, { ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: key(FOREIGN) } }] },
        ReplicationConfiguration: { Role: `arn:aws:iam::${OWN}:role/r`, Rules: [{ Status: 'Enabled', Destination: { Bucket: 'arn:aws:s3:::replica', EncryptionConfiguration: { ReplicaKmsKeyID: key(FOREIGN) } } }] },
      },
      expect: 'FAIL',
      messageIncludes: ['ServerSideEncryptionConfiguration[1]', 'Rules[0].Destination.EncryptionConfiguration.ReplicaKmsKeyID'],
    },
    {
      name: 'a cross-region artifact store with a foreign key',
      resourceType: 'AWS::CodePipeline::Pipeline',
      properties: { ArtifactStores: [{ Region: 'eu-west-1', ArtifactStore: { Type: 'S3', Location: 'a', EncryptionKey: { Type: 'KMS', Id: key(OWN) } } }, { Region: 'us-east-1', ArtifactStore: { Type: 'S3', Location: 'b', EncryptionKey: { Type: 'KMS', Id: `arn:aws:kms:us-east-1:${FOREIGN}:key/x` } } }] },
      expect: 'FAIL',
      messageIncludes: 'ArtifactStores[1].ArtifactStore.EncryptionKey.Id',
    },
    // key properties beyond the first of a type
    { name: 'a secret replica encrypted with a foreign key', resourceType: 'AWS::SecretsManager::Secret', properties: { Name: 'deploy-token', KmsKeyId: key(OWN), ReplicaRegions: [{ Region: 'eu-central-1', KmsKeyId: `arn:aws:kms:eu-central-1:${OWN}:key/r` }, { Region: 'us-east-1', KmsKeyId: `arn:aws:kms:us-east-1:${FOREIGN}:key/r` }] }, expect: 'FAIL', messageIncludes: ['ReplicaRegions[1].KmsKeyId', `account ${FOREIGN}`] },
    { name: 'secret replicas with own keys, or the replica region\'s default key', resourceType: 'AWS::SecretsManager::Secret', properties: { Name: 'deploy-token', ReplicaRegions: [{ Region: 'eu-central-1', KmsKeyId: 'alias/ci' }, { Region: 'us-east-1' }] }, expect: 'PASS' },
    { name: 'a secret replica key from a parameter is UNKNOWN', resourceType: 'AWS::SecretsManager::Secret', properties: { Name: 'deploy-token', ReplicaRegions: [{ Region: 'us-east-1', KmsKeyId: { Ref: 'ReplicaKey' } }] }, expect: 'UNKNOWN', typedOnly: true },
    { name: 'function code (Code.SourceKMSKeyArn) and durable state (DurableConfig.KMSKeyArn) encrypted with foreign keys', resourceType: 'AWS::Lambda::Function', properties: { FunctionName: 'hook', Code: { S3Bucket: 'code', S3Key: 'f.zip', SourceKMSKeyArn: key(FOREIGN) }, DurableConfig: { ExecutionTimeout: 60, KMSKeyArn: key(FOREIGN) } }, expect: 'FAIL', messageIncludes: ['Code.SourceKMSKeyArn', 'DurableConfig.KMSKeyArn'] },
    { name: 'S3 metadata tables encrypted with a foreign key', resourceType: 'AWS::S3::Bucket', properties: { BucketName: 'ci-artifacts', MetadataConfiguration: { JournalTableConfiguration: { RecordExpiration: { Expiration: 'DISABLED' }, EncryptionConfiguration: { SseAlgorithm: 'aws:kms', KmsKeyArn: key(FOREIGN) } }, InventoryTableConfiguration: { ConfigurationState: 'ENABLED', EncryptionConfiguration: { SseAlgorithm: 'aws:kms', KmsKeyArn: key(OWN) } } } }, expect: 'FAIL', messageIncludes: ['MetadataConfiguration.JournalTableConfiguration.EncryptionConfiguration.KmsKeyArn', FOREIGN] },
  ],
});
