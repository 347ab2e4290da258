import { defineCases } from '../../helpers/cases';

const HOST = 'arn:aws:codestar-connections:eu-west-1:123456789012:host/ghes-1a2b3c4d';
const OTHER = 'arn:aws:codestar-connections:eu-west-1:999988887777:host/ghes-9f8e7d6c';

export default defineCases({
  controlId: 'CICD.CONNECTIONS.2',
  resourceType: 'AWS::CodeStarConnections::Connection',
  cases: [
    { name: 'HostArn absent (cloud provider)', absent: ['HostArn'], properties: { ConnectionName: 'github', ProviderType: 'GitHub' }, expect: 'PASS' },
    { name: 'host in this account with an empty allow-list', properties: { ConnectionName: 'ghes', HostArn: HOST }, expect: 'PASS' },
    { name: 'host in another account with an empty allow-list', properties: { ConnectionName: 'ghes', HostArn: OTHER }, expect: 'FAIL', messageIncludes: ['HostArn', 'another account'] },
    { name: 'HostArn that is not a host ARN', properties: { ConnectionName: 'ghes', HostArn: 'https://git.example.com' }, expect: 'FAIL', messageIncludes: 'not a connection host ARN' },
    { name: 'approved host', properties: { ConnectionName: 'ghes', HostArn: HOST }, config: { AllowedConnectionHostArns: ['arn:aws:codestar-connections:*:123456789012:host/ghes-*'] }, expect: 'PASS' },
    { name: 'host not in the allow-list', properties: { ConnectionName: 'ghes', HostArn: 'arn:aws:codestar-connections:eu-west-1:123456789012:host/gitlab-5e6f7a8b' }, config: { AllowedConnectionHostArns: ['arn:aws:codestar-connections:*:123456789012:host/ghes-*'] }, expect: 'FAIL', messageIncludes: 'AllowedConnectionHostArns' },
    {
      name: 'update points the connection at another account',
      properties: { ConnectionName: 'ghes', HostArn: OTHER },
      previous: { ConnectionName: 'ghes', HostArn: HOST },
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
    },
  ],
});
