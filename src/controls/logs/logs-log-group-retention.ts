import { defineControl, type Finding, type ResourceView } from '../types';

function evaluate(v: ResourceView, minimum: number): Finding[] {
  if (!v.has('RetentionInDays')) return []; // never expire
  const days = v.num('RetentionInDays');
  if (days !== undefined && days >= minimum) return [];
  return [
    {
      path: 'RetentionInDays',
      message: `RetentionInDays is ${days === undefined ? 'not a number' : String(days)}, below the platform minimum of ${minimum} days (MinimumLogRetentionDays)`,
    },
  ];
}

export const logsLogGroupRetention = defineControl({
  id: 'CICD.LOGS.2',
  slug: 'logs-log-group-retention',
  title: 'CloudWatch log groups keep their events for at least the platform minimum',
  resourceTypes: ['AWS::Logs::LogGroup'],
  severity: 'MEDIUM',
  risks: ['CICD-SEC-10'],
  requirement: 'The pipeline emits its state; central logging and monitoring (SEC11-BP07) with logs kept long enough to investigate an incident.',
  rationale:
    'Supply-chain compromises are often found months later; logs that expired after a week cannot show what a build did. RetentionInDays unset means events never expire and passes (the Control Tower semantics for audit logs); a value below MinimumLogRetentionDays (default 365) fails. Lowering retention below the minimum on update is a weakening; lowering it while staying above the minimum is allowed here, but fails for protected log groups (CICD.PROTECT.2).',
  remediation: 'Set RetentionInDays to at least the platform minimum (e.g. 365) or remove it to keep events forever.',
  cdkHint: 'retention: logs.RetentionDays.ONE_YEAR on logs.LogGroup (or logs.RetentionDays.INFINITE)',
  parameters: ['MinimumLogRetentionDays'],
  check({ resource, settings }) {
    return evaluate(resource, settings.MinimumLogRetentionDays);
  },
});
