import { defineCases } from '../../helpers/cases';

const policy = (...statements: Record<string, unknown>[]) => ({ Version: '2012-10-17', Statement: statements });
const READ = ['codeartifact:ReadFromRepository', 'codeartifact:GetRepositoryEndpoint'];
const ORG_READ = { Effect: 'Allow', Principal: '*', Action: READ, Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } };
const PUBLIC_PUBLISH = { Sid: 'Publish', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'codeartifact:PublishPackageVersion', Resource: '*' };
const repo = (p?: unknown) => ({ DomainName: 'acme', RepositoryName: 'team-npm', ...(p !== undefined ? { PermissionsPolicyDocument: p } : {}) });

export default defineCases({
  controlId: 'CICD.CODEARTIFACT.3',
  resourceType: 'AWS::CodeArtifact::Repository',
  cases: [
    { name: 'PermissionsPolicyDocument absent', absent: ['PermissionsPolicyDocument'], properties: repo(), expect: 'PASS' },
    { name: 'organisation-wide read', properties: repo(policy(ORG_READ)), expect: 'PASS' },
    { name: 'anyone may publish', properties: repo(policy(PUBLIC_PUBLISH)), expect: 'FAIL', messageIncludes: ['PermissionsPolicyDocument', 'Statement[0]', 'Publish'] },
    { name: 'anyone may publish (JSON string)', properties: repo(JSON.stringify(policy(ORG_READ, PUBLIC_PUBLISH))), expect: 'FAIL', messageIncludes: 'Statement[1]' },
    { name: 'policy string that is not JSON', properties: repo('not a policy'), expect: 'FAIL', messageIncludes: 'not valid JSON' },
    { name: 'update makes the repository public', properties: repo(policy(PUBLIC_PUBLISH)), previous: repo(policy(ORG_READ)), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
    // one condition predicate for every policy (src/predicates/conditions.ts); each FAIL/UNKNOWN below passed before it
    { name: 'B1: ForAllValues:StringEquals on aws:PrincipalOrgID narrows nothing', properties: repo(policy({ ...ORG_READ, Condition: { 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } })), expect: 'FAIL', messageIncludes: 'Statement[0]' },
    { name: 'B2: an Effect from Fn::If is UNKNOWN, not skipped', properties: repo(policy({ ...PUBLIC_PUBLISH, Effect: { 'Fn::If': ['Open', 'Allow', 'Deny'] } })), expect: 'UNKNOWN', typedOnly: true },
    { name: 'wildcard-account principal {"AWS": "arn:aws:iam::*:*"} is everyone', properties: repo(policy({ ...PUBLIC_PUBLISH, Principal: { AWS: 'arn:aws:iam::*:*' } })), expect: 'FAIL', messageIncludes: 'Publish' },
    { name: 'aws:PrincipalAccount compared with its own policy variable', properties: repo(policy({ ...ORG_READ, Condition: { StringEquals: { 'aws:PrincipalAccount': '${aws:PrincipalAccount}' } } })), expect: 'FAIL' },
    { name: 'same account as the repository (resource variable) passes', properties: repo(policy({ ...ORG_READ, Condition: { StringEquals: { 'aws:PrincipalAccount': '${aws:ResourceAccount}' } } })), expect: 'PASS' },
    // a principal the template does not resolve may be anyone: UNKNOWN, never PASS
    { name: 'a principal from a Ref is UNKNOWN', resourceType: 'AWS::CodeArtifact::Repository', properties: repo(policy({ ...PUBLIC_PUBLISH, Principal: { AWS: [{ Ref: 'Publisher' }] } })), expect: 'UNKNOWN', typedOnly: true },
  ],
});
