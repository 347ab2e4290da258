import { defineCases } from '../../helpers/cases';

/**
 * CICD.S3.6 on the other ways to attach a policy to a bucket's objects: multi-Region access points, Object Lambda
 * access points, directory buckets (S3 Express One Zone) and their access points — the same rule as the bucket
 * and access point policy, read from the same table (RESOURCE_POLICY_PATH).
 */
const OWN = '123456789012';
const SHAPES: Record<string, { path: string; base: Record<string, unknown>; resource: string; required: boolean }> = {
  'AWS::S3::MultiRegionAccessPointPolicy': { path: 'Policy', base: { MrapName: 'ci-artifacts-mrap' }, resource: `arn:aws:s3::${OWN}:accesspoint/mfzwi23gnjvgw.mrap/object/*`, required: true },
  'AWS::S3ObjectLambda::AccessPointPolicy': { path: 'PolicyDocument', base: { ObjectLambdaAccessPoint: 'ci-artifacts-olap' }, resource: `arn:aws:s3-object-lambda:eu-west-1:${OWN}:accesspoint/ci-artifacts-olap`, required: true },
  'AWS::S3Express::BucketPolicy': { path: 'PolicyDocument', base: { Bucket: 'ci-cache--euw1-az1--x-s3' }, resource: `arn:aws:s3express:eu-west-1:${OWN}:bucket/ci-cache--euw1-az1--x-s3`, required: true },
  'AWS::S3Express::AccessPoint': { path: 'Policy', base: { Bucket: 'ci-cache--euw1-az1--x-s3' }, resource: `arn:aws:s3express:eu-west-1:${OWN}:accesspoint/ci-cache-ap--euw1-az1--xa-s3`, required: false },
};
const TYPES = Object.keys(SHAPES);
const REQUIRED = TYPES.filter((t) => SHAPES[t].required);
const OPTIONAL = TYPES.filter((t) => !SHAPES[t].required);

const doc = (t: string, ...statements: Array<(t: string) => unknown>) => ({ Version: '2012-10-17', Statement: statements.map((s) => s(t)) });
const allow =
  (principal: unknown, extra: Record<string, unknown> = {}) =>
  (t: string) => ({ Effect: 'Allow', Principal: principal, Action: 's3:GetObject', Resource: SHAPES[t].resource, ...extra });
/** The resource with its policy document built by `statements` (typed, or as a JSON string). */
const withPolicy =
  (...statements: Array<(t: string) => unknown>) =>
  (t: string) => ({ ...SHAPES[t].base, [SHAPES[t].path]: doc(t, ...statements) });
const withPolicyString =
  (...statements: Array<(t: string) => unknown>) =>
  (t: string) => ({ ...SHAPES[t].base, [SHAPES[t].path]: JSON.stringify(doc(t, ...statements)) });
const withRaw = (value: unknown) => (t: string) => ({ ...SHAPES[t].base, [SHAPES[t].path]: value });
const at = (rest: string) => (t: string) => `${SHAPES[t].path} Statement[${rest}`;

const ROLE = { AWS: `arn:aws:iam::${OWN}:role/deploy` };

export default defineCases({
  controlId: 'CICD.S3.6',
  resourceTypes: TYPES,
  cases: [
    { name: 'a role of the account', properties: withPolicy(allow(ROLE)), expect: 'PASS' },
    { name: 'a role of the account, as a JSON string', properties: withPolicyString(allow(ROLE)), expect: 'PASS' },
    { name: '"*" limited to the organisation', properties: withPolicy(allow('*', { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123def45' } } })), expect: 'PASS' },
    { name: '{"AWS": "*"} limited to the own account', properties: withPolicy(allow({ AWS: '*' }, { Condition: { StringEquals: { 'aws:PrincipalAccount': OWN } } })), expect: 'PASS' },
    { name: '"*" only in a Deny', properties: withPolicy(allow(ROLE), (t) => ({ ...(allow('*')(t) as object), Effect: 'Deny' })), expect: 'PASS' },
    // missing block: the policy-only resources cannot be checked without their document; an access point's is optional
    { name: 'policy document missing cannot be checked', resourceType: REQUIRED, absent: (t) => [SHAPES[t].path], properties: (t) => ({ ...SHAPES[t].base }), expect: 'FAIL', messageIncludes: (t) => `${SHAPES[t].path} is missing or empty` },
    { name: 'an empty policy string cannot be checked', resourceType: REQUIRED, properties: withRaw(' '), expect: 'FAIL', messageIncludes: 'is missing or empty' },
    { name: 'access point without a policy grants nothing of its own', resourceType: OPTIONAL, absent: (t) => [SHAPES[t].path], properties: (t) => ({ ...SHAPES[t].base }), expect: 'PASS' },
    // spellings of everyone
    { name: 'Principal "*"', properties: withPolicy(allow('*')), expect: 'FAIL', messageIncludes: (t) => [at('0]')(t), 'any principal'] },
    { name: '{"AWS": "*"}', properties: withPolicy(allow({ AWS: '*' })), expect: 'FAIL', messageIncludes: 'any principal' },
    { name: 'lower-case keys {"aws": ["*"]}', properties: (t) => ({ ...SHAPES[t].base, [SHAPES[t].path]: { statement: [{ effect: 'allow', principal: { aws: ['*'] }, action: 's3:*', resource: SHAPES[t].resource }] } }), expect: 'FAIL' },
    { name: 'a wildcard account arn:aws:iam::*:root', properties: withPolicy(allow({ AWS: 'arn:aws:iam::*:root' })), expect: 'FAIL' },
    { name: 'a list with one "*" member', properties: withPolicy(allow({ AWS: [`arn:aws:iam::${OWN}:role/deploy`, '*'] })), expect: 'FAIL', messageIncludes: (t) => at('0]')(t) },
    { name: 'the second statement is public', properties: withPolicy(allow(ROLE), allow('*')), expect: 'FAIL', messageIncludes: (t) => at('1]')(t) },
    { name: 'NotPrincipal on Allow', properties: withPolicy((t) => ({ Effect: 'Allow', NotPrincipal: ROLE, Action: 's3:GetObject', Resource: SHAPES[t].resource })), expect: 'FAIL', messageIncludes: 'NotPrincipal' },
    { name: 'a condition that does not identify the caller', properties: withPolicy(allow('*', { Condition: { Bool: { 'aws:SecureTransport': 'true' } } })), expect: 'FAIL' },
    { name: 'a negated account condition narrows nothing', properties: withPolicy(allow('*', { Condition: { StringNotEquals: { 'aws:PrincipalAccount': '444455556666' } } })), expect: 'FAIL' },
    { name: 'public as a JSON string', properties: withPolicyString(allow({ AWS: '*' })), expect: 'FAIL', messageIncludes: 'any principal' },
    { name: 'unreadable policy string', properties: withRaw('{"Statement": ['), expect: 'FAIL', messageIncludes: 'not valid JSON' },
    {
      name: 'a JSON string with duplicate keys fails closed',
      properties: (t) => ({ ...SHAPES[t].base, [SHAPES[t].path]: `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${OWN}:role/deploy"},"Principal":"*","Action":"s3:GetObject","Resource":"${SHAPES[t].resource}"}]}` }),
      expect: 'FAIL',
      messageIncludes: 'duplicate key',
    },
    // what the template does not decide
    { name: 'a principal from a parameter is UNKNOWN', properties: withPolicy(allow({ AWS: { Ref: 'Reader' } })), expect: 'UNKNOWN', typedOnly: true },
    { name: 'an organisation condition from a parameter is UNKNOWN', properties: withPolicy(allow('*', { Condition: { StringEquals: { 'aws:PrincipalOrgID': { Ref: 'OrgId' } } } })), expect: 'UNKNOWN', typedOnly: true },
    { name: 'a policy chosen by an undecided Fn::If is UNKNOWN', properties: withRaw({ 'Fn::If': ['Open', { Statement: [] }, { Statement: [] }] }), expect: 'UNKNOWN', typedOnly: true },
    { name: 'update opens the policy', properties: withPolicy(allow('*')), previous: withPolicy(allow(ROLE)), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
  ],
});
