import { defineControl, type Finding, type ResourceView } from '../types';

function evaluate(v: ResourceView): Finding[] {
  if (v.bool('IsLogging') === true) return [];
  return [{ path: 'IsLogging', message: `IsLogging is ${v.has('IsLogging') ? 'not true: the trail records nothing' : 'missing'}` }];
}

export const cloudtrailTrailLogging = defineControl({
  id: 'CICD.CLOUDTRAIL.3',
  slug: 'cloudtrail-trail-logging',
  title: 'CloudTrail trails are logging',
  resourceTypes: ['AWS::CloudTrail::Trail'],
  severity: 'HIGH',
  risks: ['CICD-SEC-10'],
  requirement: 'The pipeline emits its state; central logging and monitoring (SEC11-BP07). Audit resources cannot be switched off.',
  rationale:
    'A trail with IsLogging false exists but records nothing: the cheapest way to blind the audit of a pipeline account before doing something that should not be seen. IsLogging is required by CloudFormation; an absent or false value fails, and switching a logging trail off through an update is reported as a weakening.',
  remediation: 'Set IsLogging: true on the trail. Pausing an audit trail is a platform decision made outside the pipeline stack.',
  cdkHint: "cloudtrail.Trail sets IsLogging: true; do not override it (addPropertyOverride('IsLogging', false))",
  check({ resource }) {
    return evaluate(resource);
  },
});
