import { defineCases } from '../../helpers/cases';

const OWN = '123456789012';
const FOREIGN = '444455556666';
const SUB = 'AWS::Logs::SubscriptionFilter';
const TRAIL = 'AWS::CloudTrail::Trail';
const BUCKET = 'AWS::S3::Bucket';
const ECR = 'AWS::ECR::ReplicationConfiguration';
const filter = (dest?: unknown) => ({ LogGroupName: '/aws/codebuild/app', FilterPattern: '', ...(dest === undefined ? {} : { DestinationArn: dest }) });
const trail = (extra: Record<string, unknown> = {}) => ({ IsLogging: true, S3BucketName: 'trail-logs', ...extra });
const replication = (...destinations: Record<string, unknown>[]) => ({ BucketName: 'ci-artifacts', ReplicationConfiguration: { Role: `arn:aws:iam::${OWN}:role/replication`, Rules: destinations.map((d) => ({ Status: 'Enabled', Destination: d })) } });
const ecr = (...registries: unknown[]) => ({ ReplicationConfiguration: { Rules: [{ Destinations: registries.map((r) => ({ Region: 'eu-central-1', RegistryId: r })) }] } });

export default defineCases({
  controlId: 'CICD.ACCOUNTS.3',
  resourceTypes: [SUB, TRAIL, BUCKET, ECR],
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
  ],
});
