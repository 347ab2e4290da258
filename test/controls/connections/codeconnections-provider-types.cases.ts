import { defineCases } from '../../helpers/cases';

export default defineCases({
  controlId: 'CICD.CONNECTIONS.1',
  resourceType: 'AWS::CodeConnections::Connection',
  cases: [
    { name: 'GitHub (CodeConnections)', properties: { ConnectionName: 'github', ProviderType: 'GitHub' }, expect: 'PASS' },
    { name: 'GitLab not allowed by the platform', properties: { ConnectionName: 'gl', ProviderType: 'GitLab' }, config: { AllowedConnectionProviderTypes: ['GitHub', 'GitHubEnterpriseServer'] }, expect: 'FAIL', messageIncludes: 'GitLab' },
    { name: 'nothing set (missing provider and host)', absent: ['ProviderType', 'HostArn'], properties: { ConnectionName: 'x' }, expect: 'FAIL' },
  ],
});
