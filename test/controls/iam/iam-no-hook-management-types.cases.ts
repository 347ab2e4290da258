import { defineCases } from '../../helpers/cases';
import { allow, deny, doc } from './fixtures';
import { bare, docPath, identity, IDENTITY_TYPES, INLINE_TYPES, statementPath, withoutDocument } from './identity';
import { attaching, ATTACHING_TYPES, aws } from './managed-policy-content';

const TYPE_ARN = 'arn:aws:cloudformation:eu-west-1:123456789012:type/hook/PipelineGuard-CICD-Hook';

/** CICD.IAM.19 on every identity-policy type: the rights to switch off or replace a hook, in any spelling. */
export default defineCases({
  controlId: 'CICD.IAM.19',
  resourceTypes: IDENTITY_TYPES,
  cases: [
    { name: 'CloudFormation deploy actions without type management pass', properties: identity(doc(allow(['cloudformation:CreateChangeSet', 'cloudformation:ExecuteChangeSet', 'cloudformation:Describe*', 'cloudformation:List*'], '*'))), expect: 'PASS' },
    { name: 'reading type configurations passes (BatchDescribeTypeConfigurations is a read)', properties: identity(doc(allow(['cloudformation:BatchDescribeTypeConfigurations', 'cloudformation:DescribeType', 'cloudformation:ListTypes'], '*'))), expect: 'PASS' },
    { name: 'a Deny of the rights passes', properties: identity(doc(deny('cloudformation:*Type*', '*'))), expect: 'PASS' },
    { name: 'SetTypeConfiguration on the hook type ARN', properties: identity(doc(allow('cloudformation:SetTypeConfiguration', TYPE_ARN))), expect: 'FAIL', messageIncludes: (t) => [statementPath(t, 0), 'cloudformation:SetTypeConfiguration'] },
    { name: 'DeactivateType and DeregisterType in odd case', properties: identity(doc(allow(['CloudFormation:deactivatetype', 'CLOUDFORMATION:DeregisterType'], '*'))), expect: 'FAIL', messageIncludes: ['DeactivateType', 'DeregisterType'] },
    { name: 'cloudformation:* after a Deny, JSON string', properties: identity(JSON.stringify(doc(deny('s3:*', '*'), allow('cloudformation:*', '*')))), expect: 'FAIL', messageIncludes: (t) => [statementPath(t, 1), 'via cloudformation:*'] },
    { name: 'cloudformation:Set* (SetStackPolicy and SetTypeConfiguration)', properties: identity(doc(allow('cloudformation:Set*', '*'))), expect: 'FAIL', messageIncludes: 'SetTypeConfiguration' },
    { name: '*:Deactivate* spans services', properties: identity(doc(allow('*:Deactivate*', '*'))), expect: 'FAIL', messageIncludes: 'DeactivateType' },
    { name: '? in the action name', properties: identity(doc(allow('cloudformation:?egisterType', '*'))), expect: 'FAIL', messageIncludes: 'RegisterType' },
    { name: 'SetTypeDefaultVersion rolls the hook back', properties: identity(doc(allow('cloudformation:SetTypeDefaultVersion', TYPE_ARN))), expect: 'FAIL' },
    { name: 'ActivateType under a condition still grants', properties: identity(doc(allow('cloudformation:ActivateType', '*', { Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }))), expect: 'FAIL' },
    { name: 'NotAction that leaves the registry actions', properties: identity(doc(allow('*', '*', { Action: undefined, NotAction: ['iam:*'] }))), expect: 'FAIL', messageIncludes: 'via NotAction' },
    // the platform's rollout stacks (PlatformStackNames) are a switch too
    { name: 'DeleteStack on every stack, with platform stacks configured', properties: identity(doc(allow('cloudformation:DeleteStack', '*'))), config: { PlatformStackNames: ['StackSet-pipeline-guard-*'] }, expect: 'FAIL', messageIncludes: ['cloudformation:DeleteStack', 'StackSet-pipeline-guard-*'] },
    { name: 'change sets on a stack-name glob that overlaps the platform\'s', properties: identity(doc(allow(['cloudformation:CreateChangeSet', 'cloudformation:ExecuteChangeSet'], 'arn:aws:cloudformation:eu-west-1:123456789012:stack/StackSet-*/*'))), config: { PlatformStackNames: ['StackSet-pipeline-guard-*'] }, expect: 'FAIL', messageIncludes: 'cloudformation:ExecuteChangeSet' },
    { name: 'UpdateStack?et via a wildcard on the platform stack set', properties: identity(doc(allow('cloudformation:Update*', 'arn:aws:cloudformation:*:*:stackset/pipeline-guard:*'))), config: { PlatformStackNames: ['pipeline-guard'] }, expect: 'FAIL', messageIncludes: 'cloudformation:UpdateStackSet' },
    { name: 'CreateStackSet and CreateStackInstances on a stack set whose instance stacks are platform-named (StackSet-<name>-<id>)', properties: identity(doc(allow(['cloudformation:CreateStackSet', 'cloudformation:CreateStackInstances'], 'arn:aws:cloudformation:*:111111111111:stackset/pipeline-guard-x:*'))), config: { PlatformStackNames: ['StackSet-pipeline-guard-*'] }, expect: 'FAIL', messageIncludes: ['cloudformation:CreateStackInstances', 'cloudformation:CreateStackSet', 'StackSet-pipeline-guard-*'] },
    { name: 'ContinueUpdateRollback on a platform stack', properties: identity(doc(allow('cloudformation:ContinueUpdateRollback', 'arn:aws:cloudformation:eu-west-1:111111111111:stack/StackSet-pipeline-guard-*'))), config: { PlatformStackNames: ['StackSet-pipeline-guard-*'] }, expect: 'FAIL', messageIncludes: 'cloudformation:ContinueUpdateRollback' },
    { name: 'stack-set changes on the team\'s own stack sets pass', properties: identity(doc(allow(['cloudformation:CreateStackSet', 'cloudformation:UpdateStackSet', 'cloudformation:CreateStackInstances'], 'arn:aws:cloudformation:*:111111111111:stackset/team-app-*'))), config: { PlatformStackNames: ['StackSet-pipeline-guard-*', 'pipeline-guard-*'] }, expect: 'PASS' },
    { name: 'NotResource leaves the platform stacks in', properties: identity(doc(allow('cloudformation:SetStackPolicy', '*', { Resource: undefined, NotResource: 'arn:aws:cloudformation:*:*:stack/team-app/*' }))), config: { PlatformStackNames: ['pipeline-guard-*'] }, expect: 'FAIL', messageIncludes: 'NotResource' },
    { name: 'change sets on the team\'s own stacks pass', properties: identity(doc(allow(['cloudformation:CreateChangeSet', 'cloudformation:ExecuteChangeSet', 'cloudformation:DeleteStack'], 'arn:aws:cloudformation:eu-west-1:123456789012:stack/team-app-*/*'))), config: { PlatformStackNames: ['StackSet-pipeline-guard-*', 'pipeline-guard-*'] }, expect: 'PASS' },
    { name: 'stack changes on * narrowed by the stacks\' tags pass', properties: identity(doc(allow('cloudformation:UpdateStack', '*', { Condition: { StringEquals: { 'aws:ResourceTag/team': 'app' } } }))), config: { PlatformStackNames: ['pipeline-guard-*'] }, expect: 'PASS' },
    { name: 'stack changes on * without platform stacks configured (the default) pass', properties: identity(doc(allow('cloudformation:UpdateStack', '*'))), expect: 'PASS' },
    { name: 'policy document missing fails closed', properties: withoutDocument, absent: (t) => [docPath(t)], expect: 'FAIL', messageIncludes: (t) => docPath(t) },
    { name: 'no inline Policies (block absent) passes', resourceType: INLINE_TYPES, properties: bare, absent: ['Policies'], expect: 'PASS' },
    { name: 'AWSCloudFormationFullAccess attached (content of the AWS managed policy)', resourceType: ATTACHING_TYPES, properties: attaching(aws('AWSCloudFormationFullAccess')), expect: 'FAIL', messageIncludes: ['ManagedPolicyArns[0]', 'AWSCloudFormationFullAccess'] },
    { name: 'AWSCloudFormationReadOnlyAccess attached passes', resourceType: ATTACHING_TYPES, properties: attaching(aws('AWSCloudFormationReadOnlyAccess')), expect: 'PASS' },
    {
      name: 'update adds SetTypeConfiguration',
      properties: identity(doc(allow(['cloudformation:DescribeStacks', 'cloudformation:SetTypeConfiguration'], '*'))),
      previous: identity(doc(allow('cloudformation:DescribeStacks', '*'))),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
    },
  ],
});
