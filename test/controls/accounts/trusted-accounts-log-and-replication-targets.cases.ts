import { defineCases } from '../../helpers/cases';

const OWN = '123456789012';
const FOREIGN = '444455556666';
const PROD = '222222222222';
const SUB = 'AWS::Logs::SubscriptionFilter';
const TRAIL = 'AWS::CloudTrail::Trail';
const BUCKET = 'AWS::S3::Bucket';
const ECR = 'AWS::ECR::ReplicationConfiguration';
const filter = (dest?: unknown) => ({ LogGroupName: '/aws/codebuild/app', FilterPattern: '', ...(dest === undefined ? {} : { DestinationArn: dest }) });
const trail = (extra: Record<string, unknown> = {}) => ({ IsLogging: true, S3BucketName: 'trail-logs', ...extra });
const replication = (...destinations: Record<string, unknown>[]) => ({ BucketName: 'ci-artifacts', ReplicationConfiguration: { Role: `arn:aws:iam::${OWN}:role/replication`, Rules: destinations.map((d) => ({ Status: 'Enabled', Destination: d })) } });
const RULE = 'AWS::Events::Rule';
const SCHEDULE = 'AWS::Scheduler::Schedule';
const NOTIFY = 'AWS::CodeStarNotifications::NotificationRule';
const rule = (...targets: Record<string, unknown>[]) => ({ Name: 'pipeline-events', EventPattern: { source: ['aws.codepipeline'] }, State: 'ENABLED', Targets: targets.map((t, i) => ({ Id: `T${i}`, ...t })) });
const schedule = (target: Record<string, unknown>) => ({ ScheduleExpression: 'rate(1 hour)', FlexibleTimeWindow: { Mode: 'OFF' }, Target: { RoleArn: `arn:aws:iam::${OWN}:role/scheduler`, ...target } });
const SEND_MESSAGE = 'arn:aws:scheduler:::aws-sdk:sqs:sendMessage';
const notify = (...addresses: unknown[]) => ({ Name: 'failures', DetailType: 'FULL', EventTypeIds: ['codepipeline-pipeline-pipeline-execution-failed'], Resource: `arn:aws:codepipeline:eu-west-1:${OWN}:app`, Targets: addresses.map((a) => ({ TargetType: 'SNS', TargetAddress: a })) });
const POLICY = 'AWS::Logs::AccountPolicy';
const GROUP = 'AWS::Logs::LogGroup';
const FUNCTION = 'AWS::Lambda::Function';
const REPO = 'AWS::CodeCommit::Repository';
const ARTIFACT_REPO = 'AWS::CodeArtifact::Repository';
const REPORTS = 'AWS::CodeBuild::ReportGroup';
const ACCESS_POINT = 'AWS::S3::AccessPoint';
/** An account-wide policy; the document as CloudFormation takes it: a JSON string. */
const accountPolicy = (type: string, doc?: unknown) => ({ PolicyName: 'org-wide', PolicyType: type, Scope: 'ALL', ...(doc === undefined ? {} : { PolicyDocument: typeof doc === 'string' ? doc : JSON.stringify(doc) }) });
const subscription = (destination: string, extra: Record<string, unknown> = {}) => accountPolicy('SUBSCRIPTION_FILTER_POLICY', { DestinationArn: destination, FilterPattern: '', Distribution: 'Random', ...extra });
/** A data protection policy (audit + deidentify) whose audit sends its findings to `destination`. */
const dataProtection = (destination: Record<string, unknown>) => ({
  Name: 'mask',
  Version: '2021-06-01',
  Statement: [
    { Sid: 'audit', DataIdentifier: ['arn:aws:dataprotection::aws:data-identifier/EmailAddress'], Operation: { Audit: { FindingsDestination: destination } } },
    { Sid: 'redact', DataIdentifier: ['arn:aws:dataprotection::aws:data-identifier/EmailAddress'], Operation: { Deidentify: { MaskConfig: {} } } },
  ],
});
const group = (policy?: Record<string, unknown>) => ({ LogGroupName: '/aws/codebuild/app', RetentionInDays: 365, ...(policy ? { DataProtectionPolicy: policy } : {}) });
const fn = (extra: Record<string, unknown> = {}) => ({ FunctionName: 'notify', Role: `arn:aws:iam::${OWN}:role/fn`, Runtime: 'nodejs20.x', Handler: 'index.handler', Code: { ZipFile: 'exports.handler = async () => {};' }, ...extra });
const image = (account: string) => `${account}.dkr.ecr.eu-west-1.amazonaws.com/app@sha256:${'a'.repeat(64)}`;
const layer = (account: string, name = 'tools') => `arn:aws:lambda:eu-west-1:${account}:layer:${name}:3`;
/** The account AWS publishes the Lambda Insights extension from in eu-west-1 (not the platform's). */
const LAMBDA_INSIGHTS = '580247275435';
const inventory = (destination: Record<string, unknown>) => ({ BucketName: 'ci-artifacts', InventoryConfigurations: [{ Id: 'weekly', Enabled: true, IncludedObjectVersions: 'Current', ScheduleFrequency: 'Weekly', Destination: { Format: 'CSV', ...destination } }] });
const analytics = (destination: Record<string, unknown>) => ({ BucketName: 'ci-artifacts', AnalyticsConfigurations: [{ Id: 'tiers', StorageClassAnalysis: { DataExport: { OutputSchemaVersion: 'V_1', Destination: { Format: 'CSV', ...destination } } } }] });
const notifications = (n: Record<string, unknown>) => ({ BucketName: 'ci-artifacts', NotificationConfiguration: n });
const ecr = (...registries: unknown[]) => ({ ReplicationConfiguration: { Rules: [{ Destinations: registries.map((r) => ({ Region: 'eu-central-1', RegistryId: r })) }] } });

export default defineCases({
  controlId: 'CICD.ACCOUNTS.3',
  resourceTypes: [SUB, TRAIL, BUCKET, ECR, RULE, SCHEDULE, NOTIFY, POLICY, GROUP, FUNCTION, REPO, ARTIFACT_REPO, REPORTS, ACCESS_POINT],
  cases: [
    // subscription filters
    { name: 'a Firehose of the own account', resourceType: SUB, properties: filter(`arn:aws:firehose:eu-west-1:${OWN}:deliverystream/archive`), expect: 'PASS' },
    { name: 'a log destination of a listed log-archive account', resourceType: SUB, properties: filter(`arn:aws:logs:eu-west-1:${FOREIGN}:destination:archive`), config: { TrustedAccountIds: [FOREIGN] }, expect: 'PASS' },
    { name: 'DestinationArn missing', resourceType: SUB, absent: ['DestinationArn'], properties: filter(), expect: 'FAIL', messageIncludes: 'DestinationArn is missing' },
    { name: 'a log destination of a foreign account', resourceType: SUB, properties: filter(`arn:aws:logs:eu-west-1:${FOREIGN}:destination:collector`), expect: 'FAIL', messageIncludes: ['DestinationArn', `account ${FOREIGN}`] },
    { name: 'a Kinesis stream of a foreign account', resourceType: SUB, properties: filter(`arn:aws:kinesis:eu-west-1:${FOREIGN}:stream/logs`), expect: 'FAIL' },
    { name: 'a wildcard account', resourceType: SUB, properties: filter('arn:aws:lambda:eu-west-1:*:function:x'), expect: 'FAIL', messageIncludes: 'wildcard' },
    { name: 'a destination from an import is UNKNOWN', resourceType: SUB, properties: filter({ 'Fn::ImportValue': 'Collector' }), expect: 'UNKNOWN', typedOnly: true },
    { name: 'update streams logs to a foreign account', resourceType: SUB, properties: filter(`arn:aws:logs:eu-west-1:${FOREIGN}:destination:c`), previous: filter(`arn:aws:logs:eu-west-1:${OWN}:destination:c`), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
    // trails
    { name: 'a trail to a log group of the own account', resourceType: TRAIL, properties: trail({ CloudWatchLogsLogGroupArn: `arn:aws:logs:eu-west-1:${OWN}:log-group:trail:*` }), expect: 'PASS' },
    { name: 'a trail without log group or topic', resourceType: TRAIL, absent: ['CloudWatchLogsLogGroupArn', 'SnsTopicName'], properties: trail(), expect: 'PASS' },
    { name: 'a topic by name', resourceType: TRAIL, properties: trail({ SnsTopicName: 'trail-notifications' }), expect: 'PASS' },
    { name: 'a trail to a foreign log group', resourceType: TRAIL, properties: trail({ CloudWatchLogsLogGroupArn: `arn:aws:logs:eu-west-1:${FOREIGN}:log-group:x:*` }), expect: 'FAIL', messageIncludes: ['CloudWatchLogsLogGroupArn', FOREIGN] },
    { name: 'a trail notifying a foreign topic', resourceType: TRAIL, properties: trail({ SnsTopicName: `arn:aws:sns:eu-west-1:${FOREIGN}:t` }), expect: 'FAIL', messageIncludes: 'SnsTopicName' },
    // S3 replication: a bucket ARN names no account, so the owner is verified by S3 (Account with
    // AccessControlTranslation Owner Destination) or looked up (ExpectedBucketOwner); without lookups UNKNOWN
    { name: 'replication within the own account, the bucket looked up as the own account\'s', resourceType: BUCKET, properties: replication({ Bucket: 'arn:aws:s3:::replica', Account: OWN }), facts: { 's3.bucketOwner replica': { ownAccount: true } }, expect: 'PASS' },
    { name: 'replication to a bucket ARN without Account, looked up as the own account\'s (CDK\'s same-account replicationRules)', resourceType: BUCKET, properties: replication({ Bucket: 'arn:aws:s3:::replica' }), facts: { 's3.bucketOwner replica': { ownAccount: true } }, expect: 'PASS' },
    { name: 'replication with Account and AccessControlTranslation Owner Destination (S3 verifies the owner)', resourceType: BUCKET, properties: replication({ Bucket: 'arn:aws:s3:::replica', Account: OWN, AccessControlTranslation: { Owner: 'Destination' } }), expect: 'PASS' },
    { name: 'cross-account replication to a listed disaster-recovery account, owner verified by S3', resourceType: BUCKET, properties: replication({ Bucket: 'arn:aws:s3:::dr', Account: FOREIGN, AccessControlTranslation: { Owner: 'Destination' } }), config: { TrustedAccountIds: [FOREIGN] }, expect: 'PASS' },
    { name: 'replication to a production account, owner verified by S3', resourceType: BUCKET, properties: replication({ Bucket: 'arn:aws:s3:::prod-replica', Account: PROD, AccessControlTranslation: { Owner: 'Destination' } }), config: { ProductionAccountIds: [PROD] }, expect: 'PASS' },
    { name: 'no replication', resourceType: BUCKET, absent: ['ReplicationConfiguration', 'InventoryConfigurations', 'AnalyticsConfigurations', 'NotificationConfiguration'], properties: { BucketName: 'ci-artifacts' }, expect: 'PASS' },
    { name: 'red team: replication to arn:aws:s3:::attacker-bucket without Account, lookups off, is UNKNOWN', resourceType: BUCKET, properties: replication({ Bucket: 'arn:aws:s3:::attacker-bucket' }), expect: 'UNKNOWN' },
    { name: 'red team: replication to arn:aws:s3:::attacker-bucket without Account, S3 does not confirm the owner', resourceType: BUCKET, properties: replication({ Bucket: 'arn:aws:s3:::attacker-bucket' }), facts: { 's3.bucketOwner attacker-bucket': { ownAccount: false } }, expect: 'FAIL', messageIncludes: ['ReplicationConfiguration.Rules[0].Destination.Bucket', 'attacker-bucket', 'ExpectedBucketOwner', 'AccessControlTranslation'] },
    { name: 'replication naming the own Account without AccessControlTranslation: S3 does not verify it, the bucket is looked up', resourceType: BUCKET, properties: replication({ Bucket: 'arn:aws:s3:::attacker-bucket', Account: OWN }), facts: { 's3.bucketOwner attacker-bucket': { ownAccount: false } }, expect: 'FAIL', messageIncludes: ['Destination.Bucket', 'verifies Destination.Account only with AccessControlTranslation'] },
    { name: 'replication naming the own Account without AccessControlTranslation, lookups off, is UNKNOWN', resourceType: BUCKET, properties: replication({ Bucket: 'arn:aws:s3:::replica', Account: OWN }), expect: 'UNKNOWN' },
    { name: 'replication to a destination bucket the lookup cannot find fails (LookupFailureMode FAIL)', resourceType: BUCKET, properties: replication({ Bucket: 'arn:aws:s3:::gone' }), facts: {}, expect: 'FAIL', messageIncludes: ['Destination.Bucket', 'could not be looked up'] },
    { name: 'replication to a foreign account', resourceType: BUCKET, properties: replication({ Bucket: 'arn:aws:s3:::replica', Account: OWN, AccessControlTranslation: { Owner: 'Destination' } }, { Bucket: 'arn:aws:s3:::dr', Account: FOREIGN, AccessControlTranslation: { Owner: 'Destination' } }), expect: 'FAIL', messageIncludes: ['ReplicationConfiguration.Rules[1].Destination.Account', FOREIGN] },
    { name: 'replication to a foreign account given as a number', resourceType: BUCKET, properties: replication({ Bucket: 'arn:aws:s3:::dr', Account: 444455556666 }), expect: 'FAIL', typedOnly: true },
    { name: 'replication to an account from a parameter is UNKNOWN', resourceType: BUCKET, properties: replication({ Bucket: 'arn:aws:s3:::dr', Account: { Ref: 'DrAccount' } }), expect: 'UNKNOWN', typedOnly: true },
    { name: 'replication to a bucket from a parameter is UNKNOWN', resourceType: BUCKET, properties: replication({ Bucket: { Ref: 'ReplicaArn' } }), expect: 'UNKNOWN', typedOnly: true },
    { name: 'update replicates to a bucket S3 does not confirm as the own account\'s', resourceType: BUCKET, properties: replication({ Bucket: 'arn:aws:s3:::attacker-bucket' }), previous: replication({ Bucket: 'arn:aws:s3:::replica' }), facts: { 's3.bucketOwner attacker-bucket': { ownAccount: false }, 's3.bucketOwner replica': { ownAccount: true } }, actions: ['UPDATE'], expect: 'FAIL', weakened: true },
    // S3 inventory and storage class analysis exports: S3 validates BucketAccountId; without it, not the owner at all
    { name: 'inventory to a bucket of the own account (BucketAccountId)', resourceType: BUCKET, properties: inventory({ BucketArn: 'arn:aws:s3:::inventory', BucketAccountId: OWN }), expect: 'PASS' },
    { name: 'inventory to a listed log-archive account (BucketAccountId)', resourceType: BUCKET, properties: inventory({ BucketArn: 'arn:aws:s3:::org-inventory', BucketAccountId: FOREIGN }), config: { TrustedAccountIds: [FOREIGN] }, expect: 'PASS' },
    { name: 'inventory to a production account (BucketAccountId)', resourceType: BUCKET, properties: inventory({ BucketArn: 'arn:aws:s3:::prod-inventory', BucketAccountId: PROD }), config: { ProductionAccountIds: [PROD] }, expect: 'PASS' },
    { name: 'inventory without BucketAccountId to a bucket looked up as the own account\'s', resourceType: BUCKET, properties: inventory({ BucketArn: 'arn:aws:s3:::inventory' }), facts: { 's3.bucketOwner inventory': { ownAccount: true } }, expect: 'PASS' },
    { name: 'inventory to a foreign account (BucketAccountId)', resourceType: BUCKET, properties: inventory({ BucketArn: 'arn:aws:s3:::collector', BucketAccountId: FOREIGN }), expect: 'FAIL', messageIncludes: ['InventoryConfigurations[0].Destination.BucketAccountId', `account ${FOREIGN}`] },
    { name: 'inventory without BucketAccountId (S3 does not validate the owner), lookups off, is UNKNOWN', resourceType: BUCKET, properties: inventory({ BucketArn: 'arn:aws:s3:::collector' }), expect: 'UNKNOWN' },
    { name: 'inventory without BucketAccountId to a bucket S3 does not confirm', resourceType: BUCKET, properties: inventory({ BucketArn: 'arn:aws:s3:::collector' }), facts: { 's3.bucketOwner collector': { ownAccount: false } }, expect: 'FAIL', messageIncludes: ['InventoryConfigurations[0].Destination.BucketArn', 'collector', 'BucketAccountId'] },
    { name: 'inventory owner from a parameter is UNKNOWN', resourceType: BUCKET, properties: inventory({ BucketArn: 'arn:aws:s3:::inventory', BucketAccountId: { Ref: 'InventoryAccount' } }), expect: 'UNKNOWN', typedOnly: true },
    { name: 'storage class analysis export to a foreign account', resourceType: BUCKET, properties: analytics({ BucketArn: 'arn:aws:s3:::collector', BucketAccountId: FOREIGN }), expect: 'FAIL', messageIncludes: ['AnalyticsConfigurations[0].StorageClassAnalysis.DataExport.Destination.BucketAccountId', FOREIGN] },
    { name: 'storage class analysis export to the own account', resourceType: BUCKET, properties: analytics({ BucketArn: 'arn:aws:s3:::analytics', BucketAccountId: OWN }), expect: 'PASS' },
    { name: 'storage class analysis export without BucketAccountId to a bucket S3 does not confirm', resourceType: BUCKET, properties: analytics({ BucketArn: 'arn:aws:s3:::collector' }), facts: { 's3.bucketOwner collector': { ownAccount: false } }, expect: 'FAIL', messageIncludes: 'DataExport.Destination.BucketArn' },
    // S3 event notifications
    { name: 'event notifications to an own queue, topic and function', resourceType: BUCKET, properties: notifications({ QueueConfigurations: [{ Event: 's3:ObjectCreated:*', Queue: `arn:aws:sqs:eu-west-1:${OWN}:q` }], TopicConfigurations: [{ Event: 's3:ObjectCreated:*', Topic: `arn:aws:sns:eu-west-1:${OWN}:t` }], LambdaConfigurations: [{ Event: 's3:ObjectCreated:*', Function: `arn:aws:lambda:eu-west-1:${OWN}:function:f` }] }), expect: 'PASS' },
    { name: 'event notifications to a foreign queue, topic and function', resourceType: BUCKET, properties: notifications({ QueueConfigurations: [{ Event: 's3:ObjectCreated:*', Queue: `arn:aws:sqs:eu-west-1:${FOREIGN}:q` }], TopicConfigurations: [{ Event: 's3:ObjectCreated:*', Topic: `arn:aws:sns:eu-west-1:${FOREIGN}:t` }], LambdaConfigurations: [{ Event: 's3:ObjectCreated:*', Function: `arn:aws:lambda:eu-west-1:${FOREIGN}:function:f` }] }), expect: 'FAIL', messageIncludes: ['QueueConfigurations[0].Queue', 'TopicConfigurations[0].Topic', 'LambdaConfigurations[0].Function', FOREIGN] },
    { name: 'an event notification topic of a listed account', resourceType: BUCKET, properties: notifications({ TopicConfigurations: [{ Event: 's3:ObjectCreated:*', Topic: `arn:aws:sns:eu-west-1:${FOREIGN}:t` }] }), config: { TrustedAccountIds: [FOREIGN] }, expect: 'PASS' },
    { name: 'an event notification queue from a parameter is UNKNOWN', resourceType: BUCKET, properties: notifications({ QueueConfigurations: [{ Event: 's3:ObjectCreated:*', Queue: { Ref: 'Queue' } }] }), expect: 'UNKNOWN', typedOnly: true },
    // ECR replication
    { name: 'ECR replication within the own registry', resourceType: ECR, properties: ecr(OWN), expect: 'PASS' },
    { name: 'ECR replication configuration without rules', resourceType: ECR, absent: ['ReplicationConfiguration.Rules'], properties: { ReplicationConfiguration: {} }, expect: 'PASS' },
    { name: 'ECR replication to a foreign registry', resourceType: ECR, properties: ecr(OWN, FOREIGN), expect: 'FAIL', messageIncludes: ['Rules[0].Destinations[1].RegistryId', FOREIGN] },
    { name: 'ECR replication to a malformed registry ID', resourceType: ECR, properties: ecr('4444-5555'), expect: 'FAIL', messageIncludes: '12 digits' },
    { name: 'update replicates to a foreign registry', resourceType: ECR, properties: ecr(FOREIGN), previous: ecr(OWN), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
    // EventBridge rules: where the pipeline's events go
    { name: 'a rule sending to an own queue, with an own role and dead-letter queue', resourceType: RULE, properties: rule({ Arn: `arn:aws:sqs:eu-west-1:${OWN}:events`, RoleArn: `arn:aws:iam::${OWN}:role/events`, DeadLetterConfig: { Arn: `arn:aws:sqs:eu-west-1:${OWN}:dlq` } }), expect: 'PASS' },
    { name: 'a rule sending to the central bus of a listed account', resourceType: RULE, properties: rule({ Arn: `arn:aws:events:eu-west-1:${FOREIGN}:event-bus/central`, RoleArn: `arn:aws:iam::${OWN}:role/events` }), config: { TrustedAccountIds: [FOREIGN] }, expect: 'PASS' },
    { name: 'a rule sending to the bus of a production account', resourceType: RULE, properties: rule({ Arn: `arn:aws:events:eu-west-1:${PROD}:event-bus/default` }), config: { ProductionAccountIds: [PROD] }, expect: 'PASS' },
    { name: 'a rule without targets', resourceType: RULE, absent: ['Targets'], properties: { Name: 'r', EventPattern: { source: ['aws.codepipeline'] } }, expect: 'PASS' },
    { name: 'a rule target without RoleArn and DeadLetterConfig', resourceType: RULE, absent: ['Targets[0].RoleArn', 'Targets[0].DeadLetterConfig'], properties: rule({ Arn: `arn:aws:lambda:eu-west-1:${OWN}:function:notify` }), expect: 'PASS' },
    { name: 'a rule sending to a foreign event bus', resourceType: RULE, properties: rule({ Arn: `arn:aws:lambda:eu-west-1:${OWN}:function:notify` }, { Arn: `arn:aws:events:eu-west-1:${FOREIGN}:event-bus/default`, RoleArn: `arn:aws:iam::${OWN}:role/events` }), expect: 'FAIL', messageIncludes: ['Targets[1].Arn', 'event target', `account ${FOREIGN}`] },
    { name: 'a rule sending to a foreign queue, topic or function', resourceType: RULE, properties: rule({ Arn: `arn:aws:sqs:eu-west-1:${FOREIGN}:q` }, { Arn: `arn:aws:sns:eu-west-1:${FOREIGN}:t` }, { Arn: `arn:aws:lambda:eu-west-1:${FOREIGN}:function:f` }), expect: 'FAIL', messageIncludes: ['Targets[0].Arn', 'Targets[1].Arn', 'Targets[2].Arn'] },
    { name: 'a rule whose dead-letter queue is foreign', resourceType: RULE, properties: rule({ Arn: `arn:aws:sqs:eu-west-1:${OWN}:q`, DeadLetterConfig: { Arn: `arn:aws:sqs:eu-west-1:${FOREIGN}:dlq` } }), expect: 'FAIL', messageIncludes: ['Targets[0].DeadLetterConfig.Arn', FOREIGN] },
    { name: 'a rule delivering with a foreign role', resourceType: RULE, properties: rule({ Arn: `arn:aws:events:eu-west-1:${OWN}:event-bus/b`, RoleArn: `arn:aws:iam::${FOREIGN}:role/putter` }), expect: 'FAIL', messageIncludes: ['Targets[0].RoleArn', FOREIGN] },
    { name: 'a rule target in a wildcard account', resourceType: RULE, properties: rule({ Arn: 'arn:aws:events:eu-west-1:*:event-bus/default' }), expect: 'FAIL', messageIncludes: 'wildcard' },
    { name: 'a rule target from a parameter is UNKNOWN', resourceType: RULE, properties: rule({ Arn: { Ref: 'TargetBus' } }), expect: 'UNKNOWN', typedOnly: true },
    { name: 'update redirects the events to a foreign bus', resourceType: RULE, properties: rule({ Arn: `arn:aws:events:eu-west-1:${FOREIGN}:event-bus/x` }), previous: rule({ Arn: `arn:aws:events:eu-west-1:${OWN}:event-bus/x` }), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
    // EventBridge Scheduler schedules
    { name: 'a schedule starting an own pipeline', resourceType: SCHEDULE, properties: schedule({ Arn: `arn:aws:codepipeline:eu-west-1:${OWN}:release` }), expect: 'PASS' },
    { name: 'a universal target sending to an own queue', resourceType: SCHEDULE, properties: schedule({ Arn: SEND_MESSAGE, Input: JSON.stringify({ QueueUrl: `https://sqs.eu-west-1.amazonaws.com/${OWN}/jobs`, MessageBody: 'tick' }) }), expect: 'PASS' },
    { name: 'a universal target without Input', resourceType: SCHEDULE, absent: ['Target.Input', 'Target.DeadLetterConfig'], properties: schedule({ Arn: 'arn:aws:scheduler:::aws-sdk:codebuild:startBuild' }), expect: 'PASS' },
    { name: 'a schedule without a target', resourceType: SCHEDULE, absent: ['Target'], properties: { ScheduleExpression: 'rate(1 hour)', FlexibleTimeWindow: { Mode: 'OFF' } }, expect: 'PASS' },
    { name: 'a schedule targeting a foreign bus', resourceType: SCHEDULE, properties: schedule({ Arn: `arn:aws:events:eu-west-1:${FOREIGN}:event-bus/default` }), expect: 'FAIL', messageIncludes: ['Target.Arn', `account ${FOREIGN}`] },
    { name: 'a schedule running its target with a foreign role', resourceType: SCHEDULE, properties: schedule({ Arn: `arn:aws:sqs:eu-west-1:${OWN}:q`, RoleArn: `arn:aws:iam::${FOREIGN}:role/x` }), expect: 'FAIL', messageIncludes: ['Target.RoleArn', FOREIGN] },
    { name: 'a schedule with a foreign dead-letter queue', resourceType: SCHEDULE, properties: schedule({ Arn: `arn:aws:sqs:eu-west-1:${OWN}:q`, DeadLetterConfig: { Arn: `arn:aws:sqs:eu-west-1:${FOREIGN}:dlq` } }), expect: 'FAIL', messageIncludes: 'Target.DeadLetterConfig.Arn' },
    { name: 'a universal target sending to a foreign queue URL', resourceType: SCHEDULE, properties: schedule({ Arn: SEND_MESSAGE, Input: JSON.stringify({ QueueUrl: `https://sqs.eu-west-1.amazonaws.com/${FOREIGN}/jobs`, MessageBody: 'tick' }) }), expect: 'FAIL', messageIncludes: ['Target.Input', FOREIGN] },
    { name: 'a universal putEvents to a foreign bus', resourceType: SCHEDULE, properties: schedule({ Arn: 'arn:aws:scheduler:::aws-sdk:eventbridge:putEvents', Input: JSON.stringify({ Entries: [{ EventBusName: `arn:aws:events:eu-west-1:${FOREIGN}:event-bus/default`, Source: 'x', DetailType: 'y', Detail: '{}' }] }) }), expect: 'FAIL', messageIncludes: ['Target.Input', FOREIGN] },
    { name: 'a universal target whose Input is a parameter is UNKNOWN', resourceType: SCHEDULE, properties: schedule({ Arn: SEND_MESSAGE, Input: { Ref: 'Payload' } }), expect: 'UNKNOWN', typedOnly: true },
    // CodeStar notification rules
    { name: 'notifications to an own topic', resourceType: NOTIFY, properties: notify(`arn:aws:sns:eu-west-1:${OWN}:pipeline`), expect: 'PASS' },
    { name: 'notifications to an own chatbot configuration', resourceType: NOTIFY, properties: notify(`arn:aws:chatbot::${OWN}:chat-configuration/slack-channel/ci`), expect: 'PASS' },
    { name: 'a notification rule without targets', resourceType: NOTIFY, absent: ['Targets'], properties: { Name: 'n', DetailType: 'BASIC', EventTypeIds: ['x'], Resource: `arn:aws:codepipeline:eu-west-1:${OWN}:app` }, expect: 'PASS' },
    { name: 'notifications to a foreign topic', resourceType: NOTIFY, properties: notify(`arn:aws:sns:eu-west-1:${OWN}:pipeline`, `arn:aws:sns:eu-west-1:${FOREIGN}:collector`), expect: 'FAIL', messageIncludes: ['Targets[1].TargetAddress', `account ${FOREIGN}`] },
    // CloudWatch Logs account policies (account-wide): subscription filter and data protection policies
    { name: 'an account-wide subscription to an own Firehose', resourceType: POLICY, properties: subscription(`arn:aws:firehose:eu-west-1:${OWN}:deliverystream/archive`, { RoleArn: `arn:aws:iam::${OWN}:role/logs-to-firehose` }), expect: 'PASS' },
    { name: 'an account-wide subscription to the log destination of a listed log-archive account', resourceType: POLICY, properties: subscription(`arn:aws:logs:eu-west-1:${FOREIGN}:destination:archive`), config: { TrustedAccountIds: [FOREIGN] }, expect: 'PASS' },
    { name: 'an account-wide subscription to a production account', resourceType: POLICY, properties: subscription(`arn:aws:logs:eu-west-1:${PROD}:destination:archive`), config: { ProductionAccountIds: [PROD] }, expect: 'PASS' },
    { name: 'red team: an account-wide subscription streams every log group to a foreign destination', resourceType: POLICY, properties: subscription(`arn:aws:logs:eu-west-1:${FOREIGN}:destination:collector`), expect: 'FAIL', messageIncludes: ['PolicyDocument', 'DestinationArn', `account ${FOREIGN}`] },
    { name: 'an account-wide subscription delivering with a foreign role', resourceType: POLICY, properties: subscription(`arn:aws:kinesis:eu-west-1:${OWN}:stream/logs`, { RoleArn: `arn:aws:iam::${FOREIGN}:role/x` }), expect: 'FAIL', messageIncludes: ['RoleArn', FOREIGN] },
    { name: 'a subscription document with a duplicate DestinationArn cannot be read', resourceType: POLICY, properties: accountPolicy('SUBSCRIPTION_FILTER_POLICY', `{"DestinationArn":"arn:aws:firehose:eu-west-1:${OWN}:deliverystream/a","DestinationArn":"arn:aws:logs:eu-west-1:${FOREIGN}:destination:c"}`), expect: 'FAIL', messageIncludes: ['PolicyDocument', 'duplicate key'] },
    { name: 'a subscription document that is not JSON cannot be read', resourceType: POLICY, properties: accountPolicy('SUBSCRIPTION_FILTER_POLICY', '{DestinationArn: x'), expect: 'FAIL', messageIncludes: ['PolicyDocument', 'not valid JSON'] },
    { name: 'a subscription document without DestinationArn cannot be checked', resourceType: POLICY, properties: accountPolicy('SUBSCRIPTION_FILTER_POLICY', { FilterPattern: '' }), expect: 'FAIL', messageIncludes: 'no DestinationArn' },
    { name: 'a subscription filter policy without PolicyDocument cannot be checked', resourceType: POLICY, absent: ['PolicyDocument'], properties: accountPolicy('SUBSCRIPTION_FILTER_POLICY'), expect: 'FAIL', messageIncludes: 'PolicyDocument is missing' },
    { name: 'a DestinationArn spelt in another case is read too', resourceType: POLICY, properties: accountPolicy('SUBSCRIPTION_FILTER_POLICY', { destinationArn: `arn:aws:logs:eu-west-1:${FOREIGN}:destination:c` }), expect: 'FAIL', messageIncludes: FOREIGN },
    { name: 'a subscription document from a parameter is UNKNOWN', resourceType: POLICY, properties: { ...accountPolicy('SUBSCRIPTION_FILTER_POLICY'), PolicyDocument: { Ref: 'Doc' } }, expect: 'UNKNOWN', typedOnly: true },
    { name: 'a policy type from a parameter is UNKNOWN', resourceType: POLICY, properties: { ...subscription(`arn:aws:logs:eu-west-1:${FOREIGN}:destination:c`), PolicyType: { Ref: 'Type' } }, expect: 'UNKNOWN', typedOnly: true },
    { name: 'a transformer policy names no destination', resourceType: POLICY, properties: accountPolicy('TRANSFORMER_POLICY', { transformerConfig: [{ parseJSON: {} }] }), expect: 'PASS' },
    { name: 'a field index policy names no destination', resourceType: POLICY, properties: accountPolicy('FIELD_INDEX_POLICY', { Fields: ['RequestId'] }), expect: 'PASS' },
    { name: 'a policy type the hook does not know fails closed', resourceType: POLICY, properties: accountPolicy('METRIC_EXTRACTION_POLICY', { x: 1 }), expect: 'FAIL', messageIncludes: ['PolicyType', 'not a policy type the hook knows'] },
    { name: 'an account-wide data protection policy without a findings destination', resourceType: POLICY, absent: ['SelectionCriteria'], properties: accountPolicy('DATA_PROTECTION_POLICY', dataProtection({})), expect: 'PASS' },
    { name: 'account-wide findings to the own log group and Firehose (names)', resourceType: POLICY, properties: accountPolicy('DATA_PROTECTION_POLICY', dataProtection({ CloudWatchLogs: { LogGroup: 'audit-findings' }, Firehose: { DeliveryStream: 'findings' } })), expect: 'PASS' },
    { name: 'account-wide findings to a bucket looked up as the own account\'s', resourceType: POLICY, properties: accountPolicy('DATA_PROTECTION_POLICY', dataProtection({ S3: { Bucket: 'findings' } })), facts: { 's3.bucketOwner findings': { ownAccount: true } }, expect: 'PASS' },
    { name: 'account-wide findings to a bucket, lookups off, are UNKNOWN', resourceType: POLICY, properties: accountPolicy('DATA_PROTECTION_POLICY', dataProtection({ S3: { Bucket: 'findings' } })), expect: 'UNKNOWN' },
    { name: 'account-wide findings to a bucket S3 does not confirm', resourceType: POLICY, properties: accountPolicy('DATA_PROTECTION_POLICY', dataProtection({ S3: { Bucket: 'attacker-findings' } })), facts: { 's3.bucketOwner attacker-findings': { ownAccount: false } }, expect: 'FAIL', messageIncludes: ['PolicyDocument', 'FindingsDestination.S3.Bucket', 'attacker-findings'] },
    { name: 'account-wide findings to a foreign Firehose ARN', resourceType: POLICY, properties: accountPolicy('DATA_PROTECTION_POLICY', dataProtection({ Firehose: { DeliveryStream: `arn:aws:firehose:eu-west-1:${FOREIGN}:deliverystream/x` } })), expect: 'FAIL', messageIncludes: ['FindingsDestination.Firehose.DeliveryStream', FOREIGN] },
    // log groups: DataProtectionPolicy audit findings destinations
    { name: 'a log group without a data protection policy', resourceType: GROUP, absent: ['DataProtectionPolicy'], properties: group(), expect: 'PASS' },
    { name: 'log group findings to an own log group and an own bucket', resourceType: GROUP, properties: group(dataProtection({ CloudWatchLogs: { LogGroup: 'audit-findings' }, S3: { Bucket: 'findings' } })), facts: { 's3.bucketOwner findings': { ownAccount: true } }, expect: 'PASS' },
    { name: 'log group findings to a log group of a listed account (ARN)', resourceType: GROUP, properties: group(dataProtection({ CloudWatchLogs: { LogGroup: `arn:aws:logs:eu-west-1:${FOREIGN}:log-group:findings` } })), config: { TrustedAccountIds: [FOREIGN] }, expect: 'PASS' },
    { name: 'log group findings to a bucket S3 does not confirm', resourceType: GROUP, properties: group(dataProtection({ S3: { Bucket: 'attacker-findings' } })), facts: { 's3.bucketOwner attacker-findings': { ownAccount: false } }, expect: 'FAIL', messageIncludes: ['DataProtectionPolicy', 'attacker-findings'] },
    { name: 'log group findings to a bucket, lookups off, are UNKNOWN', resourceType: GROUP, properties: group(dataProtection({ S3: { Bucket: 'findings' } })), expect: 'UNKNOWN' },
    { name: 'log group findings to a foreign delivery stream ARN', resourceType: GROUP, properties: group(dataProtection({ Firehose: { DeliveryStream: `arn:aws:firehose:eu-west-1:${FOREIGN}:deliverystream/x` } })), expect: 'FAIL', messageIncludes: ['DataProtectionPolicy', FOREIGN] },
    { name: 'a data protection policy from a parameter is UNKNOWN', resourceType: GROUP, properties: group({ 'Fn::ImportValue': 'MaskPolicy' } as unknown as Record<string, unknown>), expect: 'UNKNOWN', typedOnly: true },
    // Lambda functions: dead-letter queue, layers (code), container image (code)
    { name: 'a function with an own dead-letter queue, an own layer and an own image', resourceType: FUNCTION, properties: fn({ DeadLetterConfig: { TargetArn: `arn:aws:sqs:eu-west-1:${OWN}:dlq` }, Layers: [layer(OWN)], PackageType: 'Image', Code: { ImageUri: image(OWN) } }), expect: 'PASS' },
    { name: 'a function without dead-letter queue, layers or image', resourceType: FUNCTION, absent: ['DeadLetterConfig', 'Layers', 'Code.ImageUri'], properties: fn(), expect: 'PASS' },
    { name: 'a function with a dead-letter topic of a foreign account', resourceType: FUNCTION, properties: fn({ DeadLetterConfig: { TargetArn: `arn:aws:sns:eu-west-1:${FOREIGN}:failed` } }), expect: 'FAIL', messageIncludes: ['DeadLetterConfig.TargetArn', `account ${FOREIGN}`] },
    { name: 'a function with a layer of a foreign account', resourceType: FUNCTION, properties: fn({ Layers: [layer(OWN), layer(FOREIGN, 'x')] }), expect: 'FAIL', messageIncludes: ['Layers[1]', 'layer', FOREIGN] },
    { name: 'an AWS-published layer (Lambda Insights) fails until the platform lists its account', resourceType: FUNCTION, properties: fn({ Layers: [layer(LAMBDA_INSIGHTS, 'LambdaInsightsExtension')] }), expect: 'FAIL', messageIncludes: ['Layers[0]', LAMBDA_INSIGHTS] },
    { name: 'an AWS-published layer with its account in TrustedAccountIds', resourceType: FUNCTION, properties: fn({ Layers: [layer(LAMBDA_INSIGHTS, 'LambdaInsightsExtension')] }), config: { TrustedAccountIds: [LAMBDA_INSIGHTS] }, expect: 'PASS' },
    { name: 'a layer of a production account', resourceType: FUNCTION, properties: fn({ Layers: [layer(PROD)] }), config: { ProductionAccountIds: [PROD] }, expect: 'PASS' },
    { name: 'a container image of a foreign registry', resourceType: FUNCTION, properties: fn({ PackageType: 'Image', Code: { ImageUri: image(FOREIGN) } }), expect: 'FAIL', messageIncludes: ['Code.ImageUri', `account ${FOREIGN}`] },
    { name: 'a container image that is not of a private ECR registry cannot be matched', resourceType: FUNCTION, properties: fn({ PackageType: 'Image', Code: { ImageUri: 'docker.io/library/node:20' } }), expect: 'FAIL', messageIncludes: ['Code.ImageUri', 'private ECR registry'] },
    { name: 'a layer from a parameter is UNKNOWN', resourceType: FUNCTION, properties: fn({ Layers: [{ Ref: 'ToolsLayer' }] }), expect: 'UNKNOWN', typedOnly: true },
    { name: 'a container image from a parameter is UNKNOWN', resourceType: FUNCTION, properties: fn({ PackageType: 'Image', Code: { ImageUri: { Ref: 'Image' } } }), expect: 'UNKNOWN', typedOnly: true },
    // CodeCommit triggers
    { name: 'repository triggers to an own topic and function', resourceType: REPO, properties: { RepositoryName: 'app', Triggers: [{ Name: 't', Events: ['all'], DestinationArn: `arn:aws:sns:eu-west-1:${OWN}:pushes` }, { Name: 'f', Events: ['all'], DestinationArn: `arn:aws:lambda:eu-west-1:${OWN}:function:f` }] }, expect: 'PASS' },
    { name: 'a repository without triggers', resourceType: REPO, absent: ['Triggers'], properties: { RepositoryName: 'app' }, expect: 'PASS' },
    { name: 'a repository trigger to a foreign function', resourceType: REPO, properties: { RepositoryName: 'app', Triggers: [{ Name: 'f', Events: ['all'], DestinationArn: `arn:aws:lambda:eu-west-1:${FOREIGN}:function:mirror` }] }, expect: 'FAIL', messageIncludes: ['Triggers[0].DestinationArn', FOREIGN] },
    { name: 'a repository trigger from a parameter is UNKNOWN', resourceType: REPO, properties: { RepositoryName: 'app', Triggers: [{ Name: 'f', Events: ['all'], DestinationArn: { Ref: 'Target' } }] }, expect: 'UNKNOWN', typedOnly: true },
    // CodeArtifact repositories: the domain's owner holds the packages
    { name: 'a repository in a domain of the own account', resourceType: ARTIFACT_REPO, properties: { RepositoryName: 'npm', DomainName: 'acme', DomainOwner: OWN }, expect: 'PASS' },
    { name: 'a repository in a domain of a listed account', resourceType: ARTIFACT_REPO, properties: { RepositoryName: 'npm', DomainName: 'acme', DomainOwner: FOREIGN }, config: { TrustedAccountIds: [FOREIGN] }, expect: 'PASS' },
    { name: 'a repository without DomainOwner (the own account)', resourceType: ARTIFACT_REPO, absent: ['DomainOwner'], properties: { RepositoryName: 'npm', DomainName: 'acme' }, expect: 'PASS' },
    { name: 'a repository in a domain of a foreign account', resourceType: ARTIFACT_REPO, properties: { RepositoryName: 'npm', DomainName: 'acme', DomainOwner: FOREIGN }, expect: 'FAIL', messageIncludes: ['DomainOwner', `account ${FOREIGN}`] },
    { name: 'a domain owner from a parameter is UNKNOWN', resourceType: ARTIFACT_REPO, properties: { RepositoryName: 'npm', DomainName: 'acme', DomainOwner: { Ref: 'Owner' } }, expect: 'UNKNOWN', typedOnly: true },
    // CodeBuild report exports
    { name: 'reports exported to a bucket of the own account', resourceType: REPORTS, properties: { Type: 'TEST', ExportConfig: { ExportConfigType: 'S3', S3Destination: { Bucket: 'reports', BucketOwner: OWN } } }, expect: 'PASS' },
    { name: 'reports exported without BucketOwner (the build\'s account)', resourceType: REPORTS, absent: ['ExportConfig.S3Destination.BucketOwner'], properties: { Type: 'TEST', ExportConfig: { ExportConfigType: 'S3', S3Destination: { Bucket: 'reports' } } }, expect: 'PASS' },
    { name: 'reports exported to a bucket of a foreign account', resourceType: REPORTS, properties: { Type: 'TEST', ExportConfig: { ExportConfigType: 'S3', S3Destination: { Bucket: 'collector', BucketOwner: FOREIGN } } }, expect: 'FAIL', messageIncludes: ['ExportConfig.S3Destination.BucketOwner', FOREIGN] },
    { name: 'a report bucket owner from a parameter is UNKNOWN', resourceType: REPORTS, properties: { Type: 'TEST', ExportConfig: { ExportConfigType: 'S3', S3Destination: { Bucket: 'reports', BucketOwner: { Ref: 'Owner' } } } }, expect: 'UNKNOWN', typedOnly: true },
    // S3 access points over a bucket of another account
    { name: 'an access point over an own bucket', resourceType: ACCESS_POINT, properties: { Bucket: 'ci-artifacts', BucketAccountId: OWN }, expect: 'PASS' },
    { name: 'an access point without BucketAccountId (the own account)', resourceType: ACCESS_POINT, absent: ['BucketAccountId'], properties: { Bucket: 'ci-artifacts' }, expect: 'PASS' },
    { name: 'an access point over a bucket of a foreign account', resourceType: ACCESS_POINT, properties: { Bucket: 'collector', BucketAccountId: FOREIGN }, expect: 'FAIL', messageIncludes: ['BucketAccountId', FOREIGN] },
    { name: 'an access point over a bucket of a production account', resourceType: ACCESS_POINT, properties: { Bucket: 'prod', BucketAccountId: PROD }, config: { ProductionAccountIds: [PROD] }, expect: 'PASS' },
  ],
});
