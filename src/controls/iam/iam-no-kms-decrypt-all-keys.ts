import { allows, evaluateStatements, hasNarrowingCondition, IDENTITY_POLICY_TYPES, identityPolicies, onBroadResources } from '../../predicates/iam';
import { grantsAction } from '../../predicates/policy';
import { defineControl, type ResourceView } from '../types';

const DECRYPT_ACTIONS = ['kms:decrypt', 'kms:reencryptfrom'];
/** Conditions that tie a key-wide grant to a service, an encryption context or tagged keys. */
const KMS_NARROWING_KEYS = ['kms:viaservice', 'kms:encryptioncontext:*', 'kms:encryptioncontextkeys', 'kms:resourcealiases', 'aws:resourcetag/*'];

function findings(view: ResourceView, resourceType: string) {
  return evaluateStatements(view, identityPolicies(view, resourceType), (st) => {
    if (!allows(st) || !onBroadResources(st)) return undefined;
    const hits = DECRYPT_ACTIONS.filter((a) => grantsAction(st, a));
    if (hits.length === 0 || hasNarrowingCondition(st, KMS_NARROWING_KEYS)) return undefined;
    return `allows ${hits.map((a) => (a === 'kms:decrypt' ? 'kms:Decrypt' : 'kms:ReEncryptFrom')).join(', ')} on every KMS key`;
  });
}

export const iamNoKmsDecryptAllKeys = defineControl({
  id: 'CICD.IAM.17',
  slug: 'iam-no-kms-decrypt-all-keys',
  title: 'IAM policies do not allow kms:Decrypt or kms:ReEncryptFrom on all keys',
  resourceTypes: IDENTITY_POLICY_TYPES,
  severity: 'MEDIUM',
  risks: ['CICD-SEC-2', 'CICD-SEC-6'],
  requirement: 'Least-privilege pipeline roles: a pipeline decrypts only its own artifacts and secrets (IAM-13).',
  rationale:
    'kms:Decrypt on every key lets a compromised build read every artifact, secret and backup in the account whose key policy delegates to IAM (the default key policy does). Wildcards covering the actions (kms:*, kms:ReEncrypt*, NotAction) count; "every key" is *, NotResource or any ARN pattern that matches every key of an account or of every account (arn:aws:kms:eu-west-1:111111111111:key/*, arn:aws:kms:*:*:key*, arn:*:kms:*:*:*). A condition on kms:ViaService, the encryption context or resource tags narrows the grant enough.',
  remediation:
    'Set Resource to the ARN of the key the step uses, or add "Condition": {"StringEquals": {"kms:ViaService": "secretsmanager.eu-west-1.amazonaws.com"}}.',
  cdkHint: 'key.grantDecrypt(role) (CDK Pipelines already does this for the artifact key)',
  check({ resource, resourceType }) {
    return findings(resource, resourceType);
  },
});
