import { defineCases } from '../../helpers/cases';

const AP = 'arn:aws:s3:eu-west-1:123456789012:accesspoint/ci-artifacts-ap/object/*';
const allow = (principal: unknown, extra: Record<string, unknown> = {}) => ({ Effect: 'Allow', Principal: principal, Action: 's3:GetObject', Resource: AP, ...extra });
const ap = (...statements: unknown[]) => ({ Bucket: 'ci-artifacts', Name: 'ci-artifacts-ap', Policy: { Version: '2012-10-17', Statement: statements } });

export default defineCases({
  controlId: 'CICD.S3.6',
  resourceType: 'AWS::S3::AccessPoint',
  cases: [
    { name: 'access point without a policy grants nothing of its own', absent: ['Policy'], properties: { Bucket: 'ci-artifacts', Name: 'ci-artifacts-ap' }, expect: 'PASS' },
    { name: 'access point policy for a role of the account', properties: ap(allow({ AWS: 'arn:aws:iam::123456789012:role/deploy' })), expect: 'PASS' },
    { name: '"*" limited to the organisation', properties: ap(allow('*', { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } })), expect: 'PASS' },
    { name: 'access point policy as a JSON string, private', properties: { Bucket: 'b', Policy: JSON.stringify(ap(allow({ AWS: 'arn:aws:iam::123456789012:root' })).Policy) }, expect: 'PASS' },
    { name: 'Principal "*" on the access point', properties: ap(allow('*')), expect: 'FAIL', messageIncludes: ['Policy Statement[0]', 'any principal'] },
    { name: 'lower-case keys {"aws": ["*"]}', properties: ap({ effect: 'allow', principal: { aws: ['*'] }, action: 's3:*', resource: AP }), expect: 'FAIL', messageIncludes: 'Policy' },
    { name: 'a wildcard account', properties: ap(allow({ AWS: 'arn:aws:iam::*:root' })), expect: 'FAIL' },
    { name: 'NotPrincipal on Allow', properties: ap({ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 's3:GetObject', Resource: AP }), expect: 'FAIL', messageIncludes: 'NotPrincipal' },
    { name: 'a condition that does not identify the caller', properties: ap(allow('*', { Condition: { Bool: { 'aws:SecureTransport': 'true' } } })), expect: 'FAIL' },
    { name: 'public as a JSON string', properties: { Bucket: 'b', Policy: JSON.stringify(ap(allow({ AWS: '*' })).Policy) }, expect: 'FAIL' },
    { name: 'unreadable policy string', properties: { Bucket: 'b', Policy: '{"Statement": [' }, expect: 'FAIL', messageIncludes: 'not valid JSON' },
    { name: 'a principal from a Ref is UNKNOWN', properties: ap(allow({ AWS: { Ref: 'Reader' } })), expect: 'UNKNOWN', typedOnly: true },
    { name: 'update opens the access point', properties: ap(allow('*')), previous: ap(allow({ AWS: 'arn:aws:iam::123456789012:role/deploy' })), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
  ],
});
