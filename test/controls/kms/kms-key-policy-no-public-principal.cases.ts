import { defineCases } from '../../helpers/cases';

const ROOT = { Sid: 'Root', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'kms:*', Resource: '*' };
const DENY = { Effect: 'Deny', Principal: '*', Action: 'kms:ScheduleKeyDeletion', Resource: '*' };
const open = (principal: unknown, extra: Record<string, unknown> = {}) => ({ Effect: 'Allow', Principal: principal, Action: ['kms:Decrypt', 'kms:DescribeKey'], Resource: '*', ...extra });
const key = (...statements: unknown[]) => ({ EnableKeyRotation: true, KeyPolicy: { Version: '2012-10-17', Statement: statements } });

export default defineCases({
  controlId: 'CICD.KMS.3',
  resourceType: 'AWS::KMS::Key',
  cases: [
    { name: 'CDK default key policy (account root, kms:*)', properties: key(ROOT), expect: 'PASS' },
    { name: 'KeyPolicy absent (AWS default policy)', absent: ['KeyPolicy'], properties: { EnableKeyRotation: true }, expect: 'PASS' },
    { name: 'Allow "*" limited by aws:PrincipalOrgID', properties: key(ROOT, open('*', { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } })), expect: 'PASS' },
    { name: 'Deny to "*" is not a grant', properties: key(ROOT, DENY), expect: 'PASS' },
    { name: 'Allow "*" without a condition', properties: key(ROOT, open('*')), expect: 'FAIL', messageIncludes: 'KeyPolicy' },
    { name: 'Allow {"AWS": "*"}', properties: key(open({ AWS: '*' })), expect: 'FAIL' },
    { name: 'Allow {"AWS": ["*"]}', properties: key(open({ AWS: ['*'] })), expect: 'FAIL' },
    { name: 'Deny first, public Allow later', properties: key(DENY, ROOT, open({ AWS: '*' })), expect: 'FAIL', messageIncludes: 'Statement[2]' },
    { name: 'Allow "*" with a condition on aws:SecureTransport only', properties: key(open('*', { Condition: { Bool: { 'aws:SecureTransport': 'true' } } })), expect: 'FAIL' },
    { name: 'KeyPolicy as a JSON string with a public Allow', properties: { KeyPolicy: JSON.stringify({ Statement: [ROOT, open({ AWS: ['*'] })] }) }, expect: 'FAIL' },
    { name: 'KeyPolicy as a JSON string, account root only', properties: { KeyPolicy: JSON.stringify({ Statement: [ROOT] }) }, expect: 'PASS' },
    { name: 'KeyPolicy string that is not JSON', properties: { KeyPolicy: '{nope' }, expect: 'FAIL' },
    {
      name: 'update opens the key to everyone',
      properties: key(ROOT, open('*')),
      previous: key(ROOT),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
      messageIncludes: 'by this update',
    },
    // one condition predicate for every policy (src/predicates/conditions.ts); each FAIL/UNKNOWN below passed before it
    { name: 'B1: ForAllValues:StringEquals on aws:PrincipalOrgID narrows nothing', properties: key(ROOT, open('*', { Condition: { 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': 'o-abc123' } } })), expect: 'FAIL', messageIncludes: 'Statement[1]' },
    { name: 'B2: an Effect from Fn::If is UNKNOWN, not skipped', properties: key(ROOT, open('*', { Effect: { 'Fn::If': ['Open', 'Allow', 'Deny'] } })), expect: 'UNKNOWN', typedOnly: true },
    { name: 'a misspelt Effect is judged as Allow', properties: key(ROOT, open('*', { Effect: 'Alow' })), expect: 'FAIL', messageIncludes: 'Statement[1]' },
    { name: 'wildcard-account principal arn:aws:iam::*:root is everyone', properties: key(ROOT, open({ AWS: 'arn:aws:iam::*:root' })), expect: 'FAIL' },
    { name: 'aws:PrincipalArn "arn:aws:iam::*:*" narrows nothing', properties: key(ROOT, open('*', { Condition: { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:*' } } })), expect: 'FAIL' },
    { name: 'kms:CallerAccount compared with its own policy variable', properties: key(ROOT, open('*', { Condition: { StringEquals: { 'kms:CallerAccount': '${kms:CallerAccount}' } } })), expect: 'FAIL' },
    { name: 'aws:PrincipalOrgID "o-*" narrows nothing', properties: key(ROOT, open('*', { Condition: { StringLike: { 'aws:PrincipalOrgID': 'o-*' } } })), expect: 'FAIL' },
    {
      name: 'AWS-managed-key pattern: "*" limited by kms:CallerAccount and kms:ViaService passes',
      properties: key(ROOT, open({ AWS: '*' }, { Condition: { StringEquals: { 'kms:CallerAccount': '123456789012', 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } } })),
      expect: 'PASS',
    },
    // a principal the template does not resolve may be anyone: UNKNOWN, never PASS
    { name: 'a principal from a Ref is UNKNOWN', properties: key(ROOT, open({ AWS: { Ref: 'UserArn' } })), expect: 'UNKNOWN', typedOnly: true },
  ],
});
