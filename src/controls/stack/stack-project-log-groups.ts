import { isIntrinsic } from '../../predicates/values';
import { judgeGroup } from '../codebuild/project-logging-enabled';
import { logsLogGroupKmsEncryption } from '../logs/logs-log-group-kms-encryption';
import { logsLogGroupRetention } from '../logs/logs-log-group-retention';
import { defineStackControl, type Finding, type StackCheckInput, type StackResourceView, type StackView } from '../types';
import { describeUses, factsFor, judgeWith, type Use } from './judge-with';
import { followAt, mentions, type Related } from './relations';

const PROJECT = 'AWS::CodeBuild::Project';
const LOG_GROUP = 'AWS::Logs::LogGroup';
const GROUP_PATH = 'LogsConfig.CloudWatchLogs.GroupName';
const STATUS_PATH = 'LogsConfig.CloudWatchLogs.Status';
const DEFAULT_PREFIX = '/aws/codebuild/';

/** Where a project's CloudWatch build logs go when it names no group: `/aws/codebuild/<project name>`. */
export type DefaultGroup =
  | { kind: 'declared'; groups: StackResourceView[] }
  /** A log group of the stack whose name the template does not decide may be the default group. */
  | { kind: 'undecided'; why: string }
  | { kind: 'none'; name: string };

export interface ProjectLogs {
  /** `unresolved`: LogsConfig.CloudWatchLogs.Status is not decided by the template. */
  status: 'enabled' | 'disabled' | 'unresolved';
  /** What GroupName names, branch by branch (`absent`: the default group). */
  groups: Related[];
}

/** Whether a project writes CloudWatch build logs and to which log groups (pure: records nothing but unreadable parents). */
export function projectLogs(stack: StackView, project: StackResourceView): ProjectLogs {
  const status = project.view.get(STATUS_PATH);
  if (isIntrinsic(status)) return { status: 'unresolved', groups: [] };
  // CloudWatch Logs are on unless Status says DISABLED (absent LogsConfig or CloudWatchLogs: on, default group)
  if (typeof status === 'string' && status.trim().toUpperCase() === 'DISABLED') return { status: 'disabled', groups: [] };
  const literal = (value: string, group: StackResourceView): boolean => group.view.get('LogGroupName') === value;
  return { status: 'enabled', groups: followAt(stack, project, GROUP_PATH, [LOG_GROUP], literal) };
}

/** The stack's log group(s) named `/aws/codebuild/<project name>`, by literal name or by a name built from the project's Ref. */
export function defaultGroup(stack: StackView, project: StackResourceView): DefaultGroup {
  const name = project.view.get('Name');
  const found: StackResourceView[] = [];
  const undecided: string[] = [];
  for (const group of stack.resources(LOG_GROUP)) {
    const groupName = group.view.get('LogGroupName');
    const byRef = stack.refsAt(group.logicalId, 'LogGroupName').some((r) => r.to === project.logicalId && r.via !== 'GetAtt');
    if (typeof groupName === 'string') {
      if (!groupName.startsWith(DEFAULT_PREFIX)) continue;
      const rest = groupName.slice(DEFAULT_PREFIX.length);
      if (typeof name === 'string') {
        if (rest === name) found.push(group);
      } else if (byRef && !rest.includes('/') && (name !== undefined || rest === project.logicalId || rest.endsWith(`-${project.logicalId}`))) {
        // the project's generated name, as the template writes it (`/aws/codebuild/${Project}`)
        found.push(group);
      }
    } else if (isIntrinsic(groupName)) {
      if (mentions(groupName, project.logicalId) && JSON.stringify(groupName).includes(DEFAULT_PREFIX)) found.push(group);
      else undecided.push(group.logicalId);
    }
  }
  if (found.length > 0) return { kind: 'declared', groups: found };
  if (undecided.length > 0) return { kind: 'undecided', why: `the names of log group(s) ${undecided.join(', ')} are decided only at deployment: one may be the project's default group` };
  return { kind: 'none', name: typeof name === 'string' ? `${DEFAULT_PREFIX}${name}` : `${DEFAULT_PREFIX}<project name>` };
}

/**
 * An existing log group a project names by a literal that is not a group of the stack (live lookups on): its
 * `logs.group` fact judged as CICD.CODEBUILD.3 judges it at resource level (the checks of CICD.LOGS.1 and
 * CICD.LOGS.2; a key it names is looked up too), at the project's GroupName. None while the fact is not
 * there (still planned, or failed: the engine reports the failure at GroupName).
 */
function existingGroupFindings(input: StackCheckInput, project: StackResourceView, name: string): Finding[] {
  const facts = input.facts && factsFor(input.facts, project.logicalId);
  const fact = facts?.get({ kind: 'logs.group', ref: name.trim() }, GROUP_PATH);
  if (!facts || !fact) return [];
  const found = judgeGroup(fact, name.trim(), {
    resourceType: PROJECT,
    logicalId: project.logicalId,
    action: input.action,
    resource: project.view,
    settings: input.settings,
    accountId: input.accountId,
    ...(input.stackName !== undefined ? { stackName: input.stackName } : {}),
    facts,
  });
  return found.map((f) => ({ ...f, logicalId: project.logicalId }));
}

/** The log groups of the stack that projects write to, with who writes to them (no findings, no UNKNOWNs of its own). */
export function projectLogGroups(stack: StackView): Map<string, { group: StackResourceView; uses: Use[] }> {
  const out = new Map<string, { group: StackResourceView; uses: Use[] }>();
  const add = (group: StackResourceView, use: Use): void => {
    const entry = out.get(group.logicalId);
    if (entry) entry.uses.push(use);
    else out.set(group.logicalId, { group, uses: [use] });
  };
  for (const project of stack.resources(PROJECT)) {
    const logs = projectLogs(stack, project);
    for (const rel of logs.groups) {
      if (rel.kind === 'resource') add(rel.resource, { by: project.logicalId, path: GROUP_PATH });
      else if (rel.kind === 'absent') {
        const d = defaultGroup(stack, project);
        if (d.kind === 'declared') for (const g of d.groups) add(g, { by: project.logicalId, path: 'its default log group' });
      }
    }
  }
  return out;
}

export const stackProjectLogGroups = defineStackControl({
  id: 'CICD.STACK.6',
  slug: 'stack-project-log-groups',
  ignoresScope: true,
  title: 'The log groups CodeBuild projects write to are declared in the stack and meet the log-group controls (customer-managed key, retention)',
  resourceTypes: [PROJECT, LOG_GROUP],
  severity: 'MEDIUM',
  risks: ['CICD-SEC-10', 'CICD-SEC-7'],
  requirement: 'Sufficient logging and visibility (CICD-SEC-10): build logs are encrypted with a customer-managed key and kept long enough to investigate an incident.',
  rationale:
    'The log-group controls (CICD.LOGS.1 customer-managed key, CICD.LOGS.2 retention) judge log groups that are declared; a project that names no group, or a group that does not exist, writes to a group CodeBuild creates on the first build, which no hook ever sees: no KMS key and no retention policy. At stack level every project with CloudWatch Logs on (Status absent or ENABLED) is followed to its log group: LogsConfig.CloudWatchLogs.GroupName (Ref, Fn::Sub, Fn::Join, a literal equal to a group\'s LogGroupName, each branch of an Fn::If), or, without GroupName, /aws/codebuild/<project name> (a literal LogGroupName, or one built from the project\'s Ref as CDK writes it). The group is judged with the checks of CICD.LOGS.1 and CICD.LOGS.2. A project whose default group the stack does not declare fails (the auto-created group has no customer-managed key); a GroupName or Status the template does not decide (parameter, import) is UNKNOWN. A group named by a literal but not defined in the stack (a platform-provided group) is, with live lookups, looked up (logs:DescribeLogGroups) and judged by the same checks, as CICD.CODEBUILD.3 judges it (its key looked up too; a lookup that cannot be answered follows LookupFailureMode); without lookups it is UNKNOWN: whether that group exists, and with which key, cannot be seen.',
  remediation:
    'Declare the log group in the project\'s stack (AWS::Logs::LogGroup with KmsKeyId of a customer-managed key and RetentionInDays of at least MinimumLogRetentionDays, or none) and set the project\'s LogsConfig.CloudWatchLogs.GroupName to it with a Ref; or fix the log group as CICD.LOGS.1 and CICD.LOGS.2 say.',
  cdkHint:
    "logging: { cloudWatch: { logGroup: new logs.LogGroup(this, 'BuildLogs', { encryptionKey: key, retention: logs.RetentionDays.ONE_YEAR }) } } on codebuild.Project / PipelineProject (CDK Pipelines: codeBuildDefaults: { logging: … })",
  parameters: ['MinimumLogRetentionDays'],
  checkStack(input) {
    const { stack } = input;
    const findings: Finding[] = [];
    for (const project of stack.resources(PROJECT)) {
      const logs = projectLogs(stack, project);
      if (logs.status === 'unresolved') {
        stack.unknown(project.logicalId, STATUS_PATH, 'whether CloudWatch Logs are on is decided only at deployment: the log group cannot be judged');
        continue;
      }
      for (const rel of logs.groups) {
        if (rel.kind === 'unresolved') stack.unknown(project.logicalId, GROUP_PATH, 'the log group is decided only at deployment: its key and retention cannot be seen');
        else if (rel.kind === 'external') {
          // lookups on: the existing group is judged from its fact (or the engine reports the failed lookup)
          if (input.facts?.enabled && rel.value.trim() !== '') findings.push(...existingGroupFindings(input, project, rel.value));
          else stack.unknown(project.logicalId, GROUP_PATH, 'the log group is not defined in this stack: whether it exists with a customer-managed key cannot be seen (CodeBuild creates a missing group without one)');
        }
        else if (rel.kind === 'absent') {
          const d = defaultGroup(stack, project);
          if (d.kind === 'undecided') stack.unknown(project.logicalId, GROUP_PATH, d.why);
          else if (d.kind === 'none')
            findings.push({
              logicalId: project.logicalId,
              path: GROUP_PATH,
              message: `CloudWatch Logs are on without GroupName and the stack declares no log group ${d.name}: CodeBuild creates it on the first build with no customer-managed key (CICD.LOGS.1) and no retention policy; declare the log group in the stack and set GroupName to it`,
            });
        }
      }
    }
    for (const { group, uses } of projectLogGroups(stack).values()) {
      findings.push(...judgeWith([logsLogGroupKmsEncryption, logsLogGroupRetention], group, input, `the log group of ${describeUses(uses)}`));
    }
    return findings;
  },
});
