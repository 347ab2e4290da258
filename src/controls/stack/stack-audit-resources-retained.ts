import { matchesAny } from '../../predicates/glob';
import { isIntrinsic } from '../../predicates/values';
import { defineStackControl, type Finding, type StackResourceView } from '../types';
import { relatedAt } from './relations';

const TRAIL = 'AWS::CloudTrail::Trail';
const BUCKET = 'AWS::S3::Bucket';
const LOG_GROUP = 'AWS::Logs::LogGroup';

export const stackAuditResourcesRetained = defineStackControl({
  id: 'CICD.STACK.3',
  slug: 'stack-audit-resources-retained',
  ignoresScope: true,
  title: 'Audit resources (trails, their buckets and log groups, protected log groups) keep DeletionPolicy and UpdateReplacePolicy Retain',
  resourceTypes: [TRAIL, BUCKET, LOG_GROUP],
  severity: 'HIGH',
  risks: ['CICD-SEC-10'],
  requirement: 'Sufficient logging and visibility (CICD-SEC-10): the audit trail of the pipeline outlives the stack that created it.',
  rationale:
    'DeletionPolicy and UpdateReplacePolicy are resource attributes, outside the properties a resource-level hook sees. Without Retain, deleting the stack, removing the resource from the template or a replacing update deletes the trail, the bucket holding its logs or the log group — the evidence an investigation needs. Audit resources are every CloudTrail trail, the bucket and log group a trail writes to (followed through Ref/Fn::GetAtt or a literal name), and log groups whose LogGroupName matches ProtectedResourceNames.',
  remediation:
    'Set DeletionPolicy: Retain and UpdateReplacePolicy: Retain on the resource (CDK: removalPolicy: RemovalPolicy.RETAIN).',
  parameters: ['ProtectedResourceNames'],
  checkStack({ stack, settings }) {
    const audit = new Map<string, { res: StackResourceView; why: string }>();
    const add = (res: StackResourceView, why: string): void => {
      if (!audit.has(res.logicalId)) audit.set(res.logicalId, { res, why });
    };
    for (const trail of stack.resources(TRAIL)) {
      add(trail, 'a CloudTrail trail');
      for (const rel of relatedAt(stack, trail, 'S3BucketName', [BUCKET], 'BucketName')) if (rel.kind === 'resource') add(rel.resource, `the log bucket of trail ${trail.logicalId}`);
      for (const rel of relatedAt(stack, trail, 'CloudWatchLogsLogGroupArn', [LOG_GROUP])) if (rel.kind === 'resource') add(rel.resource, `the log group of trail ${trail.logicalId}`);
    }
    if (settings.ProtectedResourceNames.length > 0) {
      for (const group of stack.resources(LOG_GROUP)) {
        const raw = group.view.get('LogGroupName');
        if (typeof raw === 'string' && matchesAny(settings.ProtectedResourceNames, raw)) add(group, `log group ${raw}, protected by ProtectedResourceNames`);
        else if (isIntrinsic(raw)) group.view.str('LogGroupName'); // records UNKNOWN: whether it is protected is decided at deployment
      }
    }
    const findings: Finding[] = [];
    for (const { res, why } of audit.values()) {
      for (const [attr, value, accepted] of [
        ['DeletionPolicy', res.deletionPolicy, ['Retain', 'RetainExceptOnCreate']],
        ['UpdateReplacePolicy', res.updateReplacePolicy, ['Retain']],
      ] as const) {
        if (value !== undefined && typeof value !== 'string') {
          stack.unknown(res.logicalId, attr, `${attr} is not a literal`);
          findings.push({ logicalId: res.logicalId, path: attr, message: `${why}: ${attr} is not decided by the template` });
        } else if (value === undefined || !(accepted as readonly string[]).includes(value)) {
          findings.push({ logicalId: res.logicalId, path: attr, message: `${why}: ${attr} is ${value ?? 'absent (Delete)'}; deleting or replacing it destroys audit records; set ${attr}: Retain` });
        }
      }
    }
    return findings;
  },
});
