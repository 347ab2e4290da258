import { defineCases } from '../../helpers/cases';

const CMK = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const fn = (extra: Record<string, unknown> = {}) => ({
  FunctionName: 'ci-notifier',
  Runtime: 'nodejs22.x',
  Handler: 'index.handler',
  Role: 'arn:aws:iam::123456789012:role/ci-notifier',
  Code: { S3Bucket: 'artifacts', S3Key: 'notifier.zip' },
  ...extra,
});
const env = { Environment: { Variables: { TABLE_NAME: 'builds' } } };

export default defineCases({
  controlId: 'CICD.LAMBDA.2',
  resourceType: 'AWS::Lambda::Function',
  cases: [
    { name: 'variables with a customer-managed key', properties: fn({ ...env, KmsKeyArn: CMK }), expect: 'PASS' },
    { name: 'Environment missing (nothing to encrypt)', absent: ['Environment'], properties: fn(), expect: 'PASS' },
    { name: 'Variables empty', properties: fn({ Environment: { Variables: {} } }), expect: 'PASS' },
    { name: 'variables without KmsKeyArn (aws/lambda)', absent: ['KmsKeyArn'], properties: fn(env), expect: 'FAIL', messageIncludes: ['KmsKeyArn is missing', 'alias/aws/lambda'] },
    { name: 'variables with the AWS-managed key', properties: fn({ ...env, KmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:alias/aws/lambda' }), expect: 'FAIL', messageIncludes: 'AWS-managed' },
    { name: 'update removes KmsKeyArn', properties: fn(env), previous: fn({ ...env, KmsKeyArn: CMK }), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
    { name: 'KmsKeyArn from Fn::GetAtt (local check only)', properties: fn({ ...env, KmsKeyArn: { 'Fn::GetAtt': ['Key', 'Arn'] } }), expect: 'UNKNOWN', typedOnly: true },
  ],
});
