/**
 * PASS / FAIL / UNKNOWN templates of the relation controls CICD.STACK.6–9 (log groups projects write to,
 * keys pipeline resources use, hosts connections point to, deployment configs of production groups), merged
 * into STACK_CASES (cases.ts) and run by test/controls/stack-cases.test.ts through the real STACK entry.
 */
import { ACCOUNT } from '../../helpers/requests';
import type { StackCase } from './cases';

const key = (extra: Record<string, unknown> = {}) => ({ Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: true, ...extra } });
const keyArn = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });
const param = { Env: { Type: 'String' } };
const undecided = { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } };

// ---------------------------------------------------------------------------------------------------
// CICD.STACK.6: log groups
// ---------------------------------------------------------------------------------------------------

const logGroup = (extra: Record<string, unknown> = {}) => ({ Type: 'AWS::Logs::LogGroup', Properties: { KmsKeyId: keyArn('LogsKey'), RetentionInDays: 365, ...extra } });
const buildProject = (props: Record<string, unknown> = {}) => ({ Type: 'AWS::CodeBuild::Project', Properties: { ServiceRole: 'arn:aws:iam::123456789012:role/build', ...props } });
const cwLogs = (groupName: unknown, status = 'ENABLED') => ({ LogsConfig: { CloudWatchLogs: { Status: status, ...(groupName === undefined ? {} : { GroupName: groupName }) } } });
const withLogs = (resources: Record<string, unknown>) => ({ LogsKey: key(), ...resources });

/** A customer-managed key outside the stack (the request's account) and its kms.key facts. */
const EXISTING_KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/0b1c2d3e-1111-2222-3333-444455556666`;
const FOREIGN_KEY = 'arn:aws:kms:eu-west-1:999999999999:key/0b1c2d3e-1111-2222-3333-444455556666';
const keyFact = (extra: Record<string, unknown> = {}) => ({ [`kms.key ${EXISTING_KEY}`]: { arn: EXISTING_KEY, awsManaged: false, enabled: true, rotation: true, ...extra } });
const PLATFORM_GROUP = '/platform/codebuild';
const groupFact = (fact: Record<string, unknown>) => ({ [`logs.group ${PLATFORM_GROUP}`]: fact });

const LOG_CASES: StackCase[] = [
  { name: 'GroupName Ref to a log group with a customer-managed key and a year of retention', expect: 'PASS', template: { Resources: withLogs({ Logs: logGroup(), Build: buildProject(cwLogs({ Ref: 'Logs' })) }) } },
  {
    name: 'GroupName as a literal equal to the group\'s LogGroupName (retention unset: never expires)',
    expect: 'PASS',
    template: { Resources: withLogs({ Logs: logGroup({ LogGroupName: '/ci/build', RetentionInDays: { Ref: 'AWS::NoValue' } }), Build: buildProject(cwLogs('/ci/build')) }) },
  },
  { name: 'GroupName as Fn::Sub ${Logs}', expect: 'PASS', template: { Resources: withLogs({ Logs: logGroup(), Build: buildProject(cwLogs({ 'Fn::Sub': '${Logs}' })) }) } },
  {
    name: 'no LogsConfig: the default group /aws/codebuild/<Name> is declared with a literal name',
    expect: 'PASS',
    template: { Resources: withLogs({ Logs: logGroup({ LogGroupName: '/aws/codebuild/app-build' }), Build: buildProject({ Name: 'app-build' }) }) },
  },
  {
    name: 'no GroupName: the default group is declared from the project\'s Ref (CDK: `/aws/codebuild/${project.projectName}`)',
    expect: 'PASS',
    template: { Resources: withLogs({ Logs: logGroup({ LogGroupName: { 'Fn::Join': ['', ['/aws/codebuild/', { Ref: 'Build' }]] } }), Build: buildProject(cwLogs(undefined)) }) },
  },
  {
    name: 'no GroupName: the default group is declared with Fn::Sub /aws/codebuild/${Build}',
    expect: 'PASS',
    template: { Resources: withLogs({ Logs: logGroup({ LogGroupName: { 'Fn::Sub': '/aws/codebuild/${Build}' } }), Build: buildProject() }) },
  },
  { name: 'CloudWatch Logs DISABLED: no group to judge', expect: 'PASS', template: { Resources: { Build: buildProject(cwLogs(undefined, 'DISABLED')) } } },
  {
    name: 'a log group no project writes to is not this control\'s',
    expect: 'PASS',
    template: { Resources: withLogs({ Logs: logGroup(), Other: { Type: 'AWS::Logs::LogGroup' }, Build: buildProject(cwLogs({ Ref: 'Logs' })) }) },
  },
  {
    name: 'the group has no KmsKeyId',
    expect: 'FAIL',
    logicalIds: ['Logs'],
    messageIncludes: ['CICD.LOGS.1', 'Build (LogsConfig.CloudWatchLogs.GroupName)'],
    template: { Resources: { Logs: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 365 } }, Build: buildProject(cwLogs({ Ref: 'Logs' })) } },
  },
  {
    name: 'the group keeps its events for a week',
    expect: 'FAIL',
    logicalIds: ['Logs'],
    messageIncludes: ['CICD.LOGS.2', 'RetentionInDays is 7'],
    template: { Resources: withLogs({ Logs: logGroup({ RetentionInDays: '7' }), Build: buildProject(cwLogs({ Ref: 'Logs' })) }) },
  },
  {
    name: 'the group uses the AWS-managed alias',
    expect: 'FAIL',
    logicalIds: ['Logs'],
    messageIncludes: ['CICD.LOGS.1'],
    template: { Resources: { Logs: logGroup({ KmsKeyId: 'alias/aws/logs' }), Build: buildProject(cwLogs({ Ref: 'Logs' })) } },
  },
  {
    name: 'no LogsConfig and no declared group: CodeBuild creates /aws/codebuild/<name> without a key',
    expect: 'FAIL',
    logicalIds: ['Build'],
    messageIncludes: ['/aws/codebuild/<project name>', 'declare the log group'],
    template: { Resources: { Build: buildProject() } },
  },
  {
    name: 'S3 logs alone do not switch CloudWatch Logs off: the undeclared default group fails',
    expect: 'FAIL',
    logicalIds: ['Build'],
    template: { Resources: { Build: buildProject({ LogsConfig: { S3Logs: { Status: 'ENABLED', Location: 'acme-logs/build' } } }) } },
  },
  {
    name: 'Fn::If between a declared group and AWS::NoValue: the NoValue branch is the undeclared default group',
    expect: 'FAIL',
    logicalIds: ['Build'],
    template: { Parameters: param, Conditions: undecided, Resources: withLogs({ Logs: logGroup(), Build: buildProject(cwLogs({ 'Fn::If': ['IsProd', { Ref: 'Logs' }, { Ref: 'AWS::NoValue' }] })) }) },
  },
  {
    name: 'no GroupName, and the declared group has another name',
    expect: 'FAIL',
    logicalIds: ['Build'],
    messageIncludes: ['/aws/codebuild/app-build'],
    template: { Resources: withLogs({ Logs: logGroup({ LogGroupName: '/aws/codebuild/other' }), Build: buildProject({ Name: 'app-build', ...cwLogs(undefined) }) }) },
  },
  {
    name: 'a group named /aws/codebuild/${Build}-old is not the default group',
    expect: 'FAIL',
    logicalIds: ['Build'],
    template: { Resources: withLogs({ Logs: logGroup({ LogGroupName: { 'Fn::Sub': '/aws/codebuild/${Build}-old' } }), Build: buildProject() }) },
  },
  {
    name: 'the declared default group has no KmsKeyId',
    expect: 'FAIL',
    logicalIds: ['Logs'],
    messageIncludes: ['CICD.LOGS.1', 'Build (its default log group)'],
    template: { Resources: { Logs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: { 'Fn::Sub': '/aws/codebuild/${Build}' } } }, Build: buildProject() } },
  },
  {
    name: 'Fn::If between a compliant group and one without a key: the bad branch fails',
    expect: 'FAIL',
    logicalIds: ['BadLogs'],
    template: {
      Parameters: param,
      Conditions: undecided,
      Resources: withLogs({ Logs: logGroup(), BadLogs: { Type: 'AWS::Logs::LogGroup' }, Build: buildProject(cwLogs({ 'Fn::If': ['IsProd', { Ref: 'Logs' }, { Ref: 'BadLogs' }] })) }),
    },
  },
  {
    name: 'GroupName from a parameter is UNKNOWN',
    expect: 'UNKNOWN',
    logicalIds: ['Build'],
    template: { Parameters: param, Resources: { Build: buildProject(cwLogs({ Ref: 'Env' })) } },
  },
  {
    name: 'GroupName of a group outside the stack is UNKNOWN (a literal /team/build is not the group named build)',
    expect: 'UNKNOWN',
    logicalIds: ['Build'],
    template: { Resources: withLogs({ Logs: logGroup({ LogGroupName: 'build' }), Build: buildProject(cwLogs('/team/build')) }) },
  },
  {
    name: 'GroupName from an import is UNKNOWN',
    expect: 'UNKNOWN',
    logicalIds: ['Build'],
    template: { Resources: { Build: buildProject(cwLogs({ 'Fn::ImportValue': 'shared-build-logs' })) } },
  },
  {
    name: 'Fn::If between a compliant group and a parameter: the parameter branch is UNKNOWN, not PASS',
    expect: 'UNKNOWN',
    logicalIds: ['Build'],
    template: { Parameters: param, Conditions: undecided, Resources: withLogs({ Logs: logGroup(), Build: buildProject(cwLogs({ 'Fn::If': ['IsProd', { Ref: 'Logs' }, { Ref: 'Env' }] })) }) },
  },
  {
    name: 'Status from a parameter is UNKNOWN',
    expect: 'UNKNOWN',
    logicalIds: ['Build'],
    template: { Parameters: param, Resources: { Build: buildProject({ LogsConfig: { CloudWatchLogs: { Status: { Ref: 'Env' } } } }) } },
  },
  {
    name: 'the group\'s key from a parameter is UNKNOWN',
    expect: 'UNKNOWN',
    logicalIds: ['Logs'],
    template: { Parameters: param, Resources: { Logs: logGroup({ KmsKeyId: { Ref: 'Env' } }), Build: buildProject(cwLogs({ Ref: 'Logs' })) } },
  },
  // live lookups: a platform-provided group named by a literal, not in the stack (CICD.CODEBUILD.3's judgement)
  {
    name: 'lookup: a platform log group named by a literal, with a customer-managed key and a year of retention',
    expect: 'PASS',
    facts: { ...groupFact({ kmsKeyId: EXISTING_KEY, retentionDays: 365 }), ...keyFact() },
    template: { Resources: { Build: buildProject(cwLogs(PLATFORM_GROUP)) } },
  },
  {
    name: 'lookup: a platform log group that never expires, its key named by alias',
    expect: 'PASS',
    facts: { ...groupFact({ kmsKeyId: 'alias/platform-logs' }), 'kms.key alias/platform-logs': { arn: EXISTING_KEY, awsManaged: false, enabled: true, rotation: true } },
    template: { Resources: { Build: buildProject(cwLogs(PLATFORM_GROUP)) } },
  },
  {
    name: 'lookup off: the same platform log group is UNKNOWN (whether it exists with a key cannot be seen)',
    expect: 'UNKNOWN',
    logicalIds: ['Build'],
    template: { Resources: { Build: buildProject(cwLogs(PLATFORM_GROUP)) } },
  },
  {
    name: 'lookup: the platform log group keeps its events for a week',
    expect: 'FAIL',
    logicalIds: ['Build'],
    messageIncludes: ['names the existing log group /platform/codebuild', 'CICD.LOGS.2', 'RetentionInDays is 7'],
    facts: { ...groupFact({ kmsKeyId: EXISTING_KEY, retentionDays: 7 }), ...keyFact() },
    template: { Resources: { Build: buildProject(cwLogs(PLATFORM_GROUP)) } },
  },
  {
    name: 'lookup: the platform log group has no KMS key',
    expect: 'FAIL',
    logicalIds: ['Build'],
    messageIncludes: ['CICD.LOGS.1', 'KmsKeyId is missing'],
    facts: groupFact({ retentionDays: 365 }),
    template: { Resources: { Build: buildProject(cwLogs(PLATFORM_GROUP)) } },
  },
  {
    name: 'lookup: the platform log group\'s key ARN is an AWS managed key (found by the key\'s own lookup)',
    expect: 'FAIL',
    logicalIds: ['Build'],
    messageIncludes: ['CICD.LOGS.1', 'KeyManager AWS'],
    facts: { ...groupFact({ kmsKeyId: EXISTING_KEY, retentionDays: 365 }), ...keyFact({ awsManaged: true }) },
    template: { Resources: { Build: buildProject(cwLogs(PLATFORM_GROUP)) } },
  },
  {
    name: 'lookup: an Fn::If between a group of the stack and a platform group: the platform branch is judged too',
    expect: 'FAIL',
    logicalIds: ['Build'],
    messageIncludes: ['CICD.LOGS.2'],
    facts: { ...groupFact({ kmsKeyId: EXISTING_KEY, retentionDays: 1 }), ...keyFact() },
    template: { Parameters: param, Conditions: undecided, Resources: withLogs({ Logs: logGroup(), Build: buildProject(cwLogs({ 'Fn::If': ['IsProd', { Ref: 'Logs' }, PLATFORM_GROUP] })) }) },
  },
  {
    name: 'lookup: access denied on the log group fails closed at GroupName, naming the permission (LookupFailureMode FAIL)',
    expect: 'FAIL',
    logicalIds: ['Build'],
    messageIncludes: ['the log group named in LogsConfig.CloudWatchLogs.GroupName could not be looked up', 'logs:DescribeLogGroups'],
    facts: groupFact({ $error: "access denied: the hook's role needs logs:DescribeLogGroups" }),
    template: { Resources: { Build: buildProject(cwLogs(PLATFORM_GROUP)) } },
  },
  {
    name: 'lookup: the group\'s key cannot be looked up: reported at the project\'s GroupName',
    expect: 'FAIL',
    logicalIds: ['Build'],
    messageIncludes: ['the KMS key named in LogsConfig.CloudWatchLogs.GroupName could not be looked up', 'kms:DescribeKey'],
    facts: { ...groupFact({ kmsKeyId: EXISTING_KEY, retentionDays: 365 }), [`kms.key ${EXISTING_KEY}`]: { $error: "access denied: the hook's role needs kms:DescribeKey" } },
    template: { Resources: { Build: buildProject(cwLogs(PLATFORM_GROUP)) } },
  },
  {
    name: 'lookup: the log group is not found, LookupFailureMode UNKNOWN: UNKNOWN naming the lookup',
    expect: 'UNKNOWN',
    logicalIds: ['Build'],
    messageIncludes: ['could not be looked up (not found'],
    config: { LookupFailureMode: 'UNKNOWN' },
    facts: {},
    template: { Resources: { Build: buildProject(cwLogs(PLATFORM_GROUP)) } },
  },
];

// ---------------------------------------------------------------------------------------------------
// CICD.STACK.7: keys
// ---------------------------------------------------------------------------------------------------

const pipelineWithKey = (keyRef: unknown, extra: Record<string, unknown> = {}) => ({
  Type: 'AWS::CodePipeline::Pipeline',
  Properties: { RoleArn: 'arn:aws:iam::123456789012:role/pipeline', ArtifactStore: { Type: 'S3', Location: 'acme-artifacts', EncryptionKey: { Type: 'KMS', Id: keyRef } }, Stages: [], ...extra },
});

const KEY_CASES: StackCase[] = [
  { name: 'the artifact store key (Fn::GetAtt Arn) rotates', expect: 'PASS', template: { Resources: { Key: key(), Pipeline: pipelineWithKey(keyArn('Key')) } } },
  { name: 'a project\'s AWS-managed alias is not a key of the stack (the CMK control judges it)', expect: 'PASS', template: { Resources: { Build: buildProject({ EncryptionKey: 'alias/aws/s3', ...cwLogs(undefined, 'DISABLED') }) } } },
  {
    name: 'a literal key ARN names a key outside the stack (judged where it is defined)',
    expect: 'PASS',
    template: { Resources: { Pipeline: pipelineWithKey('arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab') } },
  },
  {
    name: 'the key behind an alias of the stack (Ref to the alias) rotates',
    expect: 'PASS',
    template: { Resources: { Key: key(), KeyAlias: { Type: 'AWS::KMS::Alias', Properties: { AliasName: 'alias/pipeline', TargetKeyId: { Ref: 'Key' } } }, Pipeline: pipelineWithKey({ Ref: 'KeyAlias' }) } },
  },
  { name: 'a key nothing in the pipeline uses is not this control\'s', expect: 'PASS', template: { Resources: { Key: key(), Unused: { Type: 'AWS::KMS::Key' }, Pipeline: pipelineWithKey(keyArn('Key')) } } },
  { name: 'an asymmetric key cannot rotate and is not required to', expect: 'PASS', template: { Resources: { Key: { Type: 'AWS::KMS::Key', Properties: { KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' } }, Pipeline: pipelineWithKey(keyArn('Key')) } } },
  {
    name: 'the artifact store key does not rotate',
    expect: 'FAIL',
    logicalIds: ['Key'],
    messageIncludes: ['CICD.KMS.1', 'Pipeline (ArtifactStore.EncryptionKey.Id)'],
    template: { Resources: { Key: { Type: 'AWS::KMS::Key' }, Pipeline: pipelineWithKey(keyArn('Key')) } },
  },
  {
    name: 'the project key (Ref: key ID) has a 7-day deletion window',
    expect: 'FAIL',
    logicalIds: ['Key'],
    messageIncludes: ['CICD.KMS.2', 'Build (EncryptionKey)'],
    template: { Resources: { Key: key({ PendingWindowInDays: 7 }), Build: buildProject({ EncryptionKey: { Ref: 'Key' }, ...cwLogs(undefined, 'DISABLED') }) } },
  },
  {
    name: 'the key of a project\'s log group allows every principal',
    expect: 'FAIL',
    logicalIds: ['LogsKey'],
    messageIncludes: ['CICD.KMS.3', 'Logs (KmsKeyId)'],
    template: {
      Resources: {
        LogsKey: key({ KeyPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' }] } }),
        Logs: logGroup(),
        Build: buildProject(cwLogs({ Ref: 'Logs' })),
      },
    },
  },
  {
    name: 'a disabled key named with Fn::Sub arn:…:key/${Key}',
    expect: 'FAIL',
    logicalIds: ['Key'],
    messageIncludes: ['CICD.KMS.4', 'Enabled is false'],
    template: { Resources: { Key: key({ Enabled: 'false' }), Pipeline: pipelineWithKey({ 'Fn::Sub': 'arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/${Key}' }) } },
  },
  {
    name: 'a literal alias name of an alias of the stack leads to a key that does not rotate',
    expect: 'FAIL',
    logicalIds: ['Key'],
    messageIncludes: ['through alias KeyAlias'],
    template: {
      Resources: {
        Key: { Type: 'AWS::KMS::Key' },
        KeyAlias: { Type: 'AWS::KMS::Alias', Properties: { AliasName: 'alias/pipeline', TargetKeyId: keyArn('Key') } },
        Build: buildProject({ EncryptionKey: 'alias/pipeline', ...cwLogs(undefined, 'DISABLED') }),
      },
    },
  },
  {
    name: 'the SSE key of the artifact bucket does not rotate',
    expect: 'FAIL',
    logicalIds: ['BucketKey'],
    messageIncludes: ['Artifacts (BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.KMSMasterKeyID)'],
    template: {
      Resources: {
        Key: key(),
        BucketKey: { Type: 'AWS::KMS::Key' },
        Artifacts: { Type: 'AWS::S3::Bucket', Properties: { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn('BucketKey') } }] } } },
        Pipeline: { ...pipelineWithKey(keyArn('Key')), Properties: { ...pipelineWithKey(keyArn('Key')).Properties, ArtifactStore: { Type: 'S3', Location: { Ref: 'Artifacts' }, EncryptionKey: { Type: 'KMS', Id: keyArn('Key') } } } },
      },
    },
  },
  {
    name: 'the key of a secret a project reads does not rotate',
    expect: 'FAIL',
    logicalIds: ['SecretKey'],
    messageIncludes: ['Token (KmsKeyId)'],
    template: {
      Resources: {
        SecretKey: { Type: 'AWS::KMS::Key' },
        Token: { Type: 'AWS::SecretsManager::Secret', Properties: { KmsKeyId: { Ref: 'SecretKey' } } },
        Build: buildProject({ Environment: { Type: 'LINUX_CONTAINER', ComputeType: 'BUILD_GENERAL1_SMALL', Image: 'aws/codebuild/standard:7.0', EnvironmentVariables: [{ Name: 'TOKEN', Type: 'SECRETS_MANAGER', Value: { Ref: 'Token' } }] }, ...cwLogs(undefined, 'DISABLED') }),
      },
    },
  },
  {
    name: 'Fn::If between a rotating key and one that does not: the bad branch fails',
    expect: 'FAIL',
    logicalIds: ['Bad'],
    template: { Parameters: param, Conditions: undecided, Resources: { Key: key(), Bad: { Type: 'AWS::KMS::Key' }, Pipeline: pipelineWithKey({ 'Fn::If': ['IsProd', keyArn('Key'), keyArn('Bad')] }) } },
  },
  {
    name: 'the key of the second region\'s artifact store (ArtifactStores) does not rotate',
    expect: 'FAIL',
    logicalIds: ['Replica'],
    messageIncludes: ['ArtifactStores[1].ArtifactStore.EncryptionKey.Id'],
    template: {
      Resources: {
        Key: key(),
        Replica: { Type: 'AWS::KMS::Key' },
        Pipeline: {
          Type: 'AWS::CodePipeline::Pipeline',
          Properties: {
            RoleArn: 'arn:aws:iam::123456789012:role/pipeline',
            ArtifactStores: [
              { Region: 'eu-west-1', ArtifactStore: { Type: 'S3', Location: 'a', EncryptionKey: { Type: 'KMS', Id: keyArn('Key') } } },
              { Region: 'us-east-1', ArtifactStore: { Type: 'S3', Location: 'b', EncryptionKey: { Type: 'KMS', Id: keyArn('Replica') } } },
            ],
            Stages: [],
          },
        },
      },
    },
  },
  {
    name: 'a replica key is judged with the controls that target replica keys (its key policy), not rotation',
    expect: 'FAIL',
    logicalIds: ['Replica'],
    messageIncludes: ['CICD.KMS.3'],
    template: {
      Resources: {
        Replica: { Type: 'AWS::KMS::ReplicaKey', Properties: { PrimaryKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/mrk-1', KeyPolicy: { Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*' }] } } },
        Pipeline: pipelineWithKey(keyArn('Replica')),
      },
    },
  },
  { name: 'the artifact store key from a parameter is UNKNOWN', expect: 'UNKNOWN', logicalIds: ['Pipeline'], template: { Parameters: param, Resources: { Pipeline: pipelineWithKey({ Ref: 'Env' }) } } },
  { name: 'the project key from an import is UNKNOWN', expect: 'UNKNOWN', logicalIds: ['Build'], template: { Resources: { Build: buildProject({ EncryptionKey: { 'Fn::ImportValue': 'shared-key' }, ...cwLogs(undefined, 'DISABLED') }) } } },
  // live lookups: a key outside the stack named by a literal ARN, key ID or alias (its kms.key fact)
  { name: 'lookup: the existing artifact store key rotates and is enabled', expect: 'PASS', facts: keyFact(), template: { Resources: { Pipeline: pipelineWithKey(EXISTING_KEY) } } },
  {
    name: 'lookup: an existing asymmetric key (rotation cannot be asked) that is enabled',
    expect: 'PASS',
    facts: keyFact({ rotation: undefined }),
    template: { Resources: { Build: buildProject({ EncryptionKey: EXISTING_KEY, ...cwLogs(undefined, 'DISABLED') }) } },
  },
  {
    name: 'lookup: a key in another account is never looked up (TrustedAccountIds judges it): not this control\'s',
    expect: 'PASS',
    facts: {},
    template: { Resources: { Pipeline: pipelineWithKey(FOREIGN_KEY) } },
  },
  {
    name: 'lookup: an AWS-managed alias is not looked up (the customer-managed-key controls fail it)',
    expect: 'PASS',
    facts: {},
    template: { Resources: { Build: buildProject({ EncryptionKey: 'alias/aws/s3', ...cwLogs(undefined, 'DISABLED') }) } },
  },
  {
    name: 'lookup: the existing artifact store key does not rotate',
    expect: 'FAIL',
    logicalIds: ['Pipeline'],
    messageIncludes: ['existing key (outside the stack) used by Pipeline (ArtifactStore.EncryptionKey.Id)', 'CICD.KMS.1'],
    facts: keyFact({ rotation: false }),
    template: { Resources: { Pipeline: pipelineWithKey(EXISTING_KEY) } },
  },
  {
    name: 'lookup: the existing project key is disabled',
    expect: 'FAIL',
    logicalIds: ['Build'],
    messageIncludes: ['CICD.KMS.4', 'Enabled is false'],
    facts: keyFact({ enabled: false }),
    template: { Resources: { Build: buildProject({ EncryptionKey: EXISTING_KEY, ...cwLogs(undefined, 'DISABLED') }) } },
  },
  {
    name: 'lookup: the key ID a project names is an AWS managed key',
    expect: 'FAIL',
    logicalIds: ['Build'],
    messageIncludes: ['AWS managed key'],
    facts: { 'kms.key 0b1c2d3e-1111-2222-3333-444455556666': { arn: EXISTING_KEY, awsManaged: true, enabled: true, rotation: true } },
    template: { Resources: { Build: buildProject({ EncryptionKey: '0b1c2d3e-1111-2222-3333-444455556666', ...cwLogs(undefined, 'DISABLED') }) } },
  },
  {
    name: 'lookup: an alias of the stack targets an existing key (literal TargetKeyId) that does not rotate',
    expect: 'FAIL',
    logicalIds: ['KeyAlias'],
    messageIncludes: ['through alias KeyAlias', 'CICD.KMS.1'],
    facts: keyFact({ rotation: false }),
    template: { Resources: { KeyAlias: { Type: 'AWS::KMS::Alias', Properties: { AliasName: 'alias/pipeline', TargetKeyId: EXISTING_KEY } }, Pipeline: pipelineWithKey({ Ref: 'KeyAlias' }) } },
  },
  {
    name: 'lookup: access denied on the key fails closed at the property, naming the permission (LookupFailureMode FAIL)',
    expect: 'FAIL',
    logicalIds: ['Pipeline'],
    messageIncludes: ['the KMS key named in ArtifactStore.EncryptionKey.Id could not be looked up', 'kms:DescribeKey'],
    facts: { [`kms.key ${EXISTING_KEY}`]: { $error: "access denied: the hook's role needs kms:DescribeKey" } },
    template: { Resources: { Pipeline: pipelineWithKey(EXISTING_KEY) } },
  },
  {
    name: 'lookup: the key is not found, LookupFailureMode UNKNOWN: UNKNOWN',
    expect: 'UNKNOWN',
    logicalIds: ['Build'],
    messageIncludes: ['could not be looked up (not found'],
    config: { LookupFailureMode: 'UNKNOWN' },
    facts: {},
    template: { Resources: { Build: buildProject({ EncryptionKey: EXISTING_KEY, ...cwLogs(undefined, 'DISABLED') }) } },
  },
];

// ---------------------------------------------------------------------------------------------------
// CICD.STACK.8: connection hosts
// ---------------------------------------------------------------------------------------------------

const host = (extra: Record<string, unknown> = {}, type = 'AWS::CodeStarConnections::Host') => ({
  Type: type,
  Properties: { Name: 'ghes', ProviderType: 'GitHubEnterpriseServer', ProviderEndpoint: 'https://git.example.com', ...extra },
});
const connection = (hostArn: unknown, type = 'AWS::CodeStarConnections::Connection') => ({ Type: type, Properties: { ConnectionName: 'src', HostArn: hostArn } });

const HOST_CASES: StackCase[] = [
  { name: 'a cloud provider connection has no host', expect: 'PASS', template: { Resources: { Conn: { Type: 'AWS::CodeStarConnections::Connection', Properties: { ConnectionName: 'gh', ProviderType: 'GitHub' } } } } },
  { name: 'HostArn Ref to a host with an approved provider type and an https endpoint', expect: 'PASS', template: { Resources: { Host: host(), Conn: connection({ Ref: 'Host' }) } } },
  { name: 'HostArn Fn::GetAtt HostArn (CodeConnections)', expect: 'PASS', template: { Resources: { Host: host({}, 'AWS::CodeConnections::Host'), Conn: connection({ 'Fn::GetAtt': ['Host', 'HostArn'] }, 'AWS::CodeConnections::Connection') } } },
  {
    name: 'a literal host ARN is judged by CICD.CONNECTIONS.2, not here',
    expect: 'PASS',
    template: { Resources: { Conn: connection(`arn:aws:codestar-connections:eu-west-1:${ACCOUNT}:host/ghes-0a1b2c3d`) } },
  },
  {
    name: 'AllowedConnectionHostArns admits new hosts of the account with a pattern',
    expect: 'PASS',
    config: { AllowedConnectionHostArns: [`arn:aws:codestar-connections:eu-west-1:${ACCOUNT}:host/*`] },
    template: { Resources: { Host: host(), Conn: connection({ Ref: 'Host' }) } },
  },
  {
    name: 'the host is reached over http',
    expect: 'FAIL',
    logicalIds: ['Host'],
    messageIncludes: ['ProviderEndpoint uses http', 'Conn (HostArn)'],
    template: { Resources: { Host: host({ ProviderEndpoint: 'http://git.example.com' }), Conn: connection({ Ref: 'Host' }) } },
  },
  {
    name: 'the host\'s provider type is not in AllowedConnectionProviderTypes',
    expect: 'FAIL',
    logicalIds: ['Host'],
    messageIncludes: ['CICD.CONNECTIONS.1', 'ProviderType GitLabSelfManaged'],
    config: { AllowedConnectionProviderTypes: ['GitHub', 'GitHubEnterpriseServer'] },
    template: { Resources: { Host: host({ ProviderType: 'GitLabSelfManaged' }), Conn: connection({ Ref: 'Host' }) } },
  },
  {
    name: 'AllowedConnectionHostArns names approved hosts: a host the stack creates is not one of them',
    expect: 'FAIL',
    logicalIds: ['Host'],
    messageIncludes: ['CICD.CONNECTIONS.2'],
    config: { AllowedConnectionHostArns: [`arn:aws:codestar-connections:eu-west-1:${ACCOUNT}:host/platform-ghes-11223344`] },
    template: { Resources: { Host: host(), Conn: connection({ Ref: 'Host' }) } },
  },
  {
    name: 'Fn::If between an approved host and one over http: the bad branch fails',
    expect: 'FAIL',
    logicalIds: ['BadHost'],
    template: {
      Parameters: param,
      Conditions: undecided,
      Resources: {
        Host: host({}, 'AWS::CodeConnections::Host'),
        BadHost: host({ ProviderEndpoint: 'http://git.example.com' }, 'AWS::CodeConnections::Host'),
        Conn: connection({ 'Fn::If': ['IsProd', { Ref: 'Host' }, { Ref: 'BadHost' }] }, 'AWS::CodeConnections::Connection'),
      },
    },
  },
  { name: 'HostArn from a parameter is UNKNOWN', expect: 'UNKNOWN', logicalIds: ['Conn'], template: { Parameters: param, Resources: { Conn: connection({ Ref: 'Env' }) } } },
  { name: 'the host\'s endpoint from a parameter is UNKNOWN', expect: 'UNKNOWN', logicalIds: ['Host'], template: { Parameters: param, Resources: { Host: host({ ProviderEndpoint: { Ref: 'Env' } }), Conn: connection({ Ref: 'Host' }) } } },
];

// ---------------------------------------------------------------------------------------------------
// CICD.STACK.9: deployment configs of production deployment groups
// ---------------------------------------------------------------------------------------------------

const group = (name: unknown, config: unknown) => ({
  Type: 'AWS::CodeDeploy::DeploymentGroup',
  Properties: { ApplicationName: 'app', ServiceRoleArn: 'arn:aws:iam::123456789012:role/deploy', ...(name === undefined ? {} : { DeploymentGroupName: name }), DeploymentConfigName: config },
});
const serverConfig = (type: string, value: unknown) => ({ Type: 'AWS::CodeDeploy::DeploymentConfig', Properties: { MinimumHealthyHosts: { Type: type, Value: value } } });
const lambdaConfig = (routing: Record<string, unknown> | undefined, platform = 'Lambda') => ({
  Type: 'AWS::CodeDeploy::DeploymentConfig',
  Properties: { ComputePlatform: platform, ...(routing ? { TrafficRoutingConfig: routing } : {}) },
});
const canary = (percent: unknown) => ({ Type: 'TimeBasedCanary', TimeBasedCanary: { CanaryPercentage: percent, CanaryInterval: 5 } });

const DEPLOY_CASES: StackCase[] = [
  { name: 'a production group with a Lambda canary of 10 %', expect: 'PASS', template: { Resources: { Config: lambdaConfig(canary(10)), Group: group('app-prod', { Ref: 'Config' }) } } },
  { name: 'a production group with a server config keeping 75 % healthy', expect: 'PASS', template: { Resources: { Config: serverConfig('FLEET_PERCENT', '75'), Group: group('app-prod', { Ref: 'Config' }) } } },
  { name: 'a non-production group may deploy all at once', expect: 'PASS', template: { Resources: { Config: serverConfig('FLEET_PERCENT', 0), Group: group('app-dev', { Ref: 'Config' }) } } },
  { name: 'a production group with a built-in gradual config', expect: 'PASS', template: { Resources: { Group: group('app-prod', 'CodeDeployDefault.OneAtATime') } } },
  { name: 'a non-production group\'s config from a parameter needs no answer', expect: 'PASS', template: { Parameters: param, Resources: { Group: group('app-dev', { Ref: 'Env' }) } } },
  {
    name: 'production: FLEET_PERCENT 0',
    expect: 'FAIL',
    logicalIds: ['Config'],
    messageIncludes: ['MinimumHealthyHosts is FLEET_PERCENT 0', 'production deployment group Group'],
    template: { Resources: { Config: serverConfig('FLEET_PERCENT', '0'), Group: group('app-prod', { Ref: 'Config' }) } },
  },
  { name: 'production: HOST_COUNT 0', expect: 'FAIL', logicalIds: ['Config'], template: { Resources: { Config: serverConfig('HOST_COUNT', 0), Group: group('Prod', { Ref: 'Config' }) } } },
  {
    name: 'production: Lambda AllAtOnce routing',
    expect: 'FAIL',
    logicalIds: ['Config'],
    messageIncludes: ['AllAtOnce'],
    template: { Resources: { Config: lambdaConfig({ Type: 'AllAtOnce' }), Group: group('app-prod', { Ref: 'Config' }) } },
  },
  {
    name: 'production: ECS config without TrafficRoutingConfig (all at once by default)',
    expect: 'FAIL',
    logicalIds: ['Config'],
    messageIncludes: ['TrafficRoutingConfig is missing'],
    template: { Resources: { Config: lambdaConfig(undefined, 'ECS'), Group: group('app-prod', { Ref: 'Config' }) } },
  },
  { name: 'production: a canary of 100 %', expect: 'FAIL', logicalIds: ['Config'], messageIncludes: ['CanaryPercentage is 100'], template: { Resources: { Config: lambdaConfig(canary('100')), Group: group('app-prod', { Ref: 'Config' }) } } },
  {
    name: 'production: the config named by a literal equal to its DeploymentConfigName',
    expect: 'FAIL',
    logicalIds: ['Config'],
    template: { Resources: { Config: { ...serverConfig('FLEET_PERCENT', 0), Properties: { DeploymentConfigName: 'fast', MinimumHealthyHosts: { Type: 'FLEET_PERCENT', Value: 0 } } }, Group: group('app-prod', 'fast') } },
  },
  {
    name: 'production by destination: a Prod stage of a pipeline deploys to the group',
    expect: 'FAIL',
    logicalIds: ['Config'],
    messageIncludes: ['stage Prod of pipeline Pipeline'],
    template: {
      Resources: {
        Config: serverConfig('FLEET_PERCENT', 0),
        Group: group(undefined, { Ref: 'Config' }),
        Pipeline: {
          Type: 'AWS::CodePipeline::Pipeline',
          Properties: {
            RoleArn: 'arn:aws:iam::123456789012:role/pipeline',
            ArtifactStore: { Type: 'S3', Location: 'a' },
            Stages: [
              { Name: 'Source', Actions: [{ Name: 'S', ActionTypeId: { Category: 'Source', Owner: 'AWS', Provider: 'S3', Version: '1' }, Configuration: { S3Bucket: 'a', S3ObjectKey: 'k' }, OutputArtifacts: [{ Name: 'src' }] }] },
              { Name: 'Prod', Actions: [{ Name: 'D', ActionTypeId: { Category: 'Deploy', Owner: 'AWS', Provider: 'CodeDeploy', Version: '1' }, Configuration: { ApplicationName: 'app', DeploymentGroupName: { Ref: 'Group' } }, InputArtifacts: [{ Name: 'src' }] }] },
            ],
          },
        },
      },
    },
  },
  {
    name: 'production by account (ProductionAccountIds)',
    expect: 'FAIL',
    logicalIds: ['Config'],
    messageIncludes: ['ProductionAccountIds'],
    config: { ProductionAccountIds: [ACCOUNT] },
    template: { Resources: { Config: serverConfig('FLEET_PERCENT', 0), Group: group('app', { Ref: 'Config' }) } },
  },
  {
    name: 'Fn::If between a gradual and an all-at-once config: the bad branch fails',
    expect: 'FAIL',
    logicalIds: ['Fast'],
    template: { Parameters: param, Conditions: undecided, Resources: { Config: serverConfig('FLEET_PERCENT', 75), Fast: serverConfig('FLEET_PERCENT', 0), Group: group('app-prod', { 'Fn::If': ['IsProd', { Ref: 'Config' }, { Ref: 'Fast' }] }) } },
  },
  { name: 'production: the config from a parameter is UNKNOWN', expect: 'UNKNOWN', logicalIds: ['Group'], template: { Parameters: param, Resources: { Group: group('app-prod', { Ref: 'Env' }) } } },
  { name: 'production: a custom config defined outside the stack is UNKNOWN', expect: 'UNKNOWN', logicalIds: ['Group'], template: { Resources: { Group: group('app-prod', 'team-fast-config') } } },
  {
    name: 'an all-at-once config for a group whose name is a parameter is UNKNOWN',
    expect: 'UNKNOWN',
    logicalIds: ['Group'],
    template: { Parameters: param, Resources: { Config: serverConfig('FLEET_PERCENT', 0), Group: group({ 'Fn::Sub': 'app-${Env}' }, { Ref: 'Config' }) } },
  },
  { name: 'production: MinimumHealthyHosts.Value from a parameter is UNKNOWN', expect: 'UNKNOWN', logicalIds: ['Config'], template: { Parameters: param, Resources: { Config: serverConfig('FLEET_PERCENT', { Ref: 'Env' }), Group: group('app-prod', { Ref: 'Config' }) } } },
];

export const RELATION_CASES: Record<string, StackCase[]> = {
  'CICD.STACK.6': LOG_CASES,
  'CICD.STACK.7': KEY_CASES,
  'CICD.STACK.8': HOST_CASES,
  'CICD.STACK.9': DEPLOY_CASES,
};
