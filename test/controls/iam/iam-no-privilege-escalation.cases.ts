import { defineCases } from '../../helpers/cases';
import { allow, CDK_PIPELINE_POLICY, deny, doc, role } from './fixtures';

export default defineCases({
  controlId: 'CICD.IAM.4',
  resourceType: 'AWS::IAM::Role',
  cases: [
    { name: 'CDK Pipelines policy passes (sts:AssumeRole on named roles, tag-conditioned role/*)', properties: role(CDK_PIPELINE_POLICY), expect: 'PASS' },
    { name: 'iam:PutRolePolicy on a named role passes', properties: role(doc(allow('iam:PutRolePolicy', 'arn:aws:iam::123456789012:role/app-fn'))), expect: 'PASS' },
    { name: 'sts:AssumeRole on * pinned to the own account (aws:ResourceAccount) is still every role of it', properties: role(doc(allow('sts:AssumeRole', '*', { Condition: { StringEquals: { 'aws:ResourceAccount': '123456789012' } } }))), expect: 'FAIL', messageIncludes: 'sts:AssumeRole' },
    { name: 'ssm:StartSession on * (a shell as any instance\'s role)', properties: role(doc(allow('ssm:StartSession', '*'))), expect: 'FAIL', messageIncludes: 'ssm:StartSession' },
    { name: 'ec2-instance-connect:SendSSHPublicKey via a wildcard', properties: role(doc(allow('ec2-instance-connect:Send*', '*'))), expect: 'FAIL', messageIncludes: 'ec2-instance-connect:SendSSHPublicKey' },
    { name: 'ssm:StartSession narrowed by the instances\' tag passes', properties: role(doc(allow('ssm:StartSession', '*', { Condition: { StringEquals: { 'aws:ResourceTag/ci-debug': 'true' } } }))), expect: 'PASS' },
    { name: 'no Policies (missing)', properties: role(), expect: 'PASS' },
    { name: 'iam:CreatePolicyVersion on *', properties: role(doc(allow('iam:CreatePolicyVersion', '*'))), expect: 'FAIL', messageIncludes: ['Policies[0].PolicyDocument.Statement[0]', 'iam:CreatePolicyVersion'] },
    { name: 'iam:Put* covers PutRolePolicy', properties: role(doc(allow('iam:Put*', '*'))), expect: 'FAIL', messageIncludes: 'via iam:put*' },
    { name: 'iam:*Policy* covers several', properties: role(doc(allow('iam:*Policy*', '*'))), expect: 'FAIL', messageIncludes: 'iam:CreatePolicyVersion (via iam:*policy*)' },
    { name: 'mixed-case IAM:CreateAccessKey', properties: role(doc(allow('IAM:CreateAccessKey', '*'))), expect: 'FAIL', messageIncludes: 'iam:CreateAccessKey' },
    { name: 'sts:AssumeRole on * without a condition', properties: role(doc(allow('sts:AssumeRole', '*'))), expect: 'FAIL', messageIncludes: 'sts:AssumeRole' },
    { name: 'sts:AssumeRole on role/* without condition counts as every role', properties: role(doc(allow('sts:AssumeRole', 'arn:aws:iam::123456789012:role/*'))), expect: 'FAIL' },
    { name: 'sts:AssumeRole on role/* with a resource-tag condition passes', properties: role(doc(allow('sts:AssumeRole', 'arn:aws:iam::123456789012:role/*', { Condition: { StringEquals: { 'aws:ResourceTag/team': 'ci' } } }))), expect: 'PASS' },
    { name: 'negated condition does not narrow', properties: role(doc(allow('sts:AssumeRole', '*', { Condition: { StringNotEquals: { 'aws:ResourceTag/team': 'prod' } } }))), expect: 'FAIL' },
    { name: 'lambda:UpdateFunctionCode with NotResource', properties: role(doc({ Effect: 'Allow', Action: 'lambda:UpdateFunctionCode', NotResource: 'arn:aws:lambda:eu-west-1:123456789012:function:prod' })), expect: 'FAIL' },
    { name: 'Allow NotAction covers escalation actions', properties: role(doc({ Effect: 'Allow', NotAction: ['s3:*'], Resource: '*' })), expect: 'FAIL', messageIncludes: 'NotAction' },
    { name: 'Deny first then escalation Allow (JSON string)', properties: role(JSON.stringify(doc(deny('iam:*', '*'), allow('iam:UpdateAssumeRolePolicy', '*')))), expect: 'FAIL', messageIncludes: 'Statement[1]' },
    { name: 'Deny of escalation actions passes', properties: role(doc(deny(['iam:Put*', 'iam:Attach*'], '*'))), expect: 'PASS' },
    { name: 'update adds iam:AttachRolePolicy on *', properties: role(doc(allow('iam:AttachRolePolicy', '*'))), previous: role(doc(allow('iam:GetRole', '*'))), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
  ],
});
