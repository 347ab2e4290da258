import { defineCases } from '../../helpers/cases';
import { CODEBUILD_TRUST, trustRole } from './fixtures';

const assume = (principal: unknown, extra: Record<string, unknown> = {}) => ({ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...extra });

export default defineCases({
  controlId: 'CICD.IAM.7',
  resourceType: 'AWS::IAM::Role',
  cases: [
    { name: 'service principal passes', properties: { AssumeRolePolicyDocument: CODEBUILD_TRUST }, expect: 'PASS' },
    { name: 'specific account role passes', properties: trustRole(assume({ AWS: 'arn:aws:iam::123456789012:role/pipeline' })), expect: 'PASS' },
    { name: 'AssumeRolePolicyDocument missing fails closed', absent: ['AssumeRolePolicyDocument'], properties: { RoleName: 'r' }, expect: 'FAIL', messageIncludes: 'AssumeRolePolicyDocument is missing' },
    { name: 'Principal "*"', properties: trustRole(assume('*')), expect: 'FAIL', messageIncludes: ['AssumeRolePolicyDocument.Statement[0]', 'any principal'] },
    { name: 'Principal {"AWS":"*"}', properties: trustRole(assume({ AWS: '*' })), expect: 'FAIL' },
    { name: 'Principal {"AWS":["*"]}', properties: trustRole(assume({ AWS: ['*'] })), expect: 'FAIL' },
    { name: 'wildcard account root', properties: trustRole(assume({ AWS: 'arn:aws:iam::*:root' })), expect: 'FAIL' },
    { name: '* with aws:PrincipalOrgID condition passes', properties: trustRole(assume({ AWS: '*' }, { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } })), expect: 'PASS' },
    { name: '* with an unrelated condition fails', properties: trustRole(assume({ AWS: '*' }, { Condition: { Bool: { 'aws:SecureTransport': 'true' } } })), expect: 'FAIL' },
    { name: '* with aws:PrincipalOrgID "*" fails', properties: trustRole(assume('*', { Condition: { StringLike: { 'aws:PrincipalOrgID': '*' } } })), expect: 'FAIL' },
    { name: 'Allow with NotPrincipal', properties: trustRole({ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sts:AssumeRole' }), expect: 'FAIL', messageIncludes: 'NotPrincipal' },
    { name: 'Deny first then public Allow', properties: trustRole({ Effect: 'Deny', Principal: { AWS: 'arn:aws:iam::999999999999:root' }, Action: 'sts:AssumeRole' }, assume({ AWS: ['*'] })), expect: 'FAIL', messageIncludes: 'Statement[1]' },
    { name: 'trust policy as a JSON string', properties: { AssumeRolePolicyDocument: JSON.stringify({ Statement: assume('*') }) }, expect: 'FAIL' },
    // documents this hook could read otherwise than IAM: the same element twice in two cases, Principal and NotPrincipal
    { name: 'Effect twice (Deny, then effect Allow)', properties: trustRole({ ...assume('*'), Effect: 'Deny', effect: 'Allow' }), expect: 'FAIL', messageIncludes: ['ambiguous', 'Statement[0] has Effect and effect'] },
    { name: 'a condition key twice in two cases', properties: trustRole(assume({ AWS: '*' }, { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123', 'AWS:PRINCIPALORGID': 'o-other99' } } })), expect: 'FAIL', messageIncludes: 'aws:PrincipalOrgID and AWS:PRINCIPALORGID' },
    { name: 'a condition operator twice in two cases', properties: trustRole(assume({ AWS: '*' }, { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' }, stringEquals: { 'aws:PrincipalOrgID': '*' } } })), expect: 'FAIL', messageIncludes: 'ambiguous' },
    { name: 'Principal and NotPrincipal in one statement', properties: trustRole({ ...assume({ AWS: 'arn:aws:iam::123456789012:role/pipeline' }), NotPrincipal: { AWS: 'arn:aws:iam::123456789012:root' } }), expect: 'FAIL', messageIncludes: 'both Principal and NotPrincipal' },
    { name: 'the AWS principal type twice in two cases', properties: trustRole(assume({ AWS: 'arn:aws:iam::123456789012:role/pipeline', aws: '*' })), expect: 'FAIL', messageIncludes: 'Principal has AWS and aws' },
    { name: 'unparsable trust policy string', properties: { AssumeRolePolicyDocument: '{Statement' }, expect: 'FAIL', messageIncludes: 'not valid JSON' },
    { name: 'update opens the trust to *', properties: trustRole(assume({ AWS: '*' })), previous: trustRole(assume({ AWS: 'arn:aws:iam::123456789012:root' })), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
    // one condition predicate for every policy (src/predicates/conditions.ts)
    { name: 'M04: an Effect from Fn::If is UNKNOWN, not judged Deny', properties: trustRole(assume('*', { Effect: { 'Fn::If': ['Open', 'Allow', 'Deny'] } })), expect: 'UNKNOWN', typedOnly: true },
    { name: 'M04: a statement without Effect is judged as Allow', properties: trustRole({ Principal: '*', Action: 'sts:AssumeRole' }), expect: 'FAIL', messageIncludes: 'any principal' },
    { name: 'B1 stays closed: ForAllValues on aws:PrincipalOrgID', properties: trustRole(assume('*', { Condition: { 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': 'o-abc123' } } })), expect: 'FAIL' },
    // each FAIL below passed before the shared predicate
    { name: 'aws:PrincipalArn for every role of every account', properties: trustRole(assume({ AWS: '*' }, { Condition: { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/*' } } })), expect: 'FAIL' },
    { name: 'aws:SourceAccount compared with its own policy variable', properties: trustRole(assume('*', { Condition: { StringEquals: { 'aws:SourceAccount': '${aws:SourceAccount}' } } })), expect: 'FAIL' },
    { name: 'a list of organisations holding "*"', properties: trustRole(assume('*', { Condition: { StringLike: { 'aws:PrincipalOrgID': ['o-abc123', '*'] } } })), expect: 'FAIL' },
    { name: 'a wildcard account in aws:PrincipalAccount', properties: trustRole(assume('*', { Condition: { StringLike: { 'aws:PrincipalAccount': '1234*' } } })), expect: 'FAIL' },
    { name: 'aws:PrincipalOrgID from a Ref is UNKNOWN (local check only)', properties: trustRole(assume('*', { Condition: { StringEquals: { 'aws:PrincipalOrgID': { Ref: 'OrgId' } } } })), expect: 'UNKNOWN', typedOnly: true },
    { name: 'one account\'s roles by aws:PrincipalArn pass', properties: trustRole(assume({ AWS: '*' }, { Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/deploy-*' } } })), expect: 'PASS' },
    // a principal the template does not resolve may be anyone: UNKNOWN, never PASS (local checks only: CloudFormation resolves it)
    { name: 'Principal from a Ref is UNKNOWN', properties: trustRole(assume({ Ref: 'Trusted' })), expect: 'UNKNOWN', typedOnly: true },
    { name: 'AWS principal from a Ref is UNKNOWN', properties: trustRole(assume({ AWS: { Ref: 'TrustedArn' } })), expect: 'UNKNOWN', typedOnly: true },
    { name: 'an intrinsic inside a principal list is UNKNOWN', properties: trustRole(assume({ AWS: ['arn:aws:iam::123456789012:root', { 'Fn::ImportValue': 'Other' }] })), expect: 'UNKNOWN', typedOnly: true },
    { name: 'an unresolved principal under an organisation condition passes', properties: trustRole(assume({ AWS: { Ref: 'TrustedArn' } }, { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } })), expect: 'PASS', typedOnly: true },
  ],
});
