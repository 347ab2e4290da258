import { defineCases } from '../../helpers/cases';

const repo = (extra: Record<string, unknown> = {}) => ({ DomainName: 'acme', RepositoryName: 'team-npm', ...extra });

export default defineCases({
  controlId: 'CICD.CODEARTIFACT.2',
  resourceType: 'AWS::CodeArtifact::Repository',
  cases: [
    { name: 'ExternalConnections absent (internal upstream only)', absent: ['ExternalConnections'], properties: repo({ Upstreams: ['npm-proxy'] }), expect: 'PASS' },
    { name: 'ExternalConnections empty list', properties: repo({ ExternalConnections: [] }), expect: 'PASS' },
    { name: 'public:npmjs not allowed by default', properties: repo({ ExternalConnections: ['public:npmjs'] }), expect: 'FAIL', messageIncludes: ['ExternalConnections[0]', 'public:npmjs', 'AllowedCodeArtifactExternalConnections'] },
    { name: 'a single string instead of a list', properties: repo({ ExternalConnections: 'public:pypi' }), expect: 'FAIL', messageIncludes: 'public:pypi' },
    { name: 'allowed by the platform', properties: repo({ ExternalConnections: ['public:npmjs'] }), config: { AllowedCodeArtifactExternalConnections: ['public:npmjs'] }, expect: 'PASS' },
    { name: 'allowed case-insensitively', properties: repo({ ExternalConnections: ['PUBLIC:NPMJS'] }), config: { AllowedCodeArtifactExternalConnections: ['public:npmjs'] }, expect: 'PASS' },
    { name: 'glob allows one family only', properties: repo({ ExternalConnections: ['public:maven-central'] }), config: { AllowedCodeArtifactExternalConnections: ['public:npm*'] }, expect: 'FAIL' },
    { name: 'one allowed, one not', properties: repo({ ExternalConnections: ['public:npmjs', 'public:pypi'] }), config: { AllowedCodeArtifactExternalConnections: ['public:npmjs'] }, expect: 'FAIL', messageIncludes: 'ExternalConnections[1]' },
    { name: 'a token in place of a connection name is not echoed', properties: repo({ ExternalConnections: ['Zq8vR2mK4tLp9sXw7yBn3cHdQ1'] }), expect: 'FAIL', neverEcho: ['Zq8vR2mK4tLp9sXw7yBn3cHdQ1'] },
    { name: 'empty string entry', properties: repo({ ExternalConnections: [''] }), expect: 'FAIL' },
    {
      name: 'update adds an external connection',
      properties: repo({ ExternalConnections: ['public:npmjs'] }),
      previous: repo(),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
      messageIncludes: ['is not in AllowedCodeArtifactExternalConnections', 'introduced by this update'],
    },
    { name: 'connection from a Ref (local check only)', properties: repo({ ExternalConnections: [{ Ref: 'Upstream' }] }), expect: 'UNKNOWN', typedOnly: true },
  ],
});
