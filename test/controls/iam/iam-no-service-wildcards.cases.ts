import { defineCases } from '../../helpers/cases';
import { allow, CDK_PIPELINE_POLICY, deny, doc, policy } from './fixtures';

export default defineCases({
  controlId: 'CICD.IAM.3',
  resourceType: 'AWS::IAM::Policy',
  cases: [
    { name: 'named actions pass', properties: policy(doc(allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::b/*'))), expect: 'PASS' },
    { name: 'CDK partial wildcards (s3:GetObject*, kms:ReEncrypt*) are not s3:*', properties: policy(CDK_PIPELINE_POLICY), expect: 'PASS' },
    { name: 'empty statement list', properties: policy(doc()), expect: 'PASS' },
    { name: 'PolicyDocument missing fails closed', properties: { PolicyName: 'p', Roles: ['r'] }, expect: 'FAIL' },
    { name: 's3:* on a bucket', properties: policy(doc(allow('s3:*', 'arn:aws:s3:::b/*'))), expect: 'FAIL', messageIncludes: ['PolicyDocument.Statement[0]', 's3:*'] },
    { name: 'upper-case IAM:* in a list', properties: policy(doc(allow(['logs:PutLogEvents', 'IAM:*'], '*'))), expect: 'FAIL', messageIncludes: 'iam:*' },
    { name: 'kms:* as a JSON string document', properties: policy(JSON.stringify(doc(allow('kms:*', 'arn:aws:kms:eu-west-1:123456789012:key/abc')))), expect: 'FAIL' },
    { name: 'Action * on one resource', properties: policy(doc(allow('*', 'arn:aws:s3:::b'))), expect: 'FAIL' },
    { name: 'Deny s3:* then Allow iam:*', properties: policy(doc(deny('s3:*'), allow('iam:*', '*'))), expect: 'FAIL', messageIncludes: 'Statement[1]' },
    { name: 'Deny with service wildcard is fine', properties: policy(doc(deny('s3:*', '*', { Condition: { Bool: { 'aws:SecureTransport': 'false' } } }))), expect: 'PASS' },
    { name: 'unparsable JSON string', properties: policy('not json'), expect: 'FAIL', messageIncludes: 'not valid JSON' },
    { name: 'update widens s3:GetObject to s3:*', properties: policy(doc(allow('s3:*', '*'))), previous: policy(doc(allow('s3:GetObject', '*'))), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
    // regression: the deployed policy already failed (s3:*), the update adds iam:* — a new finding, reported as such
    {
      name: 'update adds iam:* to a statement that already had s3:*',
      properties: policy(doc(allow(['s3:*', 'iam:*'], '*'))),
      previous: policy(doc(allow('s3:*', '*'))),
      actions: ['UPDATE'],
      expect: 'FAIL',
      messageIncludes: ['PolicyDocument.Statement[0]', 's3:*, iam:*'],
      weakened: true,
    },
    {
      name: 'no-op update of a failing policy is not a weakening',
      properties: policy(doc(allow(['s3:*', 'iam:*'], '*'))),
      previous: policy(doc(allow(['s3:*', 'iam:*'], '*'))),
      actions: ['UPDATE'],
      expect: 'FAIL',
      messageIncludes: 's3:*, iam:*',
      weakened: false,
    },
    {
      name: 'update that only moves the failing statement is not a weakening',
      properties: policy(doc(allow('logs:PutLogEvents', '*'), allow('s3:*', '*'))),
      previous: policy(doc(allow('s3:*', '*'))),
      actions: ['UPDATE'],
      expect: 'FAIL',
      messageIncludes: 'PolicyDocument.Statement[1]',
      weakened: false,
    },
    { name: 'M09: s3:** is a full-service wildcard', properties: policy(doc(allow('s3:**', 'arn:aws:s3:::b/*'))), expect: 'FAIL', messageIncludes: 's3:**' },
  ],
});
