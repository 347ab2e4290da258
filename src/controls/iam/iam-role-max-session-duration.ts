import { isIntrinsic } from '../../predicates/values';
import { defineControl } from '../types';

export const iamRoleMaxSessionDuration = defineControl({
  id: 'CICD.IAM.18',
  slug: 'iam-role-max-session-duration',
  title: 'IAM role sessions last no longer than the platform maximum',
  resourceTypes: ['AWS::IAM::Role'],
  severity: 'LOW',
  risks: ['CICD-SEC-6', 'CICD-SEC-2'],
  requirement: 'Short-lived credentials via federation: session credentials expire quickly (G-10).',
  rationale:
    'MaxSessionDuration (3600 to 43200 seconds) sets how long credentials issued for the role stay valid; stolen session credentials of a pipeline role can be used from anywhere until they expire. An absent value means the AWS default of 3600 seconds and passes; a value above MaximumRoleSessionDurationSeconds (default 3600) fails, and raising it above the maximum on update is a weakening.',
  remediation: 'Remove MaxSessionDuration (AWS default 3600 seconds) or set it to at most the platform maximum (MaximumRoleSessionDurationSeconds); split long jobs so that they re-assume the role.',
  cdkHint: 'maxSessionDuration: Duration.hours(1) on iam.Role (or leave it unset)',
  parameters: ['MaximumRoleSessionDurationSeconds'],
  check({ resource, settings }) {
    const max = settings.MaximumRoleSessionDurationSeconds;
    if (!resource.has('MaxSessionDuration')) return []; // absent: the AWS default of 3600 seconds, which passes
    const seconds = resource.num('MaxSessionDuration');
    if (seconds === undefined && isIntrinsic(resource.get('MaxSessionDuration'))) return []; // UNKNOWN, recorded by num()
    if (seconds !== undefined && seconds <= max) return [];
    const message =
      seconds === undefined ? 'MaxSessionDuration is not a number' : `MaxSessionDuration is ${seconds} seconds, above the platform maximum of ${max} (MaximumRoleSessionDurationSeconds)`;
    return [{ path: 'MaxSessionDuration', message }];
  },
});
