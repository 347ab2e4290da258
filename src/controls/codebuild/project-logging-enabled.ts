import { ObjectView } from '../../predicates/object-view';
import { factsAt, shownName } from '../../predicates/referenced';
import { logsLogGroupKmsEncryption } from '../logs/logs-log-group-kms-encryption';
import { logsLogGroupRetention } from '../logs/logs-log-group-retention';
import type { LogGroupFact } from '../../model';
import { defineControl, type CheckInput, type Finding, type ResourceView } from '../types';

const GROUP = 'LogsConfig.CloudWatchLogs.GroupName';

/**
 * An existing log group the project names, judged by the log-group controls themselves (CICD.LOGS.2 retention,
 * CICD.LOGS.1 customer-managed key) over its fact read as the log group's properties; a key it names is looked
 * up too (its lookup reported at GroupName). Also CICD.STACK.6's judgement of an existing group a project names.
 */
export function judgeGroup(fact: LogGroupFact, name: string, input: CheckInput): Finding[] {
  const properties: Record<string, unknown> = {};
  if (fact.retentionDays !== undefined) properties.RetentionInDays = fact.retentionDays;
  if (fact.kmsKeyId !== undefined) properties.KmsKeyId = fact.kmsKeyId;
  const out: Finding[] = [];
  for (const control of [logsLogGroupRetention, logsLogGroupKmsEncryption]) {
    const view = new ObjectView(properties, (path, why) => input.resource.unknown(GROUP, `${path} of the log group: ${why}`));
    const found = control.check({ ...input, resourceType: 'AWS::Logs::LogGroup', resource: view, previous: undefined, facts: input.facts && factsAt(input.facts, GROUP) });
    for (const f of found) out.push({ path: GROUP, message: `${GROUP} names the existing log group ${shownName(name)}: ${control.id}: ${f.message}` });
  }
  return out;
}

function groupFindings(input: CheckInput): Finding[] {
  const { resource: view, facts } = input;
  if (!facts?.enabled) return [];
  const raw = view.get(GROUP);
  if (typeof raw !== 'string' || raw.trim() === '' || status(view, 'LogsConfig.CloudWatchLogs.Status') === 'DISABLED') return [];
  const name = raw.trim();
  const fact = facts.get({ kind: 'logs.group', ref: name }, GROUP);
  return fact ? judgeGroup(fact, name, input) : [];
}

function status(view: ResourceView, path: string): string | undefined {
  return view.str(path)?.trim().toUpperCase();
}

function evaluate(view: ResourceView): Finding[] {
  if (!view.has('LogsConfig')) {
    return [{ path: 'LogsConfig', message: 'LogsConfig is missing: builds log only to a log group CodeBuild creates itself, outside every log-group control' }];
  }
  const cwPresent = view.has('LogsConfig.CloudWatchLogs');
  const cw = cwPresent ? status(view, 'LogsConfig.CloudWatchLogs.Status') : undefined;
  const s3 = view.has('LogsConfig.S3Logs') ? status(view, 'LogsConfig.S3Logs.Status') : undefined;
  const cwGroup = view.str('LogsConfig.CloudWatchLogs.GroupName')?.trim();
  const s3Location = view.str('LogsConfig.S3Logs.Location')?.trim();
  const cwGoverned = cw === 'ENABLED' && cwGroup !== undefined && cwGroup !== '';
  const s3Governed = s3 === 'ENABLED' && s3Location !== undefined && s3Location !== '';
  if (cwGoverned || s3Governed) return [];
  if (cw === 'DISABLED' && (s3 === undefined || s3 === 'DISABLED')) {
    return [{ path: 'LogsConfig', message: 'LogsConfig switches CloudWatch Logs off and has no S3 logs: builds leave no log' }];
  }
  const findings: Finding[] = [];
  if (s3 === 'ENABLED') findings.push({ path: 'LogsConfig.S3Logs.Location', message: 'LogsConfig.S3Logs.Location is missing although S3 logs are ENABLED' });
  if (cw === 'ENABLED' || !cwPresent) {
    findings.push({ path: 'LogsConfig.CloudWatchLogs.GroupName', message: 'LogsConfig.CloudWatchLogs.GroupName is missing: builds log to a default group CodeBuild creates, outside every log-group control' });
  } else if (cw !== 'DISABLED') {
    findings.push({ path: 'LogsConfig.CloudWatchLogs.Status', message: 'LogsConfig.CloudWatchLogs.Status is not ENABLED' });
  }
  return findings;
}

export const codebuildProjectLoggingEnabled = defineControl({
  id: 'CICD.CODEBUILD.3',
  slug: 'project-logging-enabled',
  title: 'CodeBuild projects log builds to a governed CloudWatch log group or S3 location',
  resourceTypes: ['AWS::CodeBuild::Project'],
  severity: 'MEDIUM',
  risks: ['CICD-SEC-10'],
  requirement: 'The pipeline emits its state to central logging and monitoring (S7, SEC11-BP07).',
  rationale:
    'Build logs are the record of what ran in the pipeline. Decision: an absent LogsConfig fails, and so does CloudWatchLogs ENABLED without a GroupName, because CodeBuild then writes to /aws/codebuild/<project>, a log group it creates itself that no template declares, so no retention, encryption, masking or deletion-protection control ever sees it (bypass B-16). Compliant is CloudWatchLogs {Status: ENABLED, GroupName: <declared or platform log group>} or S3Logs {Status: ENABLED, Location: <bucket/prefix>}; both destinations disabled always fails. The log group GroupName names may exist outside the template: with live lookups (logs:DescribeLogGroups) an existing group is judged like a declared one, by CICD.LOGS.2 (RetentionInDays at least MinimumLogRetentionDays, or never expire) and CICD.LOGS.1 (KmsKeyId a customer-managed key, looked up when named by ARN or ID), so a project cannot write to a group that keeps its logs for one day without a key; a lookup that cannot be answered follows LookupFailureMode. Without lookups (check without --lookups) the group is judged only when the template declares it (CICD.STACK.6).',
  remediation:
    'Add LogsConfig.CloudWatchLogs {Status: ENABLED, GroupName: <log group created in the template or by the platform>}, or LogsConfig.S3Logs {Status: ENABLED, Location: <bucket>/<prefix>}. An existing log group it names keeps events at least MinimumLogRetentionDays (or forever) and is encrypted with a customer-managed key (KmsKeyId).',
  cdkHint:
    "logging: { cloudWatch: { logGroup: new logs.LogGroup(this, 'BuildLogs', { encryptionKey: key }) } }, with the key's grant for the logs service principal as in CICD.LOGS.1",
  parameters: ['MinimumLogRetentionDays'],
  check(input) {
    return [...evaluate(input.resource), ...groupFindings(input)];
  },
});
