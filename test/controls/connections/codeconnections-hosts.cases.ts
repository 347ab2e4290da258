import { defineCases } from '../../helpers/cases';

export default defineCases({
  controlId: 'CICD.CONNECTIONS.2',
  resourceType: 'AWS::CodeConnections::Connection',
  cases: [
    { name: 'HostArn absent', absent: ['HostArn'], properties: { ConnectionName: 'github', ProviderType: 'GitHub' }, expect: 'PASS' },
    { name: 'codeconnections host in this account', properties: { ConnectionName: 'gl', HostArn: 'arn:aws:codeconnections:eu-west-1:123456789012:host/gitlab-5e6f7a8b' }, expect: 'PASS' },
    { name: 'codeconnections host in another partition account', properties: { ConnectionName: 'gl', HostArn: 'arn:aws:codeconnections:eu-west-1:444455556666:host/gitlab-5e6f7a8b' }, expect: 'FAIL' },
  ],
});
