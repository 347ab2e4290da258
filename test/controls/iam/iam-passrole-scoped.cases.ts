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
    { name: 'iam:PassedToService "*.amazonaws.com" narrows nothing', properties: policy(doc(allow('iam:PassRole', '*', { Condition: { StringLike: { 'iam:PassedToService': '*.amazonaws.com' } } }))), expect: 'FAIL' },
  ],
});

