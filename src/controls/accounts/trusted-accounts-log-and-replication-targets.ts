import { accountProblem, referenceAccountFindings, trustedFrom, type Trusted } from '../../predicates/accounts';
import { accountPolicyFindings, dataProtectionFindings, destinationBucketFindings, imageAccountFindings, readJsonDocument } from '../../predicates/destinations';
import { defineControl, type FactView, type Finding, type ResourceView } from '../types';
import { expandPaths } from './trusted-accounts-key-arns';

/** Where each type sends its logs, events, notifications or replicas: an ARN with an account field, or an account ID (`account: true`). */
const TARGETS: Readonly<Record<string, ReadonlyArray<{ path: string; what: string; account?: boolean; required?: boolean }>>> = {
  'AWS::Logs::SubscriptionFilter': [{ path: 'DestinationArn', what: 'log destination', required: true }],
  'AWS::CloudTrail::Trail': [
    { path: 'CloudWatchLogsLogGroupArn', what: 'log destination' },
    { path: 'SnsTopicName', what: 'notification topic' },
  ],
  'AWS::S3::Bucket': [
    // replication, inventory and analytics export destinations: bucketDestinationFindings (owner verified or looked up)
    { path: 'NotificationConfiguration.QueueConfigurations[].Queue', what: 'event notification queue' },
    { path: 'NotificationConfiguration.TopicConfigurations[].Topic', what: 'event notification topic' },
    { path: 'NotificationConfiguration.LambdaConfigurations[].Function', what: 'event notification function' },
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
  // an account-wide subscription filter or data protection policy: accountPolicyFindings
  'AWS::Logs::AccountPolicy': [],
  // DataProtectionPolicy's audit findings destinations: dataProtectionFindings
  'AWS::Logs::LogGroup': [],
  'AWS::Lambda::Function': [
    { path: 'DeadLetterConfig.TargetArn', what: 'dead-letter queue or topic of asynchronous invocations' },
    { path: 'Layers[]', what: 'layer: code that runs inside the function, with its role and environment' },
    // Code.ImageUri: imageAccountFindings
  ],
  'AWS::CodeCommit::Repository': [{ path: 'Triggers[].DestinationArn', what: 'repository trigger target' }],
  'AWS::CodeArtifact::Repository': [{ path: 'DomainOwner', what: 'owner of the domain that stores the packages', account: true }],
  'AWS::CodeBuild::ReportGroup': [{ path: 'ExportConfig.S3Destination.BucketOwner', what: 'owner of the bucket test reports are exported to', account: true }],
  'AWS::S3::AccessPoint': [{ path: 'BucketAccountId', what: 'owner of the bucket behind the access point', account: true }],
};

/** Bucket ARN or name present (not blank). */
const present = (raw: unknown) => raw !== undefined && raw !== null && !(typeof raw === 'string' && raw.trim() === '');

/**
 * S3 destinations of a bucket's data. Replication (`Rules[].Destination`): `Account` must be trusted, and S3
 * verifies that it owns `Bucket` only with `AccessControlTranslation` `Owner: Destination`; otherwise the bucket
 * must be the account's own by lookup. Inventory and analytics exports (`Destination`): S3 validates
 * `BucketAccountId` before exporting, so a trusted `BucketAccountId` settles it; without it S3 does not
 * validate the owner at all, and the bucket must be the account's own by lookup.
 */
function bucketDestinationFindings(view: ResourceView, trusted: Trusted, facts: FactView | undefined, accountId: string): Finding[] {
  const out: Finding[] = [];
  for (const rule of view.items('ReplicationConfiguration.Rules')) {
    const d = rule.view.at('Destination');
    const account = referenceAccountFindings(d, 'Account', trusted, 'replication target account', { accountId: true });
    out.push(...account);
    if (account.length > 0) continue;
    const named = present(d.get('Account'));
    const owner = d.get('AccessControlTranslation.Owner');
    if (named && typeof owner === 'string' && owner.trim().toUpperCase() === 'DESTINATION') continue; // S3 verifies Account owns the bucket
    const hint = named
      ? 'S3 verifies Destination.Account only with AccessControlTranslation Owner: Destination; set it'
      : 'a bucket of another (trusted) account needs Destination.Account and AccessControlTranslation Owner: Destination, with which S3 verifies the owner';
    out.push(...destinationBucketFindings(d, 'Bucket', trusted, 'replication target bucket', facts, accountId, hint));
  }
  const exports: Array<{ list: string; inner: string; what: string }> = [
    { list: 'InventoryConfigurations', inner: 'Destination', what: 'inventory report bucket' },
    { list: 'AnalyticsConfigurations', inner: 'StorageClassAnalysis.DataExport.Destination', what: 'storage class analysis export bucket' },
  ];
  for (const { list, inner, what } of exports) {
    for (const item of view.items(list)) {
      const d = item.view.at(inner);
      const account = referenceAccountFindings(d, 'BucketAccountId', trusted, `owner of the ${what}`, { accountId: true });
      out.push(...account);
      if (account.length > 0 || present(d.get('BucketAccountId'))) continue; // S3 validates BucketAccountId before exporting
      out.push(...destinationBucketFindings(d, 'BucketArn', trusted, what, facts, accountId, `set ${d.pathOf('BucketAccountId')}: S3 then validates the owner before exporting`));
    }
  }
  return out;
}


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
  title: 'Logs, events, notifications, replicas and exports go only to trusted accounts, and functions run code only from them',
  resourceTypes: Object.keys(TARGETS),
  severity: 'HIGH',
  risks: ['CICD-SEC-9', 'CICD-SEC-10'],
  requirement: 'Data protection and audit integrity (OWASP CICD-SEC-9, CICD-SEC-10): build logs, audit trails, pipeline events, notifications, artifacts, images, reports and inventories are sent or copied only to accounts the platform trusts, and the code a function runs comes only from them.',
  rationale:
    'A subscription filter whose destination is a Kinesis stream, Firehose, Lambda function or log destination of another account streams every build and deployment log to that account; an account-wide subscription filter policy (AWS::Logs::AccountPolicy, PolicyType SUBSCRIPTION_FILTER_POLICY) does it for every log group of the account (its PolicyDocument, a JSON string, is read strictly: DestinationArn, required, and RoleArn; keys in any case; a duplicate key or a text that is not a JSON object fails, naming PolicyDocument). A data protection policy (an account policy of type DATA_PROTECTION_POLICY, or a log group\'s DataProtectionPolicy) sends audit findings to Statement[].Operation.Audit.FindingsDestination: S3.Bucket is judged like a destination bucket (below), CloudWatchLogs.LogGroup and Firehose.DeliveryStream are names of the account\'s own group and stream, or ARNs judged by their account. FIELD_INDEX_POLICY and TRANSFORMER_POLICY name no destination; any other PolicyType (METRIC_EXTRACTION_POLICY, a new type) fails: the hook does not know where it sends data. A trail that delivers to another account\'s log group or topic leaks the audit record; ECR replication (Destinations[].RegistryId) copies every image. S3: replication, inventory reports and storage class analysis exports copy objects or object listings, event notifications (Queue, Topic, Function) send object events, an access point\'s BucketAccountId puts the data behind it in that account. A bucket ARN names no account, so a destination bucket counts as trusted only when its owner is known: for replication, Destination.Account naming a trusted account together with AccessControlTranslation Owner: Destination (only then does S3 verify the account owns the bucket); for an inventory or analytics export, a trusted BucketAccountId (S3 validates it before exporting; without it S3 does not check the owner at all). Otherwise the bucket must be a bucket of the account the change is made in: the hook asks S3 with ExpectedBucketOwner (live lookup s3.bucketOwner); a bucket S3 does not confirm fails, and without lookups (check without --lookups) the destination is UNKNOWN — also for a bucket of the same template, which a resource-level check cannot tell from a foreign one (the deployed hook looks it up: it exists before its replication source). An EventBridge rule whose target (Targets[].Arn), delivery role (Targets[].RoleArn) or dead-letter queue (Targets[].DeadLetterConfig.Arn) is in another account sends it the pipeline\'s events; so does an EventBridge Scheduler schedule (Target.Arn, Target.RoleArn, Target.DeadLetterConfig.Arn, and for a universal target arn:aws:scheduler:::aws-sdk:… every ARN and queue URL in Target.Input) and a CodeStar notification rule (Targets[].TargetAddress). A CodeCommit trigger (Triggers[].DestinationArn) sends push events, a Lambda function\'s DeadLetterConfig.TargetArn the failed events with their payload, a CodeBuild report group\'s ExportConfig.S3Destination.BucketOwner the test reports (without it CodeBuild exports to a bucket of the build\'s own account), and a CodeArtifact repository in a domain of another account (DomainOwner) stores its packages there. Code: a function\'s Layers[] and its container image (Code.ImageUri, <account>.dkr.ecr.<region>.amazonaws.com/…; any other image cannot be matched and fails) run inside the function with its role and environment, so they must come from a trusted account too — AWS publishes extensions (Lambda Insights, the Parameters and Secrets extension, ADOT) from its own accounts, which fail until the platform adds them to TrustedAccountIds. The account named must be the account the change is made in, a ProductionAccountIds or a TrustedAccountIds entry; a wildcard account fails; a value the template does not resolve is UNKNOWN. A subscription filter without DestinationArn cannot be checked and fails. (A trail\'s S3BucketName names no account and is not judged here; an EventBridge API destination sends to an HTTP endpoint, which is no account.)',
  remediation:
    'Send logs, events, notifications, findings and reports to a destination, and replicate or export to a bucket or registry, of the same account or of an account the platform trusts (a log archive, a central event bus, a disaster-recovery account); name a cross-account replica bucket\'s owner with Destination.Account and AccessControlTranslation Owner: Destination, an export bucket\'s with BucketAccountId. Take layers and images from the account\'s own or a trusted registry. Ask the platform team to add such an account (or the AWS account an AWS extension layer is published from) to TrustedAccountIds.',
  parameters: ['ProductionAccountIds', 'TrustedAccountIds'],
  check({ resource, resourceType, settings, accountId, facts }) {
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
    if (resourceType === 'AWS::S3::Bucket') findings.push(...bucketDestinationFindings(resource, trusted, facts, accountId));
    if (resourceType === 'AWS::Logs::AccountPolicy') findings.push(...accountPolicyFindings(resource, trusted, facts, accountId));
    if (resourceType === 'AWS::Logs::LogGroup') {
      const read = readJsonDocument(resource, 'DataProtectionPolicy', 'data protection policy');
      if ('findings' in read) findings.push(...read.findings);
      else if ('doc' in read) findings.push(...dataProtectionFindings(resource, 'DataProtectionPolicy', read.doc, trusted, facts, accountId));
    }
    if (resourceType === 'AWS::Lambda::Function') findings.push(...imageAccountFindings(resource, 'Code.ImageUri', trusted, 'container image: code of the registry\'s account'));
    return findings;
  },
});
