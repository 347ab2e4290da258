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
  ],
});
