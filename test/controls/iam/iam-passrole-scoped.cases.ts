import { defineCases } from '../../helpers/cases';
import { allow, CDK_PIPELINE_POLICY, deny, doc, managedPolicy, policy } from './fixtures';

export default defineCases({
  controlId: 'CICD.IAM.5',
  resourceType: 'AWS::IAM::Policy',
  cases: [
    { name: 'PassRole on a named role passes', properties: policy(doc(allow('iam:PassRole', 'arn:aws:iam::123456789012:role/app-fn'))), expect: 'PASS' },
    { name: 'PassRole on * with iam:PassedToService passes', properties: policy(doc(allow('iam:PassRole', '*', { Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } }))), expect: 'PASS' },
    { name: 'CDK Pipelines policy has no PassRole', properties: policy(CDK_PIPELINE_POLICY), expect: 'PASS' },
    { name: 'PolicyDocument missing fails closed', properties: { PolicyName: 'p', Roles: ['r'] }, expect: 'FAIL' },
    { name: 'PassRole on *', properties: policy(doc(allow('iam:PassRole', '*'))), expect: 'FAIL', messageIncludes: ['PolicyDocument.Statement[0]', 'iam:PassRole'] },
    { name: 'IAM:PassRole upper-case, scalar in a list', properties: policy(doc(allow(['IAM:PassRole'], ['*']))), expect: 'FAIL' },
    { name: 'iam:Pass* on role/*', properties: policy(doc(allow('iam:Pass*', 'arn:aws-us-gov:iam::123456789012:role/*'))), expect: 'FAIL' },
    { name: 'PassRole on * with an unrelated condition', properties: policy(doc(allow('iam:PassRole', '*', { Condition: { Bool: { 'aws:SecureTransport': 'true' } } }))), expect: 'FAIL' },
    { name: 'PassRole with ForAllValues condition does not narrow', properties: policy(doc(allow('iam:PassRole', '*', { Condition: { 'ForAllValues:StringEquals': { 'iam:PassedToService': 'lambda.amazonaws.com' } } }))), expect: 'FAIL' },
    { name: 'PassRole via iam:* in a JSON string managed policy after a Deny', properties: managedPolicy(JSON.stringify(doc(deny('*', 'arn:aws:s3:::x'), allow('iam:*', '*')))), expect: 'FAIL', messageIncludes: 'Statement[1]' },
    { name: 'update drops the PassedToService condition', properties: policy(doc(allow('iam:PassRole', '*'))), previous: policy(doc(allow('iam:PassRole', '*', { Condition: { StringEquals: { 'iam:PassedToService': 'codebuild.amazonaws.com' } } }))), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
    // PassedToService narrows the service, not the role: with a hand-over action for that service in the same resource it is the escalation
    { name: 'PassRole on * to Lambda, with lambda:CreateFunction beside it', properties: policy(doc(allow('iam:PassRole', '*', { Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } }), allow(['lambda:CreateFunction', 'lambda:InvokeFunction'], '*'))), expect: 'FAIL', messageIncludes: ['PolicyDocument.Statement[0]', 'lambda.amazonaws.com together with lambda:CreateFunction'] },
    { name: 'PassRole on role/* to EC2 (StringLike, list), ec2:Run* on a named subnet', properties: policy(doc(allow('iam:PassRole', 'arn:aws:iam::123456789012:role/*', { Condition: { StringLike: { 'iam:PassedToService': ['ec2.amazonaws.co?', 'ssm.amazonaws.com'] } } }), allow('ec2:Run*', 'arn:aws:ec2:eu-west-1:123456789012:subnet/subnet-0abc'))), expect: 'FAIL', messageIncludes: 'ec2.amazonaws.com together with ec2:RunInstances' },
    { name: 'PassRole on * to CodeBuild with codebuild:StartBuild (serviceRoleOverride) in the same statement list', properties: policy(doc(allow(['iam:PassRole', 'codebuild:StartBuild'], '*', { Condition: { StringEquals: { 'iam:PassedToService': 'codebuild.amazonaws.com' } } }))), expect: 'FAIL', messageIncludes: 'codebuild:StartBuild' },
    { name: 'PassRole on * to CloudFormation with cloudformation:* (any case)', properties: policy(doc(allow('iam:PassRole', '*', { Condition: { StringEqualsIgnoreCase: { 'iam:PassedToService': 'CloudFormation.amazonaws.com' } } }), allow('CloudFormation:*', '*'))), expect: 'FAIL', messageIncludes: 'cloudformation:CreateStack' },
    { name: 'PassRole on * to the Scheduler with NotAction granting scheduler:CreateSchedule', properties: policy(doc(allow('iam:PassRole', '*', { Condition: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } } }), { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' })), expect: 'FAIL', messageIncludes: 'scheduler:CreateSchedule' },
    { name: 'PassRole on * to Lambda, CreateFunction only denied', properties: policy(doc(allow('iam:PassRole', '*', { Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } }), deny('lambda:CreateFunction', '*'))), expect: 'PASS' },
    { name: 'PassRole on * to Lambda, the other actions are for another service', properties: policy(doc(allow('iam:PassRole', '*', { Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } }), allow(['codebuild:CreateProject', 'ec2:RunInstances'], '*'))), expect: 'PASS' },
    { name: 'PassRole on a named role to Lambda with CreateFunction (the role is narrowed)', properties: policy(doc(allow('iam:PassRole', 'arn:aws:iam::123456789012:role/app-fn', { Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } }), allow('lambda:CreateFunction', '*'))), expect: 'PASS' },
    { name: 'PassRole on * narrowed by the role\'s tag, with CreateFunction', properties: policy(doc(allow('iam:PassRole', '*', { Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com', 'iam:ResourceTag/app-role': 'true' } } }), allow('lambda:CreateFunction', '*'))), expect: 'PASS' },
    { name: 'update adds CreateFunction beside a PassRole to Lambda', properties: policy(doc(allow('iam:PassRole', '*', { Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } }), allow('lambda:UpdateFunctionConfiguration', 'arn:aws:lambda:eu-west-1:123456789012:function:app'))), previous: policy(doc(allow('iam:PassRole', '*', { Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } }))), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
    { name: 'PassRole on * pinned to the own account (aws:ResourceAccount) is still every role', properties: policy(doc(allow('iam:PassRole', '*', { Condition: { StringEquals: { 'aws:ResourceAccount': '123456789012' } } }))), expect: 'FAIL', messageIncludes: 'iam:PassRole' },
    { name: 'PassRole on * to Lambda pinned to the own organisation, CreateFunction beside it', properties: policy(doc(allow('iam:PassRole', '*', { Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com', 'aws:ResourceOrgID': 'o-abc123def4' } } }), allow('lambda:CreateFunction', '*'))), expect: 'FAIL', messageIncludes: 'lambda:CreateFunction' },
    { name: 'iam:PassedToService "*.amazonaws.com" narrows nothing', properties: policy(doc(allow('iam:PassRole', '*', { Condition: { StringLike: { 'iam:PassedToService': '*.amazonaws.com' } } }))), expect: 'FAIL' },
  ],
});

