import { defineCases } from '../../helpers/cases';
import { hardenedPipeline, PIPELINE_ACCOUNT, PROD_ACCOUNT, stage, UAT_ACCOUNT, withStages, type Json } from '../codepipeline/builders';
import { allow, CDK_PIPELINE_POLICY, deny, doc } from '../iam/fixtures';
import { bare, docPath, identity, IDENTITY_TYPES, INLINE_TYPES, statementPath, withoutDocument } from '../iam/identity';
import { attaching, ATTACHING_TYPES, aws } from '../iam/managed-policy-content';

const OWN = '123456789012';
const FOREIGN = '999999999999';
const PROD = '222222222222';
const PIPELINE = 'AWS::CodePipeline::Pipeline';
const assume = (resource: unknown, extra: Record<string, unknown> = {}) => allow('sts:AssumeRole', resource, extra);
const roleArn = (account: string, name = 'deploy') => `arn:aws:iam::${account}:role/${name}`;
const at = (i: number, rest = 'Resource') => (t: string) => `${statementPath(t, i)}.${rest}`;

/** The pipeline's accounts trusted the way the platform would list them. */
const PIPELINE_TRUST = { TrustedAccountIds: [PIPELINE_ACCOUNT, UAT_ACCOUNT], ProductionAccountIds: [PROD_ACCOUNT] };
const build = (over: Json): Json => ({
  Name: 'Job',
  ActionTypeId: { Category: 'Build', Owner: 'AWS', Provider: 'CodeBuild', Version: '1' },
  Configuration: { ProjectName: 'app-build' },
  InputArtifacts: [{ Name: 'Src' }],
  RunOrder: 1,
  ...over,
});
const cfn = (configuration: Json, over: Json = {}): Json => ({
  Name: 'Deploy',
  ActionTypeId: { Category: 'Deploy', Owner: 'AWS', Provider: 'CloudFormation', Version: '1' },
  Configuration: { StackName: 'app', ActionMode: 'CREATE_UPDATE', TemplatePath: 'Src::t.json', ...configuration },
  InputArtifacts: [{ Name: 'Src' }],
  RoleArn: roleArn(OWN, 'deploy-action'),
  RunOrder: 1,
  ...over,
});
const stackSet = (provider: 'CloudFormationStackSet' | 'CloudFormationStackInstances', configuration: Json): Json => ({
  Name: 'StackSet',
  ActionTypeId: { Category: 'Deploy', Owner: 'AWS', Provider: provider, Version: '1' },
  Configuration: { StackSetName: 'baseline', ...(provider === 'CloudFormationStackSet' ? { TemplatePath: 'Src::t.json' } : {}), Regions: 'eu-west-1', ...configuration },
  InputArtifacts: [{ Name: 'Src' }],
  RunOrder: 1,
});
const invoke = (provider: 'Lambda' | 'StepFunctions', configuration: Json): Json => ({
  Name: 'Invoke',
  ActionTypeId: { Category: 'Invoke', Owner: 'AWS', Provider: provider, Version: '1' },
  Configuration: configuration,
  RunOrder: 1,
});
const approval = (configuration: Json): Json => ({ Name: 'Approve', ActionTypeId: { Category: 'Approval', Owner: 'AWS', Provider: 'Manual', Version: '1' }, Configuration: configuration, RunOrder: 1 });
const s3Deploy = (configuration: Json): Json => ({ Name: 'Publish', ActionTypeId: { Category: 'Deploy', Owner: 'AWS', Provider: 'S3', Version: '1' }, Configuration: { Extract: 'true', ...configuration }, InputArtifacts: [{ Name: 'Src' }], RunOrder: 1 });
const source = (connection: string): Json => ({ Name: 'Src', ActionTypeId: { Category: 'Source', Owner: 'AWS', Provider: 'CodeStarSourceConnection', Version: '1' }, Configuration: { ConnectionArn: connection, FullRepositoryId: 'acme/app', BranchName: 'main' }, OutputArtifacts: [{ Name: 'Src' }], RunOrder: 1 });
const topic = (account: string) => `arn:aws:sns:eu-west-1:${account}:approvals`;
/** A pipeline in the request's own account with one stage holding these actions. */
const pipeline = (...actions: Json[]): Json => ({ ...withStages([stage('Deploy', actions)]), RoleArn: roleArn(OWN, 'pipeline') });

export default defineCases({
  controlId: 'CICD.ACCOUNTS.4',
  resourceTypes: [...IDENTITY_TYPES, PIPELINE],
  cases: [
    // ---- identity policies: PASS
    { name: 'sts:AssumeRole on a role of the own account', resourceType: IDENTITY_TYPES, properties: identity(doc(assume(roleArn(OWN)))), expect: 'PASS' },
    { name: 'sts:AssumeRole on a role of a production account', resourceType: IDENTITY_TYPES, properties: identity(doc(assume(`arn:aws:iam::${PROD}:role/cdk-hnb659fds-deploy-role-${PROD}-eu-west-1`))), config: { ProductionAccountIds: [PROD] }, expect: 'PASS' },
    { name: 'sts:AssumeRole on a role of a listed account, as a JSON string', resourceType: IDENTITY_TYPES, properties: identity(JSON.stringify(doc(assume([roleArn(OWN), roleArn(FOREIGN)])))), config: { TrustedAccountIds: [FOREIGN] }, expect: 'PASS' },
    { name: "CDK Pipelines' pipeline and self-mutation policy (arn:*:iam::<own>:role/* with a bootstrap-role tag condition)", resourceType: IDENTITY_TYPES, properties: identity(CDK_PIPELINE_POLICY), config: { ProductionAccountIds: [PROD] }, expect: 'PASS' },
    { name: 'every role of the own account (arn:aws:iam::<own>:role/*)', resourceType: IDENTITY_TYPES, properties: identity(doc(assume(`arn:aws:iam::${OWN}:role/*`))), expect: 'PASS' },
    { name: '"*" pinned by aws:ResourceAccount to the own account', resourceType: IDENTITY_TYPES, properties: identity(doc(assume('*', { Condition: { StringEquals: { 'aws:ResourceAccount': OWN } } }))), expect: 'PASS' },
    { name: 'a wildcard account pinned by aws:ResourceAccount to trusted accounts (list)', resourceType: IDENTITY_TYPES, properties: identity(doc(assume('arn:aws:iam::*:role/deploy', { Condition: { StringEquals: { 'aws:ResourceAccount': [OWN, PROD] } } }))), config: { ProductionAccountIds: [PROD] }, expect: 'PASS' },
    { name: '"*" pinned by aws:ResourceAccount to ${aws:PrincipalAccount} (the holder\'s own account)', resourceType: IDENTITY_TYPES, properties: identity(doc(assume('*', { Condition: { StringEquals: { 'aws:ResourceAccount': '${aws:PrincipalAccount}' } } }))), expect: 'PASS' },
    { name: '"*" pinned by aws:ResourceOrgID to a trusted organisation', resourceType: IDENTITY_TYPES, properties: identity(doc(assume('*', { Condition: { StringEquals: { 'aws:ResourceOrgID': 'o-abc123def45' } } }))), config: { TrustedOrganizationIds: ['o-abc123def45'] }, expect: 'PASS' },
    { name: 'a wildcard account pinned by aws:ResourceOrgPaths under a trusted organisation', resourceType: IDENTITY_TYPES, properties: identity(doc(assume('arn:aws:iam::*:role/x', { Condition: { 'ForAnyValue:StringLike': { 'aws:ResourceOrgPaths': 'o-abc123def45/r-ab12/ou-ab12-11111111/*' } } }))), config: { TrustedOrganizationIds: ['o-abc123def45'] }, expect: 'PASS' },
    { name: 'a foreign role only in a Deny', resourceType: IDENTITY_TYPES, properties: identity(doc(deny('sts:AssumeRole', roleArn(FOREIGN)))), expect: 'PASS' },
    { name: 'a foreign role for an action that is not an assumption (iam:GetRole)', resourceType: IDENTITY_TYPES, properties: identity(doc(allow('iam:GetRole', roleArn(FOREIGN)))), expect: 'PASS' },
    { name: 'Action "*" on resources that cannot be roles (S3 objects, an IAM user, an AWS managed policy)', resourceType: IDENTITY_TYPES, properties: identity(doc(allow('*', ['arn:aws:s3:::artifacts/*', `arn:aws:iam::${FOREIGN}:user/u`, 'arn:aws:iam::aws:policy/ReadOnlyAccess']))), expect: 'PASS' },
    { name: 'no inline Policies (block absent)', resourceType: INLINE_TYPES, properties: bare, absent: ['Policies'], expect: 'PASS' },
    { name: 'an AWS managed policy without sts:AssumeRole (AWSCodeBuildDeveloperAccess)', resourceType: ATTACHING_TYPES, properties: attaching(aws('AWSCodeBuildDeveloperAccess')), expect: 'PASS' },
    // ---- identity policies: FAIL, every spelling of the action
    { name: 'sts:AssumeRole on a role of an untrusted account', resourceType: IDENTITY_TYPES, properties: identity(doc(assume(roleArn(FOREIGN)))), expect: 'FAIL', messageIncludes: (t) => [at(0)(t), `account ${FOREIGN}`, 'sts:AssumeRole'] },
    { name: 'STS:ASSUMEROLE in capitals', resourceType: IDENTITY_TYPES, properties: identity(doc(allow('STS:ASSUMEROLE', roleArn(FOREIGN)))), expect: 'FAIL', messageIncludes: FOREIGN },
    { name: 'sts:Assume*', resourceType: IDENTITY_TYPES, properties: identity(doc(allow('sts:Assume*', roleArn(FOREIGN)))), expect: 'FAIL', messageIncludes: ['via sts:assume*', FOREIGN] },
    { name: 'sts:?ssumeRole', resourceType: IDENTITY_TYPES, properties: identity(doc(allow('sts:?ssumeRole', roleArn(FOREIGN)))), expect: 'FAIL', messageIncludes: 'via sts:?ssumerole' },
    { name: 'sts:*', resourceType: IDENTITY_TYPES, properties: identity(doc(allow(['s3:GetObject', 'sts:*'], roleArn(FOREIGN)))), expect: 'FAIL', messageIncludes: 'via sts:*' },
    { name: 'NotAction that leaves sts:AssumeRole', resourceType: IDENTITY_TYPES, properties: identity(doc({ Effect: 'Allow', NotAction: ['iam:*', 's3:*'], Resource: roleArn(FOREIGN) })), expect: 'FAIL', messageIncludes: 'via NotAction' },
    { name: 'a Resource list with one foreign entry', resourceType: IDENTITY_TYPES, properties: identity(doc(assume([roleArn(OWN), `arn:aws:iam::${PROD}:role/x`, roleArn(FOREIGN, 'exfil')]))), config: { ProductionAccountIds: [PROD] }, expect: 'FAIL', messageIncludes: (t) => [at(0, 'Resource[2]')(t), FOREIGN] },
    { name: 'a foreign role after a Deny, lower-case keys', resourceType: IDENTITY_TYPES, properties: identity({ Version: '2012-10-17', statement: [deny('s3:*'), { effect: 'Allow', action: 'sts:AssumeRole', resource: roleArn(FOREIGN) }] }), expect: 'FAIL', messageIncludes: (t) => [`${statementPath(t, 1)}.resource`, FOREIGN] },
    { name: 'sts:AssumeRoot on a foreign account root', resourceType: IDENTITY_TYPES, properties: identity(doc(allow('sts:AssumeRoot', `arn:aws:iam::${FOREIGN}:root`))), expect: 'FAIL', messageIncludes: ['sts:AssumeRoot', FOREIGN] },
    // ---- identity policies: FAIL, every spelling of "any account"
    { name: 'a wildcard account (arn:aws:iam::*:role/x)', resourceType: IDENTITY_TYPES, properties: identity(doc(assume('arn:aws:iam::*:role/x'))), expect: 'FAIL', messageIncludes: 'any account' },
    { name: 'a ? in the account (1234567890?2)', resourceType: IDENTITY_TYPES, properties: identity(doc(assume('arn:aws:iam::1234567890?2:role/x'))), expect: 'FAIL', messageIncludes: 'wildcard account' },
    { name: 'every role of every account (arn:aws:iam::*:role/*)', resourceType: IDENTITY_TYPES, properties: identity(doc(assume('arn:aws:iam::*:role/*'))), expect: 'FAIL', messageIncludes: 'any account' },
    { name: '"*"', resourceType: IDENTITY_TYPES, properties: identity(doc(assume('*'))), expect: 'FAIL', messageIncludes: (t) => [at(0)(t), 'any account'] },
    { name: 'arn:*', resourceType: IDENTITY_TYPES, properties: identity(doc(assume('arn:*'))), expect: 'FAIL', messageIncludes: 'any account' },
    { name: 'arn:aws:iam::* (the wildcard spans the account)', resourceType: IDENTITY_TYPES, properties: identity(doc(assume('arn:aws:iam::*'))), expect: 'FAIL', messageIncludes: 'any account' },
    { name: 'a wildcard service and resource (arn:aws:*:*:*:*)', resourceType: IDENTITY_TYPES, properties: identity(doc(allow('sts:AssumeRole', 'arn:aws:*:*:*:*'))), expect: 'FAIL', messageIncludes: 'wildcard account' },
    { name: 'a policy variable in the account field', resourceType: IDENTITY_TYPES, properties: identity(doc(assume('arn:aws:iam::${aws:PrincipalTag/target}:role/x'))), expect: 'FAIL', messageIncludes: 'any account' },
    { name: 'NotResource is every resource but a few', resourceType: IDENTITY_TYPES, properties: identity(doc({ Effect: 'Allow', Action: 'sts:AssumeRole', NotResource: roleArn(OWN, 'admin') })), expect: 'FAIL', messageIncludes: (t) => [at(0, 'NotResource')(t), 'any account'] },
    { name: 'an unreadable Effect counts as Allow', resourceType: IDENTITY_TYPES, properties: identity(doc({ Effect: 'Alow', Action: 'sts:AssumeRole', Resource: roleArn(FOREIGN) })), expect: 'FAIL', messageIncludes: FOREIGN },
    { name: 'AdministratorAccess attached (content of the AWS managed policy)', resourceType: ATTACHING_TYPES, properties: attaching(aws('AdministratorAccess')), expect: 'FAIL', messageIncludes: ['ManagedPolicyArns[0]', 'AdministratorAccess', 'any account'] },
    // ---- conditions that do not pin the target account
    { name: 'a resource-tag condition pins no account (any account can tag its roles)', resourceType: IDENTITY_TYPES, properties: identity(doc(assume('arn:*:iam::*:role/*', { Condition: { StringEquals: { 'iam:ResourceTag/aws-cdk:bootstrap-role': 'deploy' } } }))), expect: 'FAIL', messageIncludes: 'no aws:ResourceAccount' },
    { name: 'aws:ResourceAccount with a foreign account', resourceType: IDENTITY_TYPES, properties: identity(doc(assume('*', { Condition: { StringEquals: { 'aws:ResourceAccount': FOREIGN } } }))), expect: 'FAIL', messageIncludes: ['Condition.StringEquals.aws:ResourceAccount', `account ${FOREIGN}`] },
    { name: 'aws:ResourceAccount with a list holding one foreign account', resourceType: IDENTITY_TYPES, properties: identity(doc(assume('*', { Condition: { StringEquals: { 'aws:ResourceAccount': [OWN, FOREIGN] } } }))), expect: 'FAIL', messageIncludes: FOREIGN },
    { name: 'aws:ResourceAccount with a wildcard value (StringLike 1234*)', resourceType: IDENTITY_TYPES, properties: identity(doc(assume('*', { Condition: { StringLike: { 'aws:ResourceAccount': '1234*' } } }))), expect: 'FAIL', messageIncludes: 'no aws:ResourceAccount' },
    { name: 'aws:ResourceAccount with a list whose member is "*"', resourceType: IDENTITY_TYPES, properties: identity(doc(assume('*', { Condition: { StringLike: { 'aws:ResourceAccount': [OWN, '*'] } } }))), expect: 'FAIL', messageIncludes: 'no aws:ResourceAccount' },
    { name: 'aws:ResourceAccount compared with itself (${aws:ResourceAccount})', resourceType: IDENTITY_TYPES, properties: identity(doc(assume('*', { Condition: { StringEquals: { 'aws:ResourceAccount': '${aws:ResourceAccount}' } } }))), expect: 'FAIL', messageIncludes: 'no aws:ResourceAccount' },
    { name: 'StringEqualsIfExists aws:ResourceAccount pins nothing', resourceType: IDENTITY_TYPES, properties: identity(doc(assume('*', { Condition: { StringEqualsIfExists: { 'aws:ResourceAccount': OWN } } }))), expect: 'FAIL', messageIncludes: 'no aws:ResourceAccount' },
    { name: 'StringNotEquals aws:ResourceAccount pins nothing', resourceType: IDENTITY_TYPES, properties: identity(doc(assume('*', { Condition: { StringNotEquals: { 'aws:ResourceAccount': FOREIGN } } }))), expect: 'FAIL', messageIncludes: 'no aws:ResourceAccount' },
    { name: 'aws:ResourceOrgID of an organisation that is not listed', resourceType: IDENTITY_TYPES, properties: identity(doc(assume('*', { Condition: { StringEquals: { 'aws:ResourceOrgID': 'o-zzz999yyy88' } } }))), expect: 'FAIL', messageIncludes: 'TrustedOrganizationIds' },
    { name: 'aws:ResourceOrgID compared with the holder\'s organisation (${aws:PrincipalOrgID}) is not a listed organisation', resourceType: IDENTITY_TYPES, properties: identity(doc(assume('*', { Condition: { StringEquals: { 'aws:ResourceOrgID': '${aws:PrincipalOrgID}' } } }))), expect: 'FAIL', messageIncludes: 'policy variable' },
    { name: 'aws:ResourceAccount from a principal tag is not the own account', resourceType: IDENTITY_TYPES, properties: identity(doc(assume('*', { Condition: { StringEquals: { 'aws:ResourceAccount': '${aws:PrincipalTag/account}' } } }))), expect: 'FAIL', messageIncludes: 'policy variable' },
    { name: 'a caller condition (aws:PrincipalAccount) does not pin the target', resourceType: IDENTITY_TYPES, properties: identity(doc(assume(roleArn(FOREIGN), { Condition: { StringEquals: { 'aws:PrincipalAccount': OWN } } }))), expect: 'FAIL', messageIncludes: FOREIGN },
    // ---- unresolved values: UNKNOWN
    { name: 'a role ARN from a parameter is UNKNOWN', resourceType: IDENTITY_TYPES, properties: identity(doc(assume({ Ref: 'TargetRole' }))), expect: 'UNKNOWN', typedOnly: true },
    { name: 'a role ARN with an unresolved account (Fn::Sub over a parameter) is UNKNOWN', resourceType: IDENTITY_TYPES, properties: identity(doc(assume({ 'Fn::Sub': 'arn:aws:iam::${Target}:role/deploy' }))), expect: 'UNKNOWN', typedOnly: true },
    { name: 'an aws:ResourceAccount value from a parameter is UNKNOWN', resourceType: IDENTITY_TYPES, properties: identity(doc(assume('*', { Condition: { StringEquals: { 'aws:ResourceAccount': { Ref: 'Target' } } } }))), expect: 'UNKNOWN', typedOnly: true },
    { name: 'an Action entry from a parameter on a foreign role is UNKNOWN', resourceType: IDENTITY_TYPES, properties: identity(doc(allow({ Ref: 'Verb' }, roleArn(FOREIGN)))), expect: 'UNKNOWN', typedOnly: true },
    { name: 'an unresolved entry does not hide a foreign one', resourceType: IDENTITY_TYPES, properties: identity(doc(assume([{ Ref: 'TargetRole' }, roleArn(FOREIGN)]))), expect: 'FAIL', messageIncludes: FOREIGN, typedOnly: true },
    // ---- missing blocks
    { name: 'policy document missing fails closed', resourceType: IDENTITY_TYPES, properties: withoutDocument, absent: (t) => [docPath(t)], expect: 'FAIL', messageIncludes: (t) => docPath(t) },
    { name: 'a statement without Resource is every resource', resourceType: IDENTITY_TYPES, absent: (t) => [at(0)(t)], properties: identity(doc({ Effect: 'Allow', Action: 'sts:AssumeRole' })), expect: 'FAIL', messageIncludes: 'any account' },
    // ---- updates
    { name: 'update widens the assumed role to any account', resourceType: IDENTITY_TYPES, properties: identity(doc(assume('arn:aws:iam::*:role/deploy'))), previous: identity(doc(assume(roleArn(OWN)))), actions: ['UPDATE'], expect: 'FAIL', weakened: true },

    // ---- pipelines
    { name: 'a CDK Pipelines cross-account pipeline with its stage accounts trusted', resourceType: PIPELINE, properties: hardenedPipeline(), config: PIPELINE_TRUST, expect: 'PASS' },
    { name: 'actions with roles of the own account, an Invoke of an own function by name', resourceType: PIPELINE, properties: pipeline(build({ RoleArn: roleArn(OWN, 'build') }), cfn({ RoleArn: roleArn(OWN, 'cfn-exec') }), invoke('Lambda', { FunctionName: 'notify' })), expect: 'PASS' },
    { name: 'actions without RoleArn run with the pipeline role', resourceType: PIPELINE, absent: ['Stages[0].Actions[0].RoleArn'], properties: pipeline(build({})), expect: 'PASS' },
    { name: 'a pipeline without stages', resourceType: PIPELINE, absent: ['Stages'], properties: { ...pipeline(), Stages: undefined }, expect: 'PASS' },
    { name: 'StackSet targets in trusted accounts and an OU of the organization', resourceType: PIPELINE, properties: pipeline(stackSet('CloudFormationStackSet', { DeploymentTargets: `${OWN},${PROD}`, PermissionModel: 'SELF_MANAGED', AdministrationRoleArn: roleArn(OWN, 'AWSCloudFormationStackSetAdministrationRole') }), stackSet('CloudFormationStackInstances', { DeploymentTargets: 'ou-ab12-cdef3456' })), config: { ProductionAccountIds: [PROD] }, expect: 'PASS' },
    { name: 'the same pipeline with the stage accounts not trusted', resourceType: PIPELINE, properties: hardenedPipeline(), expect: 'FAIL', messageIncludes: ['RoleArn', `account ${PIPELINE_ACCOUNT}`, `account ${PROD_ACCOUNT}`] },
    { name: 'a build action running with a role of an untrusted account', resourceType: PIPELINE, properties: pipeline(build({ RoleArn: roleArn(FOREIGN, 'runner') })), expect: 'FAIL', messageIncludes: ['Stages[0].Actions[0].RoleArn', '(role the action runs with; stage Deploy, action Job)', `account ${FOREIGN}`] },
    { name: 'a CloudFormation execution role (Configuration.RoleArn) of an untrusted account', resourceType: PIPELINE, properties: pipeline(cfn({ RoleArn: roleArn(FOREIGN, 'cfn-exec') })), expect: 'FAIL', messageIncludes: ['Stages[0].Actions[0].Configuration.RoleArn', 'CloudFormation execution role', FOREIGN] },
    { name: 'a StackSet administration role of an untrusted account', resourceType: PIPELINE, properties: pipeline(stackSet('CloudFormationStackSet', { DeploymentTargets: OWN, AdministrationRoleArn: roleArn(FOREIGN, 'admin') })), expect: 'FAIL', messageIncludes: ['Configuration.AdministrationRoleArn', FOREIGN] },
    { name: 'StackSet deployment targets with an untrusted account', resourceType: PIPELINE, properties: pipeline(stackSet('CloudFormationStackInstances', { DeploymentTargets: `${OWN}, ${FOREIGN}` })), expect: 'FAIL', messageIncludes: ['Configuration.DeploymentTargets', `account ${FOREIGN}`] },
    { name: 'StackSet deployment targets read from an artifact file are UNKNOWN', resourceType: PIPELINE, properties: pipeline(stackSet('CloudFormationStackSet', { DeploymentTargets: 'Src::targets.json' })), expect: 'UNKNOWN' },
    { name: 'an Invoke of a function of an untrusted account (full and partial ARN)', resourceType: PIPELINE, properties: pipeline(invoke('Lambda', { FunctionName: `arn:aws:lambda:eu-west-1:${FOREIGN}:function:f` }), invoke('Lambda', { FunctionName: `${FOREIGN}:function:g` })), expect: 'FAIL', messageIncludes: ['Stages[0].Actions[0].Configuration.FunctionName', 'Stages[0].Actions[1].Configuration.FunctionName'] },
    { name: 'a state machine of an untrusted account', resourceType: PIPELINE, properties: pipeline(invoke('StepFunctions', { StateMachineArn: `arn:aws:states:eu-west-1:${FOREIGN}:stateMachine:s` })), expect: 'FAIL', messageIncludes: ['StateMachineArn', FOREIGN] },
    { name: 'a pipeline service role of an untrusted account', resourceType: PIPELINE, properties: { ...pipeline(build({})), RoleArn: roleArn(FOREIGN, 'pipeline') }, expect: 'FAIL', messageIncludes: ['RoleArn (pipeline service role)', FOREIGN] },
    { name: 'an action role in a wildcard account', resourceType: PIPELINE, properties: pipeline(build({ RoleArn: 'arn:aws:iam::*:role/runner' })), expect: 'FAIL', messageIncludes: 'wildcard' },
    { name: 'an action role from a parameter is UNKNOWN', resourceType: PIPELINE, properties: pipeline(build({ RoleArn: { Ref: 'RunnerRole' } })), expect: 'UNKNOWN', typedOnly: true },
    { name: 'update moves the deploy into an untrusted account', resourceType: PIPELINE, properties: pipeline(cfn({ RoleArn: roleArn(FOREIGN, 'cfn-exec') })), previous: pipeline(cfn({ RoleArn: roleArn(OWN, 'cfn-exec') })), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
    // ---- every other Configuration value that is an ARN, and the bucket an S3 deploy action writes to
    { name: 'an approval notifying an own topic, a source on an own connection', resourceType: PIPELINE, properties: pipeline(source(`arn:aws:codeconnections:eu-west-1:${OWN}:connection/abc`), approval({ NotificationArn: topic(OWN), CustomData: 'ok?' })), expect: 'PASS' },
    { name: 'an approval notifying a topic of a listed account', resourceType: PIPELINE, properties: pipeline(approval({ NotificationArn: topic(FOREIGN) })), config: { TrustedAccountIds: [FOREIGN] }, expect: 'PASS' },
    { name: 'an approval without a notification topic', resourceType: PIPELINE, absent: ['Stages[0].Actions[0].Configuration.NotificationArn'], properties: pipeline(approval({ CustomData: 'ok?' })), expect: 'PASS' },
    { name: 'an approval notifying a topic of an untrusted account', resourceType: PIPELINE, properties: pipeline(approval({ NotificationArn: topic(FOREIGN) })), expect: 'FAIL', messageIncludes: ['Stages[0].Actions[0].Configuration.NotificationArn', 'topic the approval notifies', `account ${FOREIGN}`] },
    { name: 'a source on a connection of an untrusted account', resourceType: PIPELINE, properties: pipeline(source(`arn:aws:codeconnections:eu-west-1:${FOREIGN}:connection/abc`)), expect: 'FAIL', messageIncludes: ['Configuration.ConnectionArn', FOREIGN] },
    { name: 'an S3 deploy encrypting with a key of an untrusted account', resourceType: PIPELINE, properties: pipeline(s3Deploy({ BucketName: 'site', KMSEncryptionKeyARN: `arn:aws:kms:eu-west-1:${FOREIGN}:key/k` })), facts: { 's3.bucketOwner site': { ownAccount: true } }, expect: 'FAIL', messageIncludes: ['Configuration.KMSEncryptionKeyARN', FOREIGN] },
    { name: 'a typed list in a custom action\'s configuration naming an untrusted account', resourceType: PIPELINE, properties: pipeline(build({ Configuration: { ProjectName: 'x', Targets: [`arn:aws:sqs:eu-west-1:${OWN}:a`, { Queue: `arn:aws:sqs:eu-west-1:${FOREIGN}:b` }] } })), expect: 'FAIL', messageIncludes: ['Configuration.Targets[1].Queue', FOREIGN], typedOnly: true },
    { name: 'ARNs inside text (ParameterOverrides) are not judged here', resourceType: PIPELINE, properties: pipeline(cfn({ ParameterOverrides: JSON.stringify({ PartnerTopic: topic(FOREIGN) }) })), expect: 'PASS' },
    { name: 'a notification topic from a parameter is UNKNOWN', resourceType: PIPELINE, properties: pipeline(approval({ NotificationArn: { Ref: 'Topic' } })), expect: 'UNKNOWN', typedOnly: true },
    { name: 'an unresolved value of a key that is no ARN is not UNKNOWN (the deployed hook sees it resolved)', resourceType: PIPELINE, properties: pipeline(source(`arn:aws:codeconnections:eu-west-1:${OWN}:connection/abc`), build({ Configuration: { ProjectName: { Ref: 'Project' } } })), expect: 'PASS', typedOnly: true },
    { name: 'an S3 deploy to a bucket looked up as the own account\'s', resourceType: PIPELINE, properties: pipeline(s3Deploy({ BucketName: 'site' })), facts: { 's3.bucketOwner site': { ownAccount: true } }, expect: 'PASS' },
    { name: 'an S3 deploy to a bucket, lookups off, is UNKNOWN', resourceType: PIPELINE, properties: pipeline(s3Deploy({ BucketName: 'site' })), expect: 'UNKNOWN' },
    { name: 'an S3 deploy to a bucket S3 does not confirm as the own account\'s', resourceType: PIPELINE, properties: pipeline(s3Deploy({ BucketName: 'attacker-site' })), facts: { 's3.bucketOwner attacker-site': { ownAccount: false } }, expect: 'FAIL', messageIncludes: ['Stages[0].Actions[0].Configuration.BucketName', 'attacker-site', 'stage Deploy, action Publish'] },
  ],
});
