import { defineCases } from '../../helpers/cases';

const group = (rollback?: unknown) => ({
  ApplicationName: 'app',
  ServiceRoleArn: 'arn:aws:iam::123456789012:role/codedeploy',
  DeploymentGroupName: 'app-staging',
  ...(rollback !== undefined ? { AutoRollbackConfiguration: rollback } : {}),
});

export default defineCases({
  controlId: 'CICD.CODEDEPLOY.1',
  resourceType: 'AWS::CodeDeploy::DeploymentGroup',
  cases: [
    { name: 'enabled on failure and alarm', properties: group({ Enabled: true, Events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM'] }), expect: 'PASS' },
    { name: 'enabled "True" string, lower-case event', properties: group({ Enabled: 'True', Events: ['deployment_failure'] }), expect: 'PASS' },
    { name: 'single event as a string', properties: group({ Enabled: true, Events: 'DEPLOYMENT_FAILURE' }), expect: 'PASS' },
    { name: 'AutoRollbackConfiguration missing', absent: ['AutoRollbackConfiguration'], properties: group(), expect: 'FAIL', messageIncludes: 'AutoRollbackConfiguration is not set' },
    { name: 'Enabled missing', absent: ['AutoRollbackConfiguration.Enabled'], properties: group({ Events: ['DEPLOYMENT_FAILURE'] }), expect: 'FAIL', messageIncludes: 'AutoRollbackConfiguration.Enabled' },
    { name: 'Enabled false', properties: group({ Enabled: false, Events: ['DEPLOYMENT_FAILURE'] }), expect: 'FAIL' },
    { name: 'Enabled "false" string', properties: group({ Enabled: 'false', Events: ['DEPLOYMENT_FAILURE'] }), expect: 'FAIL' },
    { name: 'only on alarm, not on failure', properties: group({ Enabled: true, Events: ['DEPLOYMENT_STOP_ON_ALARM'] }), expect: 'FAIL', messageIncludes: 'DEPLOYMENT_FAILURE' },
    { name: 'events empty', properties: group({ Enabled: true, Events: [] }), expect: 'FAIL' },
    { name: 'AutoRollbackConfiguration is a string (odd shape)', properties: group('on'), expect: 'FAIL' },
    {
      name: 'update disables rollback',
      properties: group({ Enabled: false, Events: ['DEPLOYMENT_FAILURE'] }),
      previous: group({ Enabled: true, Events: ['DEPLOYMENT_FAILURE'] }),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
      messageIncludes: 'introduced by this update',
    },
    { name: 'Enabled from a Ref (local check only)', properties: group({ Enabled: { Ref: 'Rollback' }, Events: ['DEPLOYMENT_FAILURE'] }), expect: 'UNKNOWN', typedOnly: true },
  ],
});
