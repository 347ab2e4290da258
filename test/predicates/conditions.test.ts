/**
 * The one condition predicate, tested as data: operator × key × value → does it narrow the caller?
 * A condition narrows only if, as IAM evaluates it, it makes the statement false for an arbitrary outside caller.
 */
import {
  CALLER_SCOPING_KEYS,
  CONDITION_KEYS,
  conditionNarrowing,
  judgeEntry,
  judgeOperator,
  keyRule,
  OPERATORS,
  statementNarrowing,
  type Narrowing,
} from '../../src/predicates/conditions';
import { parsePolicy } from '../../src/predicates/policy';

const ORG = 'o-a1b2c3d4e5';
const ACCOUNT = '111122223333';

/** [operator, key, value(s), expected, why] */
const TABLE: Array<[string, string, unknown, Narrowing, string]> = [
  // --- positive operators on caller-identifying keys with concrete values: narrow ---
  ['StringEquals', 'aws:PrincipalOrgID', ORG, 'narrows', 'the organisation'],
  ['StringEquals', 'AWS:PRINCIPALORGID', ORG, 'narrows', 'keys compare without case'],
  ['StringEqualsIgnoreCase', 'aws:PrincipalAccount', ACCOUNT, 'narrows', 'one account'],
  ['ForAnyValue:StringEquals', 'aws:PrincipalOrgID', ORG, 'narrows', 'ForAnyValue on a single-valued key is false when absent'],
  ['StringEquals', 'aws:SourceAccount', [ACCOUNT, '444455556666'], 'narrows', 'a list of concrete accounts'],
  ['StringEquals', 'aws:SourceAccount', 111122223333, 'narrows', 'a typed number is the account'],
  ['StringLike', 'aws:PrincipalArn', `arn:aws:iam::${ACCOUNT}:role/*`, 'narrows', 'every role of one account'],
  ['ArnLike', 'aws:PrincipalArn', `arn:aws:iam::${ACCOUNT}:*`, 'narrows', 'everything of one account'],
  ['ArnEquals', 'aws:SourceArn', `arn:aws:codebuild:eu-west-1:${ACCOUNT}:project/build`, 'narrows', 'one project'],
  ['ArnLike', 'aws:SourceArn', `arn:aws:lambda:*:${ACCOUNT}:function:*`, 'narrows', 'ArnLike matches field by field: the account stays fixed'],
  ['ArnLike', 'aws:SourceArn', 'arn:aws:s3:::ci-artifacts', 'narrows', 'one bucket (no account field)'],
  ['StringLike', 'aws:PrincipalOrgPaths', `${ORG}/r-ab12/ou-ab12-11111111/*`, 'narrows', 'below one organisation'],
  ['StringLike', 'aws:userid', 'AROAEXAMPLEID:*', 'narrows', 'sessions of one role'],
  ['StringEquals', 'aws:SourceVpce', 'vpce-1a2b3c4d', 'narrows', 'one endpoint'],
  ['StringEquals', 'kms:CallerAccount', ACCOUNT, 'narrows', 'KMS caller account'],
  ['StringEquals', 'aws:PrincipalOrgID', '${aws:ResourceOrgID}', 'narrows', 'the data-perimeter pattern: same organisation as the resource'],
  ['StringEquals', 'aws:PrincipalAccount', '${aws:ResourceAccount}', 'narrows', 'same account as the resource'],
  // --- IfExists, negated, ForAllValues, Null, non-identity comparisons: narrow nothing ---
  ['StringEqualsIfExists', 'aws:PrincipalOrgID', ORG, 'none', 'true when the key is absent'],
  ['ForAnyValue:StringEqualsIfExists', 'aws:PrincipalOrgID', ORG, 'none', 'IfExists behind a qualifier'],
  ['ArnLikeIfExists', 'aws:SourceArn', `arn:aws:sns:eu-west-1:${ACCOUNT}:topic`, 'none', 'IfExists on ARNs'],
  ['StringNotEquals', 'aws:PrincipalOrgID', ORG, 'none', 'every caller but one organisation'],
  ['StringNotLike', 'aws:PrincipalArn', `arn:aws:iam::${ACCOUNT}:*`, 'none', 'negated'],
  ['StringNotEqualsIgnoreCase', 'aws:PrincipalAccount', ACCOUNT, 'none', 'negated'],
  ['ArnNotEquals', 'aws:SourceArn', `arn:aws:sns:eu-west-1:${ACCOUNT}:topic`, 'none', 'negated'],
  ['ArnNotLike', 'aws:PrincipalArn', `arn:aws:iam::${ACCOUNT}:role/*`, 'none', 'negated'],
  ['ForAnyValue:StringNotEquals', 'aws:PrincipalOrgID', ORG, 'none', 'negated behind a qualifier'],
  ['ForAllValues:StringEquals', 'aws:PrincipalOrgID', ORG, 'none', 'B1: true when the key is absent'],
  ['forallvalues:stringequals', 'aws:PrincipalOrgID', ORG, 'none', 'B1, any case'],
  ['ForAllValues:StringLike', 'aws:PrincipalOrgPaths', `${ORG}/*`, 'none', 'ForAllValues on anything'],
  ['ForAllValue:StringEquals', 'aws:PrincipalOrgID', ORG, 'none', 'a misspelt qualifier is not an operator IAM knows'],
  ['Null', 'aws:PrincipalOrgID', 'false', 'none', 'presence is not identity'],
  ['NumericEquals', 'aws:PrincipalAccount', ACCOUNT, 'none', 'numeric comparisons are not accepted as identity'],
  ['DateLessThan', 'aws:CurrentTime', '2030-01-01T00:00:00Z', 'none', 'a time window'],
  ['Bool', 'aws:SecureTransport', 'true', 'none', 'TLS is open to anyone'],
  ['IpAddress', 'aws:SourceIp', '203.0.113.0/24', 'none', 'a network is not an identity (decision in CONDITION_KEYS)'],
  ['NotIpAddress', 'aws:SourceIp', '203.0.113.0/24', 'none', 'negated'],
  ['BinaryEquals', 'aws:PrincipalOrgID', 'QmluYXJ5', 'none', 'binary comparison'],
  ['ArnLike', 'aws:SourceAccount', ACCOUNT, 'none', 'an ARN operator cannot name an account'],
  ['StringEqualz', 'aws:PrincipalOrgID', ORG, 'none', 'unknown operator'],
  // --- wildcard values that match every caller in their position ---
  ['StringLike', 'aws:PrincipalOrgID', '*', 'none', 'match-all'],
  ['StringLike', 'aws:PrincipalOrgID', '?*', 'none', 'match-all'],
  ['StringEquals', 'aws:PrincipalOrgID', '*', 'none', 'a wildcard meant as one (fail closed)'],
  ['StringLike', 'aws:PrincipalOrgID', 'o-*', 'none', 'every organisation'],
  ['StringLike', 'aws:PrincipalArn', 'arn:aws:iam::*:role/*', 'none', 'every role of every account'],
  ['StringLike', 'aws:PrincipalArn', 'arn:aws:iam::*:*', 'none', 'every principal'],
  ['ArnLike', 'aws:PrincipalArn', 'arn:aws:iam::*:root', 'none', 'every account root'],
  ['ArnLike', 'aws:PrincipalArn', 'arn:aws:iam::12345678901?:root', 'none', '? in the account field'],
  ['StringLike', 'aws:PrincipalArn', `arn:aws:*:${ACCOUNT}:role/x`, 'none', 'StringLike * spans colons: the account is not pinned'],
  ['StringLike', 'aws:PrincipalArn', 'arn:*', 'none', 'not a whole ARN'],
  ['ArnLike', 'aws:SourceArn', 'arn:aws:s3:::*', 'none', 'every bucket in the world'],
  ['ArnLike', 'aws:SourceArn', 'arn:aws:s3:::ci-*', 'none', 'bucket names are global: anyone can create ci-evil'],
  ['StringLike', 'aws:SourceAccount', '1111*', 'none', 'wildcard in an account'],
  ['StringLike', 'aws:SourceAccount', '11112222333?', 'none', '? in an account'],
  ['StringLike', 'aws:PrincipalOrgPaths', '*/r-ab12/*', 'none', 'the organisation is a wildcard'],
  ['StringLike', 'aws:userid', '*:alice', 'none', 'any principal with a session name alice'],
  ['StringLike', 'aws:SourceVpce', 'vpce-*', 'none', 'every endpoint'],
  ['StringEquals', 'aws:PrincipalOrgID', '', 'none', 'empty'],
  ['StringEquals', 'aws:PrincipalOrgID', [], 'none', 'no values'],
  ['StringEquals', 'aws:SourceAccount', [ACCOUNT, '*'], 'none', 'one match-all value in an OR list'],
  ['StringLike', 'aws:PrincipalArn', [`arn:aws:iam::${ACCOUNT}:role/a`, 'arn:aws:iam::*:role/*'], 'none', 'one match-all value in an OR list'],
  // --- policy variables of the caller ---
  ['StringEquals', 'aws:SourceAccount', '${aws:SourceAccount}', 'none', 'the key compared with itself'],
  ['StringEquals', 'aws:PrincipalAccount', '${aws:PrincipalAccount}', 'none', 'the key compared with itself'],
  ['StringEquals', 'aws:PrincipalOrgID', '${aws:PrincipalTag/org}', 'none', 'a tag of the caller'],
  ['StringLike', 'aws:PrincipalArn', 'arn:aws:iam::${aws:PrincipalAccount}:role/*', 'none', "the caller's own account"],
  ['StringEquals', 'aws:SourceAccount', '${aws:RequestTag/account}', 'none', 'sent by the caller'],
  ['StringEquals', 'aws:PrincipalOrgID', "${aws:UserAgent, 'o-x'}", 'none', 'sent by the caller, with a default'],
  ['StringEquals', 'aws:PrincipalOrgID', 'o-${*}abc', 'narrows', '${*} is a literal star, not a wildcard'],
  // --- keys that do not identify the caller ---
  ['StringEquals', 'aws:UserAgent', 'pipeline-guard', 'none', 'sent by the caller'],
  ['StringEquals', 'aws:Referer', 'https://example.com/', 'none', 'sent by the caller'],
  ['StringEquals', 'aws:RequestTag/team', 'ci', 'none', 'sent by the caller'],
  ['StringEquals', 'aws:PrincipalTag/team', 'ci', 'none', "set in the caller's own account"],
  ['StringEquals', 'aws:username', 'deployer', 'none', 'any account can create the same user name'],
  ['StringEquals', 'sts:ExternalId', 'shared-value', 'none', 'sent by the caller'],
  ['StringEquals', 'aws:SourceIdentity', 'alice', 'none', 'set by the caller'],
  ['StringEquals', 'aws:PrincipalServiceName', 'cloudtrail.amazonaws.com', 'none', 'a service acts for every customer'],
  ['StringEquals', 'aws:ResourceAccount', ACCOUNT, 'none', 'the resource, not the caller'],
  ['StringEquals', 'kms:ViaService', 's3.eu-west-1.amazonaws.com', 'none', 'any account through a service'],
  // --- unresolvable values ---
  ['StringEquals', 'aws:PrincipalOrgID', { Ref: 'OrgId' }, 'unresolved', 'an intrinsic'],
  ['StringEquals', 'aws:PrincipalOrgID', '{{resolve:ssm:/org/id}}', 'unresolved', 'a dynamic reference'],
  ['StringEquals', 'aws:SourceAccount', [ACCOUNT, { Ref: 'Other' }], 'unresolved', 'one unresolved value in a list'],
  ['StringEquals', 'aws:SourceAccount', { 'Fn::Split': [',', 'a,b'] }, 'unresolved', 'an intrinsic list'],
  ['StringEquals', 'aws:SourceAccount', ['*', { Ref: 'Other' }], 'none', 'match-all wins over unresolved'],
  ['StringNotEquals', 'aws:PrincipalOrgID', { Ref: 'OrgId' }, 'none', 'a negated operator narrows nothing whatever its value'],
];

describe('operator × key × value (caller-scoping keys)', () => {
  test.each(TABLE)('%s %s %j → %s (%s)', (op, key, value, want) => {
    expect(conditionNarrowing({ [op]: { [key]: value } })).toBe(want);
  });
  test('an entry on a caller-scoping key is judged the same on its own', () => {
    for (const [op, key, value, want] of TABLE) if (keyRule(key).scopesCaller) expect([op, key, judgeEntry(op, key, value).narrowing]).toEqual([op, key, want]);
  });
});

/** Identity-policy keys: what the grant applies to (iam:PassRole, escalation, kms:Decrypt controls). */
const IDENTITY_TABLE: Array<[string, string, unknown, Narrowing]> = [
  ['StringEquals', 'iam:PassedToService', 'lambda.amazonaws.com', 'narrows'],
  ['StringLike', 'iam:PassedToService', 'lambda.amazonaws.*', 'narrows'],
  ['StringLike', 'iam:PassedToService', '*', 'none'],
  ['StringLike', 'iam:PassedToService', '*.amazonaws.com', 'none'],
  ['StringLike', 'iam:PassedToService', ['lambda.amazonaws.com', '*.amazonaws.com'], 'none'],
  ['ForAllValues:StringEquals', 'iam:PassedToService', 'lambda.amazonaws.com', 'none'],
  ['StringNotEquals', 'iam:PassedToService', 'ec2.amazonaws.com', 'none'],
  ['StringEqualsIfExists', 'iam:PassedToService', 'lambda.amazonaws.com', 'none'],
  ['StringEquals', 'aws:ResourceTag/team', 'ci', 'narrows'],
  ['StringEquals', 'aws:ResourceTag/team', '${aws:PrincipalTag/team}', 'narrows'],
  ['StringEquals', 'aws:ResourceTag/team', '${aws:RequestTag/team}', 'none'],
  ['StringEquals', 'aws:ResourceTag/team', '${aws:ResourceTag/team}', 'none'],
  ['StringLike', 'aws:ResourceTag/team', '*', 'none'],
  ['StringEquals', 'aws:ResourceAccount', ACCOUNT, 'narrows'],
  ['StringEquals', 'aws:ResourceAccount', '${aws:PrincipalAccount}', 'narrows'],
  ['StringLike', 'aws:ResourceAccount', '*', 'none'],
  ['ForAnyValue:StringEquals', 'iam:ResourceTag/aws-cdk:bootstrap-role', ['image-publishing', 'file-publishing', 'deploy'], 'narrows'],
  ['StringEquals', 'kms:ViaService', 'secretsmanager.eu-west-1.amazonaws.com', 'narrows'],
  ['StringEquals', 'iam:PassedToService', { 'Fn::Sub': 'lambda.${AWS::URLSuffix}' }, 'unresolved'],
  // iam:PolicyARN: values that alone or together match every managed policy (of AWS, of an account) narrow nothing
  ['ArnEquals', 'iam:PolicyARN', `arn:aws:iam::${ACCOUNT}:policy/ci-deploy`, 'narrows'],
  ['ArnLike', 'iam:PolicyARN', `arn:aws:iam::${ACCOUNT}:policy/ci-*`, 'narrows'],
  ['ArnLike', 'iam:PolicyARN', 'arn:aws:iam::aws:policy/*', 'none'],
  ['ArnLike', 'iam:PolicyARN', `arn:aws:iam::${ACCOUNT}:policy/*`, 'none'],
  ['ArnLike', 'iam:PolicyARN', [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'].map((c) => `arn:aws:iam::aws:policy/${c}*`), 'none'],
  ['ArnLike', 'iam:PolicyARN', [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'].slice(1).map((c) => `arn:aws:iam::aws:policy/${c}*`), 'narrows'],
];

describe('operator × key × value (identity-policy keys)', () => {
  test.each(IDENTITY_TABLE)('%s %s %j → %s', (op, key, value, want) => {
    expect(conditionNarrowing({ [op]: { [key]: value } }, [key.toLowerCase()])).toBe(want);
  });
  test('key globs select the entries that count', () => {
    expect(conditionNarrowing({ StringEquals: { 'aws:ResourceTag/env': 'prod' } }, ['aws:resourcetag/*'])).toBe('narrows');
    expect(conditionNarrowing({ StringEquals: { 'aws:RequestTag/env': 'prod' } }, ['aws:resourcetag/*'])).toBe('none');
  });
});

describe('blocks and statements', () => {
  test('entries are ANDed: one concrete narrowing entry is enough', () => {
    expect(conditionNarrowing({ Bool: { 'aws:SecureTransport': 'true' }, StringEquals: { 'aws:PrincipalOrgID': ORG } })).toBe('narrows');
    expect(conditionNarrowing({ StringEquals: { 'aws:SourceAccount': ACCOUNT }, ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': ['B', 'Arn'] } } })).toBe('narrows');
    expect(conditionNarrowing({ StringNotEquals: { 'aws:PrincipalOrgID': ORG }, 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': ORG } })).toBe('none');
  });
  test('an unresolved entry and nothing concrete is unresolved', () => {
    expect(conditionNarrowing({ Bool: { 'aws:SecureTransport': 'true' }, StringEquals: { 'aws:PrincipalOrgID': { Ref: 'Org' } } })).toBe('unresolved');
  });
  test('no condition, odd shapes', () => {
    expect(conditionNarrowing(undefined)).toBe('none');
    expect(conditionNarrowing({})).toBe('none');
    expect(conditionNarrowing({ StringEquals: 'o-abc' })).toBe('none');
    expect(conditionNarrowing({ StringEquals: { 'Fn::If': ['C', { 'aws:PrincipalOrgID': ORG }, {}] } })).toBe('unresolved');
    expect(conditionNarrowing({ 'Fn::If': ['C', { StringEquals: { 'aws:PrincipalOrgID': ORG } }, {}] })).toBe('unresolved');
    expect(conditionNarrowing('StringEquals')).toBe('unresolved');
  });
  test('statement form reads the parsed Condition', () => {
    const st = (c: unknown) => parsePolicy({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Condition: c }] }).statements[0];
    expect(statementNarrowing(st({ StringEquals: { 'aws:PrincipalOrgID': ORG } }))).toBe('narrows');
    expect(statementNarrowing(st({ 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': ORG } }))).toBe('none');
    expect(statementNarrowing(st({ 'Fn::If': ['C', {}, {}] }))).toBe('unresolved');
    expect(statementNarrowing(st(undefined))).toBe('none');
  });
});

describe('the tables as data', () => {
  test('every operator IAM documents is in the table once; only String/Arn/Ip equality-like ones are positive', () => {
    const names = OPERATORS.map((o) => o.operator.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    expect(OPERATORS.filter((o) => o.positive).map((o) => o.operator).sort()).toEqual(['ArnEquals', 'ArnLike', 'IpAddress', 'StringEquals', 'StringEqualsIgnoreCase', 'StringLike']);
    for (const o of OPERATORS) if (/not/i.test(o.operator)) expect(o.positive).toBe(false);
  });
  test('every key decision carries its reason; keys are lower case and unique', () => {
    const keys = CONDITION_KEYS.map((k) => k.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of CONDITION_KEYS) {
      expect(k.key).toBe(k.key.toLowerCase());
      expect(k.why.length).toBeGreaterThan(10);
    }
  });
  test('caller-scoping keys include the ones the controls document, and none the caller controls', () => {
    for (const k of ['aws:principalorgid', 'aws:principalaccount', 'aws:sourceaccount', 'aws:sourcearn', 'aws:sourceorgid', 'aws:principalarn', 'aws:sourcevpce', 'kms:calleraccount']) expect(CALLER_SCOPING_KEYS).toContain(k);
    for (const k of ['aws:sourceip', 'aws:useragent', 'aws:referer', 'aws:requesttag/*', 'aws:principaltag/*', 'sts:externalid', 'aws:username']) expect(CALLER_SCOPING_KEYS).not.toContain(k);
  });
  test('qualifiers and IfExists', () => {
    expect(judgeOperator('ForAnyValue:StringEquals').positive).toBe(true);
    expect(judgeOperator('ForAllValues:StringEquals').positive).toBe(false);
    expect(judgeOperator('StringLikeIfExists').positive).toBe(false);
    expect(judgeOperator('stringequals').positive).toBe(true);
  });
});
