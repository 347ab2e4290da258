import { defineControl, type Finding, type ResourceView } from '../types';

const BLOCK = 'AutoRollbackConfiguration';
const ENABLED = 'AutoRollbackConfiguration.Enabled';
const EVENTS = 'AutoRollbackConfiguration.Events';

function evaluate(view: ResourceView): Finding[] {
  if (!view.has(BLOCK)) return [{ path: BLOCK, message: `${BLOCK} is not set, so failed deployments are not rolled back` }];
  const enabled = view.bool(ENABLED);
  if (enabled !== true) {
    return [{ path: ENABLED, message: view.has(ENABLED) ? `${ENABLED} is not true` : `${ENABLED} is not set (automatic rollback is off)` }];
  }
  const events = view.items(EVENTS).map((e) => e.view.strOf(e.value, '')?.trim().toUpperCase());
  if (!events.includes('DEPLOYMENT_FAILURE')) return [{ path: EVENTS, message: `${EVENTS} does not include DEPLOYMENT_FAILURE` }];
  return [];
}

export const codedeployAutoRollback = defineControl({
  id: 'CICD.CODEDEPLOY.1',
  slug: 'codedeploy-auto-rollback',
  title: 'CodeDeploy deployment groups roll back automatically when a deployment fails',
  resourceTypes: ['AWS::CodeDeploy::DeploymentGroup'],
  severity: 'MEDIUM',
  risks: ['CICD-SEC-1'],
  requirement: 'Insufficient flow control mechanisms (OWASP CICD-SEC-1): a failed release returns to the last known good version without a manual step.',
  rationale:
    'Without automatic rollback a failed deployment leaves the fleet or function on a partly deployed, broken revision until someone intervenes by hand, under pressure and outside the pipeline controls; a bad or malicious revision also stays live longer.',
  remediation:
    'Set AutoRollbackConfiguration to {"Enabled": true, "Events": ["DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM"]} on the AWS::CodeDeploy::DeploymentGroup (and add CloudWatch alarms in AlarmConfiguration for the alarm event).',
  cdkHint:
    'autoRollback: { failedDeployment: true, stoppedDeployment: true, deploymentInAlarm: true } (with alarms) on the codedeploy deployment group',
  check({ resource }) {
    return evaluate(resource);
  },
});
