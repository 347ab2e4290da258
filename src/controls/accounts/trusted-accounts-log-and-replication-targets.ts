import { referenceAccountFindings, trustedFrom } from '../../predicates/accounts';
import { defineControl, type Finding } from '../types';
import { expandPaths } from './trusted-accounts-key-arns';

/** Where each type sends its logs or replicas: an ARN with an account field, or an account ID (`account: true`). */
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
};

export const trustedAccountsLogAndReplicationTargets = defineControl({
  id: 'CICD.ACCOUNTS.3',
  slug: 'trusted-accounts-log-and-replication-targets',
  title: 'Logs and replicas go only to trusted accounts',
  resourceTypes: Object.keys(TARGETS),
  severity: 'HIGH',
  risks: ['CICD-SEC-9', 'CICD-SEC-10'],
  requirement: 'Data protection and audit integrity (OWASP CICD-SEC-9, CICD-SEC-10): build logs, audit trails, artifacts and images are copied only to accounts the platform trusts.',
  rationale:
    'A subscription filter whose destination is a Kinesis stream, Firehose, Lambda function or log destination of another account streams every build and deployment log to that account; a trail that delivers to another account\'s log group or topic does the same with the audit record; S3 replication (Destination.Account, or a destination bucket ARN with an account field) and ECR replication (Destinations[].RegistryId) copy every artifact or image there. The account named must be the account the change is made in, a ProductionAccountIds or a TrustedAccountIds entry; a wildcard account fails; a value the template does not resolve is UNKNOWN. A subscription filter without DestinationArn cannot be checked and fails. (A trail\'s S3BucketName names no account and is not judged here.)',
  remediation:
    'Send logs to a destination and replicate to a bucket or registry of the same account or of an account the platform trusts (a log archive, a disaster-recovery account); ask the platform team to add such an account to TrustedAccountIds.',
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
    return findings;
  },
});
