import { defineControl, type Finding, type ResourceView } from '../types';

function evaluate(v: ResourceView): Finding[] {
  if (v.bool('EnableLogFileValidation') === true) return [];
  return [{ path: 'EnableLogFileValidation', message: `EnableLogFileValidation is ${v.has('EnableLogFileValidation') ? 'not true' : 'missing (off by default)'}` }];
}

export const cloudtrailLogFileValidation = defineControl({
  id: 'CICD.CLOUDTRAIL.2',
  slug: 'cloudtrail-log-file-validation',
  title: 'CloudTrail trails have log file integrity validation enabled',
  resourceTypes: ['AWS::CloudTrail::Trail'],
  severity: 'MEDIUM',
  risks: ['CICD-SEC-10', 'CICD-SEC-9'],
  requirement: 'Audit and logging resources cannot be deleted or weakened; the pipeline\'s audit trail is tamper-evident.',
  rationale:
    'An attacker who gained deploy rights may edit or delete log files to hide what they did. With log file validation CloudTrail delivers signed digest files, so a changed or missing log file is detectable. It is off unless EnableLogFileValidation is true, so an absent value fails; switching it off on update is a weakening.',
  remediation: 'Set EnableLogFileValidation: true on the trail.',
  cdkHint: 'enableFileValidation: true (the default) on cloudtrail.Trail; do not set it to false',
  check({ resource }) {
    return evaluate(resource);
  },
});
