import { allows, breadthNote, evaluateStatements, hasNarrowingCondition, IDENTITY_POLICY_TYPES, identityPolicies, jointBreadth, jointNote, resourceBreadth, statementLabel } from '../../predicates/iam';
import { grantsAction, type Statement } from '../../predicates/policy';
import { defineControl, type ResourceView } from '../types';

const DECRYPT_ACTIONS = ['kms:decrypt', 'kms:reencryptfrom'];
/** Conditions that tie a key-wide grant to a service, an encryption context or tagged keys. */
const KMS_NARROWING_KEYS = ['kms:viaservice', 'kms:encryptioncontext:*', 'kms:encryptioncontextkeys', 'kms:resourcealiases', 'aws:resourcetag/*'];

const named = (a: string) => (a === 'kms:decrypt' ? 'kms:Decrypt' : 'kms:ReEncryptFrom');

function findings(view: ResourceView, resourceType: string) {
  const sources = identityPolicies(view, resourceType);
  const statements = sources.flatMap((s) => s.policy.statements);
  const labels = new Map<Statement, string>(sources.flatMap((src) => src.policy.statements.map((st) => [st, statementLabel(src, st)] as const)));
  return evaluateStatements(view, sources, (st) => {
    if (!allows(st)) return undefined;
    const granted = DECRYPT_ACTIONS.filter((a) => grantsAction(st, a));
    if (granted.length === 0) return undefined;
    // every key: one pattern (key/*, arn:*:kms:*:*:*), the patterns together (key/0* … key/f*, key/????????-*),
    // or a grant split over statements with the same condition
    const own = resourceBreadth(st);
    const joint = own ? undefined : granted.map((a) => ({ a, j: jointBreadth(st, statements, a, KMS_NARROWING_KEYS) })).filter((x) => x.j !== undefined);
    const hits = own ? granted : (joint ?? []).map((x) => x.a);
    if (hits.length === 0 || hasNarrowingCondition(st, KMS_NARROWING_KEYS)) return undefined;
    const note = own ? breadthNote(own) : jointNote(joint![0].j!, (s) => labels.get(s) ?? `Statement[${s.index}]`);
    return `allows ${hits.map(named).join(', ')} on every KMS key${note}`;
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
    'kms:Decrypt on every key lets a compromised build read every artifact, secret and backup in the account whose key policy delegates to IAM (the default key policy does). Wildcards covering the actions (kms:*, kms:ReEncrypt*, NotAction) count; "every key" is *, NotResource or any ARN pattern that matches every key of an account or of every account (arn:aws:kms:eu-west-1:111111111111:key/*, arn:aws:kms:*:*:key*, arn:*:kms:*:*:*). Resources are judged by what they match, alone or together, in a corpus of key IDs built from KMS\'s formats (src/predicates/resource-corpus.ts: 32 seeded UUIDs with every hex digit first, mrk- multi-Region IDs): key IDs are UUIDs, so key/0* … key/f* (16 patterns), key/????????-* and key/*-*-*-*-* are every single-Region key and key/mrk-* every multi-Region key, while key/0* alone or 15 of the 16 are not; a grant split over several statements whose resources add up to every key counts too. A condition on kms:ViaService, the encryption context or resource tags narrows the grant enough.',
  remediation:
    'Set Resource to the ARN of the key the step uses, or add "Condition": {"StringEquals": {"kms:ViaService": "secretsmanager.eu-west-1.amazonaws.com"}}.',
  cdkHint: 'key.grantDecrypt(role) (CDK Pipelines already does this for the artifact key)',
  check({ resource, resourceType }) {
    return findings(resource, resourceType);
  },
});
