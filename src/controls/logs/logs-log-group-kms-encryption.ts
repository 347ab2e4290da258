import { classifyKey } from '../../predicates/cmk';
import { markWeakened } from '../../predicates/weakening';
import { defineControl, type Finding, type ResourceView } from '../types';

function evaluate(v: ResourceView): Finding[] {
  const verdict = classifyKey(v.str('KmsKeyId'));
  if (verdict.kind === 'missing') return [{ path: 'KmsKeyId', message: 'KmsKeyId is missing: the log group is encrypted only with a CloudWatch Logs service key' }];
  if (verdict.kind === 'aws-managed') return [{ path: 'KmsKeyId', message: `KmsKeyId is the AWS-managed key ${verdict.alias}, not a customer-managed key` }];
  if (verdict.kind === 'unresolved') v.unknown('KmsKeyId', 'the key reference is resolved only at deployment');
  return [];
}

export const logsLogGroupKmsEncryption = defineControl({
  id: 'CICD.LOGS.1',
  slug: 'logs-log-group-kms-encryption',
  title: 'CloudWatch log groups are encrypted with a customer-managed KMS key',
  resourceTypes: ['AWS::Logs::LogGroup'],
  severity: 'MEDIUM',
  risks: ['CICD-SEC-10', 'CICD-SEC-7'],
  requirement: 'Everything encrypted with KMS customer-managed keys (enterprise CI/CD guidance); build and deployment logs are protected like the systems they describe.',
  rationale:
    'Build and deployment logs contain repository names, environment details and, despite every precaution, sometimes secrets echoed by a build step. Without KmsKeyId they are encrypted with a key every principal with logs:GetLogEvents can use; a customer-managed key adds a key policy that limits who reads them and can be revoked. An absent KmsKeyId fails, and removing it on update is reported as a weakening.',
  remediation:
    'Set KmsKeyId to the ARN of a customer-managed key whose key policy allows the logs.<region>.amazonaws.com service principal (CDK: new logs.LogGroup(this, id, { encryptionKey: key })).',
  check({ resource, previous }) {
    return markWeakened(evaluate(resource), previous ? evaluate(previous) : undefined, 'KMS encryption is removed by this update');
  },
});
