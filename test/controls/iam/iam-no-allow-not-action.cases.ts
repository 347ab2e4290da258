import { defineCases } from '../../helpers/cases';
import { allow, doc, policy } from './fixtures';

export default defineCases({
  controlId: 'CICD.IAM.6',
  resourceType: 'AWS::IAM::Policy',
  cases: [
    { name: 'plain Allow passes', properties: policy(doc(allow('s3:GetObject', 'arn:aws:s3:::b/*'))), expect: 'PASS' },
    { name: 'Deny with NotAction passes (guard-rail)', properties: policy(doc({ Effect: 'Deny', NotAction: ['s3:GetObject'], Resource: '*' })), expect: 'PASS' },
    { name: 'PolicyDocument missing fails closed', properties: { PolicyName: 'p' }, expect: 'FAIL' },
    { name: 'Allow with NotAction', properties: policy(doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: 'arn:aws:s3:::b' })), expect: 'FAIL', messageIncludes: ['PolicyDocument.Statement[0]', 'NotAction'] },
    { name: 'Allow with NotResource', properties: policy(doc({ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::secret/*' })), expect: 'FAIL', messageIncludes: 'NotResource' },
    { name: 'lower-case notaction key in a JSON string after a Deny', properties: policy(JSON.stringify({ Statement: [{ Effect: 'Deny', Action: '*', Resource: 'arn:aws:s3:::x' }, { effect: 'Allow', notaction: 's3:*', resource: '*' }] })), expect: 'FAIL', messageIncludes: 'Statement[1]' },
    { name: 'update switches to NotAction', properties: policy(doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })), previous: policy(doc(allow('s3:GetObject', '*'))), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
  ],
});
