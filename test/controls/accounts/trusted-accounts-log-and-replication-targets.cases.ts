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
const ecr = (...registries: unknown[]) => ({ ReplicationConfiguration: { Rules: [{ Destinations: registries.map((r) => ({ Region: 'eu-central-1', RegistryId: r })) }] } });

export default defineCases({
  controlId: 'CICD.ACCOUNTS.3',
  resourceTypes: [SUB, TRAIL, BUCKET, ECR, RULE, SCHEDULE, NOTIFY],
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
    // S3 replication
    { name: 'replication within the own account', resourceType: BUCKET, properties: replication({ Bucket: 'arn:aws:s3:::replica', Account: OWN }), expect: 'PASS' },
    { name: 'replication to a bucket ARN without account', resourceType: BUCKET, properties: replication({ Bucket: 'arn:aws:s3:::replica' }), expect: 'PASS' },
    { name: 'no replication', resourceType: BUCKET, absent: ['ReplicationConfiguration'], properties: { BucketName: 'ci-artifacts' }, expect: 'PASS' },
    { name: 'replication to a foreign account', resourceType: BUCKET, properties: replication({ Bucket: 'arn:aws:s3:::replica' }, { Bucket: 'arn:aws:s3:::dr', Account: FOREIGN }), expect: 'FAIL', messageIncludes: ['ReplicationConfiguration.Rules[1].Destination.Account', FOREIGN] },
    { name: 'replication to a foreign account given as a number', resourceType: BUCKET, properties: replication({ Bucket: 'arn:aws:s3:::dr', Account: 444455556666 }), expect: 'FAIL', typedOnly: true },
    { name: 'replication to an account from a parameter is UNKNOWN', resourceType: BUCKET, properties: replication({ Bucket: 'arn:aws:s3:::dr', Account: { Ref: 'DrAccount' } }), expect: 'UNKNOWN', typedOnly: true },
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
  ],
});
