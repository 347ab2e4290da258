import { defineCases } from '../../helpers/cases';

const HOST = 'arn:aws:codestar-connections:eu-west-1:123456789012:host/ghes-1a2b3c4d';

export default defineCases({
  controlId: 'CICD.CONNECTIONS.1',
  resourceType: 'AWS::CodeStarConnections::Connection',
  cases: [
    { name: 'GitHub', properties: { ConnectionName: 'github', ProviderType: 'GitHub' }, expect: 'PASS' },
    { name: 'provider type in lower case', properties: { ConnectionName: 'gitlab', ProviderType: 'gitlab' }, expect: 'PASS' },
    { name: 'self-managed host without ProviderType', absent: ['ProviderType'], properties: { ConnectionName: 'ghes', HostArn: HOST }, expect: 'PASS' },
    { name: 'provider not in the platform list', properties: { ConnectionName: 'bb', ProviderType: 'Bitbucket' }, config: { AllowedConnectionProviderTypes: ['GitHub'] }, expect: 'FAIL', messageIncludes: ['ProviderType', 'Bitbucket', 'AllowedConnectionProviderTypes'] },
    { name: 'unknown provider type', properties: { ConnectionName: 'x', ProviderType: 'AzureDevOps' }, expect: 'FAIL' },
    { name: 'a token in place of the provider type is not echoed', properties: { ConnectionName: 'x', ProviderType: 'Zq8vR2mK4tLp9sXw7yBn3cHdQ1' }, expect: 'FAIL', neverEcho: ['Zq8vR2mK4tLp9sXw7yBn3cHdQ1'] },
    { name: 'ProviderType and HostArn both missing', absent: ['ProviderType', 'HostArn'], properties: { ConnectionName: 'x' }, expect: 'FAIL', messageIncludes: 'ProviderType is not set' },
    { name: 'ProviderType empty', properties: { ConnectionName: 'x', ProviderType: '' }, expect: 'FAIL' },
    {
      name: 'update moves to a provider the platform does not allow',
      properties: { ConnectionName: 'src', ProviderType: 'Bitbucket' },
      previous: { ConnectionName: 'src', ProviderType: 'GitHub' },
      config: { AllowedConnectionProviderTypes: ['GitHub'] },
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
    },
  ],
});
