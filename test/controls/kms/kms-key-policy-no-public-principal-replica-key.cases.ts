import { defineCases } from '../../helpers/cases';

const PRIMARY = 'arn:aws:kms:eu-west-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab';
const ROOT = { Sid: 'Root', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'kms:*', Resource: '*' };
const open = (principal: unknown, extra: Record<string, unknown> = {}) => ({ Effect: 'Allow', Principal: principal, Action: ['kms:Decrypt', 'kms:DescribeKey'], Resource: '*', ...extra });
const replica = (...statements: unknown[]) => ({ PrimaryKeyArn: PRIMARY, KeyPolicy: { Version: '2012-10-17', Statement: statements } });

export default defineCases({
  controlId: 'CICD.KMS.3',
  resourceType: 'AWS::KMS::ReplicaKey',
  cases: [
    { name: 'replica key with the account root policy', properties: replica(ROOT), expect: 'PASS' },
    { name: 'replica key "*" limited by kms:CallerAccount', properties: replica(ROOT, open('*', { Condition: { StringEquals: { 'kms:CallerAccount': '123456789012' } } })), expect: 'PASS' },
    { name: 'replica key policy as a JSON string, account root only', properties: { PrimaryKeyArn: PRIMARY, KeyPolicy: JSON.stringify({ Statement: [ROOT] }) }, expect: 'PASS' },
    { name: 'replica key without KeyPolicy cannot be checked', absent: ['KeyPolicy'], properties: { PrimaryKeyArn: PRIMARY }, expect: 'FAIL', messageIncludes: 'KeyPolicy is missing' },
    { name: 'replica key open to "*"', properties: replica(ROOT, open('*')), expect: 'FAIL', messageIncludes: ['KeyPolicy Statement[1]', 'any principal'] },
    { name: 'replica key open to a wildcard account pattern', properties: replica(ROOT, open({ AWS: ['arn:aws:iam::12345678901?:root'] })), expect: 'FAIL' },
    { name: 'replica key with NotPrincipal', properties: replica({ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'kms:*', Resource: '*' }), expect: 'FAIL', messageIncludes: 'NotPrincipal' },
    { name: 'replica key public as a JSON string', properties: { PrimaryKeyArn: PRIMARY, KeyPolicy: JSON.stringify({ Statement: [ROOT, open({ AWS: '*' })] }) }, expect: 'FAIL' },
    { name: 'replica key policy from a Ref is UNKNOWN', properties: { PrimaryKeyArn: PRIMARY, KeyPolicy: { Ref: 'Policy' } }, expect: 'UNKNOWN', typedOnly: true },
    { name: 'update opens the replica key', properties: replica(ROOT, open('*')), previous: replica(ROOT), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
  ],
});
