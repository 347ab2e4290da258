import { accountProblem, referenceAccountFindings, trustedFrom, type Trusted } from '../../predicates/accounts';
import { defineControl, type Finding, type ResourceView } from '../types';
import { expandPaths } from './trusted-accounts-key-arns';

/** Where each type sends its logs, events, notifications or replicas: an ARN with an account field, or an account ID (`account: true`). */
const TARGETS: Readonly<Record<string, ReadonlyArray<{ path: string; what: string; account?: boolean; required?: boolean }>>> = {
  'AWS::Logs::SubscriptionFilter': [{ path: 'DestinationArn', what: 'log destination', required: true }],
  'AWS::CloudTrail::Trail': [
    { path: 'CloudWatchLogsLogGroupArn', what: 'log destination' },
    { path: 'SnsTopicName', what: 'notification topic' },
  ],
  'AWS::S3::Bucket': [
    { path: 'ReplicationConfiguration.Rules[].Destination.Account', what: 'replication target account', account: true },
    { path: 'ReplicationConfiguration.Rules[].Destination.Bucket', what: 'replication target bucket' },
  ],
  'AWS::ECR::ReplicationConfiguration': [{ path: 'ReplicationConfiguration.Rules[].Destinations[].RegistryId', what: 'replication target registry', account: true }],
  'AWS::Events::Rule': [
    { path: 'Targets[].Arn', what: 'event target' },
    { path: 'Targets[].RoleArn', what: 'role the events are delivered with' },
    { path: 'Targets[].DeadLetterConfig.Arn', what: 'dead-letter queue of the target' },
  ],
  'AWS::Scheduler::Schedule': [
    { path: 'Target.Arn', what: 'schedule target' },
    { path: 'Target.RoleArn', what: 'role the schedule runs its target with' },
    { path: 'Target.DeadLetterConfig.Arn', what: 'dead-letter queue of the schedule' },
  ],
  'AWS::CodeStarNotifications::NotificationRule': [{ path: 'Targets[].TargetAddress', what: 'notification target' }],
};

/** EventBridge Scheduler's universal targets (`arn:aws:scheduler:::aws-sdk:<service>:<apiAction>`): an account-less ARN whose Input holds the API call's parameters. */
const UNIVERSAL_TARGET = /^\s*arn:[^:]*:scheduler:[^:]*:[^:]*:aws-sdk:/i;
/** The account field of every ARN in a text (JSON included), and the account of SQS queue URLs. */
const ARN_IN_TEXT = /arn:[a-z0-9-]*:[a-z0-9-]*:[a-z0-9-]*:([^:"\s]*):/gi;
const QUEUE_URL_IN_TEXT = /https:\/\/(?:sqs\.[a-z0-9-]+|[a-z0-9-]+\.queue)\.amazonaws\.com(?:\.cn)?\/([0-9]{12})\//gi;

/**
 * A schedule's universal target calls an AWS API with the parameters in Target.Input: the accounts the call
 * acts on are the accounts of the ARNs and queue URLs in it (a putEvents to another account's bus, a
 * sendMessage to another account's queue, an assumeRole of another account's role).
 */
function universalTargetFindings(view: ResourceView, trusted: Trusted): Finding[] {
  const arn = view.get('Target.Arn');
  if (typeof arn !== 'string' || !UNIVERSAL_TARGET.test(arn)) return [];
  const input = view.get('Target.Input');
  if (input === undefined || input === null) return [];
  const text = view.str('Target.Input');
  if (text === undefined) return [];
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const re of [ARN_IN_TEXT, QUEUE_URL_IN_TEXT]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const account = m[1];
      if (account === '' || account === 'aws' || seen.has(account)) continue; // account-less ARNs (S3), AWS-owned ARNs
      seen.add(account);
      const problem = accountProblem(account, trusted);
      if (problem) findings.push({ path: 'Target.Input', message: `Target.Input (the parameters of the universal target's API call) names ${problem}` });
    }
  }
  return findings;
}

export const trustedAccountsLogAndReplicationTargets = defineControl({
  id: 'CICD.ACCOUNTS.3',
  slug: 'trusted-accounts-log-and-replication-targets',
  title: 'Logs, events, notifications and replicas go only to trusted accounts',
  resourceTypes: Object.keys(TARGETS),
  severity: 'HIGH',
  risks: ['CICD-SEC-9', 'CICD-SEC-10'],
  requirement: 'Data protection and audit integrity (OWASP CICD-SEC-9, CICD-SEC-10): build logs, audit trails, pipeline events, notifications, artifacts and images are sent or copied only to accounts the platform trusts.',
  rationale:
    'A subscription filter whose destination is a Kinesis stream, Firehose, Lambda function or log destination of another account streams every build and deployment log to that account; a trail that delivers to another account\'s log group or topic does the same with the audit record; S3 replication (Destination.Account, or a destination bucket ARN with an account field) and ECR replication (Destinations[].RegistryId) copy every artifact or image there. An EventBridge rule whose target (Targets[].Arn: an event bus, queue, topic, function, stream…), delivery role (Targets[].RoleArn) or dead-letter queue (Targets[].DeadLetterConfig.Arn) is in another account sends it the pipeline\'s events; so does an EventBridge Scheduler schedule (Target.Arn, Target.RoleArn, Target.DeadLetterConfig.Arn, and for a universal target arn:aws:scheduler:::aws-sdk:… every ARN and queue URL in Target.Input, the parameters of the API call) and a CodeStar notification rule (Targets[].TargetAddress: an SNS topic or chatbot). The account named must be the account the change is made in, a ProductionAccountIds or a TrustedAccountIds entry; a wildcard account fails; a value the template does not resolve is UNKNOWN. A subscription filter without DestinationArn cannot be checked and fails. (A trail\'s S3BucketName names no account and is not judged here; an EventBridge API destination sends to an HTTP endpoint, which is no account.)',
  remediation:
    'Send logs, events and notifications to a destination, and replicate to a bucket or registry, of the same account or of an account the platform trusts (a log archive, a central event bus, a disaster-recovery account); ask the platform team to add such an account to TrustedAccountIds.',
  parameters: ['ProductionAccountIds', 'TrustedAccountIds'],
  check({ resource, resourceType, settings, accountId }) {
    const trusted = trustedFrom(settings, accountId);
    const findings: Finding[] = [];
    for (const t of TARGETS[resourceType] ?? []) {
      if (t.required && !resource.has(t.path)) {
        findings.push({ path: t.path, message: `${t.path} is missing, so the ${t.what} cannot be checked` });
        continue;
      }
      for (const path of expandPaths(resource, t.path)) findings.push(...referenceAccountFindings(resource, path, trusted, t.what, { accountId: t.account }));
    }
    if (resourceType === 'AWS::Scheduler::Schedule') findings.push(...universalTargetFindings(resource, trusted));
    return findings;
  },
});
