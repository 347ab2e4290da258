import { CHANGE_RIGHT_SERVICE_PREFIXES } from '../../../src/predicates/change-rights';
import { defineCases } from '../../helpers/cases';
import { allow, CDK_PIPELINE_POLICY, deny, doc } from './fixtures';
import { bare, docPath, identity, IDENTITY_TYPES, INLINE_TYPES, statementPath, withoutDocument } from './identity';
import { attaching, ATTACHING_TYPES, aws } from './managed-policy-content';

const PROJECT = 'arn:aws:codebuild:eu-west-1:123456789012:project/SynthProject';
const BUCKET = 'arn:aws:s3:::pipeline-artifactsbucket-1a2b3c';
const DEPLOY_ROLE = 'arn:aws:iam::111111111111:role/deploy-role';
const DEPLOY_POLICY = 'arn:aws:iam::111111111111:policy/deploy-policy';
const RULE = 'arn:aws:events:eu-west-1:123456789012:rule/nightly-build';
const BUS = 'arn:aws:events:eu-west-1:123456789012:event-bus/default';
const PARAMETER = 'arn:aws:ssm:eu-west-1:123456789012:parameter/ci/deploy-target';
const SCHEDULE = 'arn:aws:scheduler:eu-west-1:123456789012:schedule/default/nightly-build';
const INSTANCE = 'arn:aws:ec2:eu-west-1:123456789012:instance/i-0123456789abcdef0';
const LAUNCH_TEMPLATE = 'arn:aws:ec2:eu-west-1:123456789012:launch-template/lt-0123456789abcdef0';
/** NotAction over every service of the table before iam, events, ssm, scheduler and ec2 were added to it. */
const FIRST_SERVICES = ['codebuild', 'codepipeline', 'codestar-connections', 'codeconnections', 'codeartifact', 'codecommit', 'codedeploy', 'cloudtrail', 'kms', 's3', 'logs', 'ecr', 'secretsmanager', 'lambda'].map((s) => `${s}:*`);
/** What CDK gives a CodeBuild project in a VPC (the network interfaces it builds in). */
const CODEBUILD_VPC = doc(
  allow(['ec2:CreateNetworkInterface', 'ec2:DescribeDhcpOptions', 'ec2:DescribeNetworkInterfaces', 'ec2:DeleteNetworkInterface', 'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups', 'ec2:DescribeVpcs'], '*'),
  allow('ec2:CreateNetworkInterfacePermission', 'arn:aws:ec2:eu-west-1:123456789012:network-interface/*', { Condition: { StringEquals: { 'ec2:AuthorizedService': 'codebuild.amazonaws.com' } } }),
);
/** What CDK's EcsDeployAction gives the pipeline's action role: deploying is registering a task definition revision. */
const ECS_DEPLOY = doc(
  allow(['ecs:DescribeServices', 'ecs:DescribeTaskDefinition', 'ecs:DescribeTasks', 'ecs:ListTasks', 'ecs:RegisterTaskDefinition', 'ecs:TagResource', 'ecs:UpdateService'], '*'),
  allow('iam:PassRole', '*', { Condition: { StringEqualsIfExists: { 'iam:PassedToService': ['ec2.amazonaws.com', 'ecs-tasks.amazonaws.com'] } } }),
);

/** CICD.IAM.20 on every identity-policy type: change rights over guarded resources, judged by the IAM catalogue. */
export default defineCases({
  controlId: 'CICD.IAM.20',
  resourceTypes: IDENTITY_TYPES,
  cases: [
    { name: 'aws-cdk-lib CodeBuildStartBuild RUN_JOB: the Step Functions managed rule passes (only the service can change it)', properties: identity(doc(allow(['events:PutTargets', 'events:PutRule', 'events:DescribeRule'], 'arn:aws:events:eu-west-1:123456789012:rule/StepFunctionsGetEventForCodeBuildStartBuildRule'))), expect: 'PASS' },
    { name: 'events:PutTargets on a managed rule and on a team rule fails', properties: identity(doc(allow('events:PutTargets', ['arn:aws:events:eu-west-1:123456789012:rule/StepFunctionsGetEventsForECSTaskRule', 'arn:aws:events:eu-west-1:123456789012:rule/nightly-build']))), expect: 'FAIL', messageIncludes: 'events:PutTargets' },
    { name: 'a rule that only looks managed (a prefix, not the name) fails', properties: identity(doc(allow('events:PutTargets', 'arn:aws:events:eu-west-1:123456789012:rule/StepFunctionsGetEventForX*'))), expect: 'FAIL' },
    { name: 'ECR pull-through cache rules and repository creation templates', properties: identity(doc(allow(['ecr:UpdatePullThroughCacheRule', 'ecr:CreateRepositoryCreationTemplate'], '*'))), expect: 'FAIL', messageIncludes: ['ecr:UpdatePullThroughCacheRule', 'ecr:CreateRepositoryCreationTemplate'] },
    { name: 'a multi-Region access point policy', properties: identity(doc(allow('s3:PutMultiRegionAccessPointPolicy', '*'))), expect: 'FAIL', messageIncludes: 's3:PutMultiRegionAccessPointPolicy' },
    { name: 'what CDK Pipelines grants its roles passes', properties: identity(CDK_PIPELINE_POLICY), expect: 'PASS' },
    { name: 'codebuild:StartBuild and BatchGetBuilds pass (running is not changing)', properties: identity(doc(allow(['codebuild:StartBuild', 'codebuild:BatchGetBuilds', 'codebuild:StopBuild'], PROJECT))), expect: 'PASS' },
    { name: 's3:PutObject passes (content, not bucket configuration)', properties: identity(doc(allow(['s3:PutObject', 's3:DeleteObject', 's3:PutObjectAcl'], `${BUCKET}/*`))), expect: 'PASS' },
    { name: 'kms:Decrypt passes (key use)', properties: identity(doc(allow(['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*'], '*'))), expect: 'PASS' },
    { name: 'logs:PutLogEvents and ecr image push pass', properties: identity(doc(allow(['logs:CreateLogStream', 'logs:PutLogEvents', 'ecr:PutImage', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload'], '*'))), expect: 'PASS' },
    { name: 'a Deny of change rights passes', properties: identity(doc(deny(['codebuild:*', 's3:*', 'kms:*'], '*'))), expect: 'PASS' },
    { name: 'unrelated services pass', properties: identity(doc(allow(['sns:Publish', 'sqs:SendMessage', 'cloudformation:DescribeStacks'], '*'))), expect: 'PASS' },
    // ---- services whose resources the hook guards beyond the CI/CD ones: what stays allowed ----
    { name: 'iam:PassRole to one named role for one service passes (CICD.IAM.5 judges it)', properties: identity(doc(allow('iam:PassRole', DEPLOY_ROLE, { Condition: { StringEquals: { 'iam:PassedToService': 'cloudformation.amazonaws.com' } } }))), expect: 'PASS' },
    { name: 'iam:CreateServiceLinkedRole passes (AWS-defined roles only)', properties: identity(doc(allow('iam:CreateServiceLinkedRole', 'arn:aws:iam::123456789012:role/aws-service-role/ecs.amazonaws.com/*', { Condition: { StringLike: { 'iam:AWSServiceName': 'ecs.amazonaws.com' } } }))), expect: 'PASS' },
    { name: 'iam reads pass', properties: identity(doc(allow(['iam:GetRole', 'iam:GetRolePolicy', 'iam:ListAttachedRolePolicies'], DEPLOY_ROLE))), expect: 'PASS' },
    { name: 'events:PutEvents passes (sending events is data)', properties: identity(doc(allow(['events:PutEvents', 'events:DescribeRule'], [BUS, RULE]))), expect: 'PASS' },
    { name: 'ssm:GetParameter(s) pass', properties: identity(doc(allow(['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath', 'ssm:DescribeParameters'], PARAMETER))), expect: 'PASS' },
    { name: 'SSM documents, commands and sessions are not parameters', properties: identity(doc(allow(['ssm:SendCommand', 'ssm:StartSession', 'ssm:UpdateInstanceInformation', 'ssm:PutInventory'], '*'))), expect: 'PASS' },
    { name: 'CodeBuild in a VPC: network-interface actions pass', properties: identity(CODEBUILD_VPC), expect: 'PASS' },
    { name: 'ecs:RegisterTaskDefinition and UpdateService pass (an ECS deployment; ecs is no change-right service)', properties: identity(ECS_DEPLOY), expect: 'PASS' },
    { name: 'ec2:TerminateInstances and StartInstances pass (operation, not a definition change)', properties: identity(doc(allow(['ec2:TerminateInstances', 'ec2:StartInstances', 'ec2:StopInstances', 'ec2:DescribeInstances'], INSTANCE))), expect: 'PASS' },
    { name: 'AWSCodeDeployRole attached passes (CDK ServerDeploymentGroup: it terminates instances, changes none)', resourceType: ATTACHING_TYPES, properties: attaching(aws('service-role/AWSCodeDeployRole')), expect: 'PASS' },
    { name: 'AmazonSSMManagedInstanceCore attached passes (reads parameters, writes inventory)', resourceType: ATTACHING_TYPES, properties: attaching(aws('AmazonSSMManagedInstanceCore')), expect: 'PASS' },

    // ---- ... and what fails, also on one named resource ----
    { name: 'iam:PutRolePolicy on one named role', properties: identity(doc(allow('iam:PutRolePolicy', DEPLOY_ROLE))), expect: 'FAIL', messageIncludes: (t) => [statementPath(t, 0), 'iam:PutRolePolicy', DEPLOY_ROLE] },
    { name: 'iam:AttachRolePolicy on one named role', properties: identity(doc(allow('iam:AttachRolePolicy', DEPLOY_ROLE))), expect: 'FAIL', messageIncludes: ['iam:AttachRolePolicy', DEPLOY_ROLE] },
    { name: 'iam:UpdateAssumeRolePolicy on one named role', properties: identity(doc(allow('iam:UpdateAssumeRolePolicy', DEPLOY_ROLE))), expect: 'FAIL', messageIncludes: 'iam:UpdateAssumeRolePolicy' },
    { name: 'iam:CreatePolicyVersion on one named policy', properties: identity(doc(allow('iam:CreatePolicyVersion', DEPLOY_POLICY))), expect: 'FAIL', messageIncludes: ['iam:CreatePolicyVersion', DEPLOY_POLICY] },
    { name: 'iam:CreateAccessKey and UpdateLoginProfile', properties: identity(doc(allow(['iam:CreateAccessKey', 'iam:UpdateLoginProfile'], 'arn:aws:iam::123456789012:user/ci-user'))), expect: 'FAIL', messageIncludes: ['iam:CreateAccessKey', 'iam:UpdateLoginProfile'] },
    { name: 'iam:TagRole (tags are part of the definition)', properties: identity(doc(allow('iam:TagRole', DEPLOY_ROLE))), expect: 'FAIL', messageIncludes: 'iam:TagRole' },
    { name: 'iam:PassRole next to iam:PutRolePolicy: only the change right is named', properties: identity(doc(allow(['iam:PassRole', 'iam:PutRolePolicy'], DEPLOY_ROLE))), expect: 'FAIL', messageIncludes: `change right iam:PutRolePolicy on ${DEPLOY_ROLE}` },
    { name: 'events:PutTargets on one named rule', properties: identity(doc(allow('events:PutTargets', RULE))), expect: 'FAIL', messageIncludes: ['events:PutTargets', RULE] },
    { name: 'events:PutPermission on the bus', properties: identity(doc(allow('events:PutPermission', BUS))), expect: 'FAIL', messageIncludes: 'events:PutPermission' },
    { name: 'ssm:PutParameter on one parameter', properties: identity(doc(allow('ssm:PutParameter', PARAMETER))), expect: 'FAIL', messageIncludes: ['ssm:PutParameter', PARAMETER] },
    { name: 'scheduler:UpdateSchedule on one schedule', properties: identity(doc(allow('scheduler:UpdateSchedule', SCHEDULE))), expect: 'FAIL', messageIncludes: ['scheduler:UpdateSchedule', SCHEDULE] },
    { name: 'ec2:ModifyInstanceAttribute on one instance', properties: identity(doc(allow('ec2:ModifyInstanceAttribute', INSTANCE))), expect: 'FAIL', messageIncludes: ['ec2:ModifyInstanceAttribute', INSTANCE] },
    { name: 'ec2:CreateLaunchTemplateVersion and ReplaceIamInstanceProfileAssociation', properties: identity(doc(allow(['ec2:CreateLaunchTemplateVersion', 'ec2:ReplaceIamInstanceProfileAssociation'], [LAUNCH_TEMPLATE, INSTANCE]))), expect: 'FAIL', messageIncludes: ['ec2:CreateLaunchTemplateVersion', 'ec2:ReplaceIamInstanceProfileAssociation'] },
    { name: 'ec2:RunInstances (an instance launched out of band)', properties: identity(doc(allow('ec2:RunInstances', '*'))), expect: 'FAIL', messageIncludes: 'ec2:RunInstances' },
    // spellings: wildcards, ?, any service, NotAction
    { name: 'iam:Put* (PutRolePolicy, PutUserPolicy, boundaries)', properties: identity(doc(allow('iam:Put*', DEPLOY_ROLE))), expect: 'FAIL', messageIncludes: ['iam:PutRolePolicy (via iam:put*)', 'more'] },
    { name: 'iam:?ttach* (AttachRolePolicy…)', properties: identity(doc(allow('iam:?ttach*', DEPLOY_ROLE))), expect: 'FAIL', messageIncludes: ['iam:AttachRolePolicy (via iam:?ttach*)'] },
    { name: 'ssm:*Parameter* (PutParameter, DeleteParameter, LabelParameterVersion)', properties: identity(doc(allow('ssm:*Parameter*', PARAMETER))), expect: 'FAIL', messageIncludes: ['ssm:DeleteParameter (via ssm:*parameter*)', 'ssm:LabelParameterVersion', 'and 2 more'] },
    { name: '*:PutRule (any service)', properties: identity(doc(allow('*:PutRule', RULE))), expect: 'FAIL', messageIncludes: 'events:PutRule (via *:putrule)' },
    { name: 'events:* and scheduler:* on named resources', properties: identity(doc(allow(['events:*', 'scheduler:*'], [RULE, SCHEDULE]))), expect: 'FAIL', messageIncludes: ['via events:*', 'more'] },
    { name: 'iam:* with a PassRole-style condition is still every IAM change', properties: identity(doc(allow('iam:*', DEPLOY_ROLE, { Condition: { StringEquals: { 'iam:PassedToService': 'codebuild.amazonaws.com' } } }))), expect: 'FAIL', messageIncludes: 'via iam:*' },
    { name: 'NotAction over every CI/CD and generic service still leaves iam, events, ssm, scheduler and ec2', properties: identity(doc(allow('*', DEPLOY_ROLE, { Action: undefined, NotAction: FIRST_SERVICES }))), expect: 'FAIL', messageIncludes: ['via NotAction', 'iam:'] },
    { name: 'NotAction that spares only PassRole', properties: identity(doc(allow('*', DEPLOY_ROLE, { Action: undefined, NotAction: [...FIRST_SERVICES, 'iam:PassRole', 'events:*', 'ssm:*', 'scheduler:*', 'ec2:*'] }))), expect: 'FAIL', messageIncludes: ['iam:', 'via NotAction'] },
    { name: 'NotAction over every service of the table passes', properties: identity(doc(allow('*', '*', { Action: undefined, NotAction: CHANGE_RIGHT_SERVICE_PREFIXES.map((p) => `${p}:*`) }))), expect: 'PASS' },
    {
      name: 'update adds iam:PutRolePolicy on the deploy role',
      properties: identity(doc(allow(['iam:PassRole', 'iam:PutRolePolicy'], DEPLOY_ROLE))),
      previous: identity(doc(allow('iam:PassRole', DEPLOY_ROLE))),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
    },
    { name: 'codebuild:Update* (UpdateProject)', properties: identity(doc(allow('codebuild:Update*', PROJECT))), expect: 'FAIL', messageIncludes: (t) => [statementPath(t, 0), 'codebuild:UpdateProject (via codebuild:update*)', PROJECT] },
    { name: 'codebuild:* after a Deny, JSON string', properties: identity(JSON.stringify(doc(deny('s3:*', '*'), allow('codebuild:*', '*')))), expect: 'FAIL', messageIncludes: (t) => [statementPath(t, 1), 'via codebuild:*', 'more'] },
    { name: 's3:Put* includes PutBucketPolicy', properties: identity(doc(allow('s3:Put*', BUCKET))), expect: 'FAIL', messageIncludes: ['s3:', 'via s3:put*', BUCKET] },
    { name: 's3:PutBucketPolicy named', properties: identity(doc(allow('s3:PutBucketPolicy', BUCKET))), expect: 'FAIL', messageIncludes: 's3:PutBucketPolicy' },
    { name: 'kms:Put* (PutKeyPolicy)', properties: identity(doc(allow('kms:Put*', '*'))), expect: 'FAIL', messageIncludes: 'kms:PutKeyPolicy' },
    { name: 'kms:ScheduleKeyDeletion in odd case', properties: identity(doc(allow('KMS:schedulekeydeletion', '*'))), expect: 'FAIL', messageIncludes: 'kms:ScheduleKeyDeletion' },
    { name: 'codepipeline:UpdatePipeline', properties: identity(doc(allow('codepipeline:UpdatePipeline', '*'))), expect: 'FAIL', messageIncludes: 'codepipeline:UpdatePipeline' },
    { name: 'logs:DeleteLogGroup and logs:PutRetentionPolicy', properties: identity(doc(allow(['logs:DeleteLogGroup', 'logs:PutRetentionPolicy'], '*'))), expect: 'FAIL', messageIncludes: ['logs:DeleteLogGroup', 'logs:PutRetentionPolicy'] },
    { name: 'ecr:SetRepositoryPolicy', properties: identity(doc(allow('ecr:SetRepositoryPolicy', '*'))), expect: 'FAIL', messageIncludes: 'ecr:SetRepositoryPolicy' },
    { name: 'lambda:UpdateFunctionConfiguration', properties: identity(doc(allow('lambda:UpdateFunctionConfiguration', '*'))), expect: 'FAIL', messageIncludes: 'lambda:UpdateFunctionConfiguration' },
    { name: 'cloudtrail:StopLogging', properties: identity(doc(allow('cloudtrail:StopLogging', '*'))), expect: 'FAIL', messageIncludes: 'cloudtrail:StopLogging' },
    { name: '? in the action name', properties: identity(doc(allow('codebuild:?pdateProject', PROJECT))), expect: 'FAIL', messageIncludes: 'codebuild:UpdateProject' },
    { name: 'NotAction that leaves change rights', properties: identity(doc(allow('*', '*', { Action: undefined, NotAction: ['iam:*'] }))), expect: 'FAIL', messageIncludes: 'via NotAction' },
    { name: 'policy document missing fails closed', properties: withoutDocument, absent: (t) => [docPath(t)], expect: 'FAIL', messageIncludes: (t) => docPath(t) },
    { name: 'no inline Policies (block absent) passes', resourceType: INLINE_TYPES, properties: bare, absent: ['Policies'], expect: 'PASS' },
    { name: 'AWSCodeBuildAdminAccess attached (content of the AWS managed policy)', resourceType: ATTACHING_TYPES, properties: attaching(aws('AWSCodeBuildAdminAccess')), expect: 'FAIL', messageIncludes: ['ManagedPolicyArns[0]', 'AWSCodeBuildAdminAccess'] },
    {
      name: 'update adds codebuild:UpdateProject',
      properties: identity(doc(allow(['codebuild:StartBuild', 'codebuild:UpdateProject'], PROJECT))),
      previous: identity(doc(allow('codebuild:StartBuild', PROJECT))),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
    },
  ],
});
