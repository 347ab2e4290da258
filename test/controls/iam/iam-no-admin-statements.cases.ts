import { defineCases } from '../../helpers/cases';
import { allow, CDK_PIPELINE_POLICY, deny, doc, role } from './fixtures';

export default defineCases({
  controlId: 'CICD.IAM.1',
  resourceType: 'AWS::IAM::Role',
  cases: [
    { name: 'scoped inline policy passes', properties: role(doc(allow('s3:GetObject', 'arn:aws:s3:::artifacts/*'))), expect: 'PASS' },
    { name: 'CDK Pipelines role policy passes (Resource * only on describe/list)', properties: role(CDK_PIPELINE_POLICY), expect: 'PASS' },
    { name: 'role without Policies (block missing)', properties: role(), absent: ['Policies'], expect: 'PASS' },
    { name: 'empty Policies list', properties: role(undefined, { Policies: [] }), expect: 'PASS' },
    { name: 'Allow * on *', properties: role(doc(allow('*', '*'))), expect: 'FAIL', messageIncludes: ['Policies[0].PolicyDocument.Statement[0]', 'administrator'] },
    { name: 'Allow *:* on * (list forms)', properties: role(doc(allow(['*:*'], ['*']))), expect: 'FAIL' },
    { name: 'Statement as a single object, not a list', properties: role({ Version: '2012-10-17', Statement: allow('*', '*') }), expect: 'FAIL', messageIncludes: 'Policies[0].PolicyDocument.Statement' },
    { name: 'policy document as a JSON string', properties: role(JSON.stringify(doc(allow('*', '*')))), expect: 'FAIL' },
    { name: 'compliant policy document as a JSON string', properties: role(JSON.stringify(doc(allow('s3:GetObject', 'arn:aws:s3:::b/*')))), expect: 'PASS' },
    { name: 'Deny first, then Allow * on * (every statement evaluated)', properties: role(doc(deny('iam:*'), allow('*', '*'))), expect: 'FAIL', messageIncludes: 'Policies[0].PolicyDocument.Statement[1]' },
    { name: 'Deny * on * alone passes', properties: role(doc(deny('*', '*'))), expect: 'PASS' },
    { name: 'Allow NotAction on * counts as admin', properties: role(doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })), expect: 'FAIL', messageIncludes: 'NotAction' },
    { name: 'Allow * with NotResource counts as admin', properties: role(doc({ Effect: 'Allow', Action: '*', NotResource: 'arn:aws:s3:::secret/*' })), expect: 'FAIL', messageIncludes: 'NotResource' },
    { name: 'lower-case keys and effect', properties: role({ version: '2012-10-17', statement: [{ effect: 'allow', action: '*', resource: '*' }] }), expect: 'FAIL' },
    { name: 'unparsable policy string fails', properties: role('{"Statement": [ { "Effect": "Allow", '), expect: 'FAIL', messageIncludes: 'not valid JSON' },
    { name: 'policy document without Statement fails', properties: role({ Version: '2012-10-17' }), absent: ['Policies[0].PolicyDocument.Statement'], expect: 'FAIL', messageIncludes: 'no Statement' },
    { name: 'inline policy without PolicyDocument fails', properties: role(undefined, { Policies: [{ PolicyName: 'x' }] }), absent: ['Policies[0].PolicyDocument'], expect: 'FAIL', messageIncludes: 'Policies[0].PolicyDocument' },
    { name: 'junk shapes do not throw (number as Policies entry)', properties: role(undefined, { Policies: [42, 'x'] }), expect: 'FAIL' },
    {
      name: 'update adds Allow * on * to a compliant role',
      properties: role(doc(allow('*', '*'))),
      previous: role(doc(allow('s3:GetObject', 'arn:aws:s3:::b/*'))),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
    },
    { name: 'unresolved policy document (local check only)', properties: role({ 'Fn::If': ['Admin', doc(allow('*', '*')), doc(allow('s3:GetObject', 'arn:aws:s3:::b/*'))] }), expect: 'UNKNOWN', typedOnly: true },
    { name: 'Resource given as Fn::GetAtt is a specific resource (local check)', properties: role(doc(allow('*', { 'Fn::GetAtt': ['Bucket', 'Arn'] }))), expect: 'PASS', typedOnly: true },
  ],
});
