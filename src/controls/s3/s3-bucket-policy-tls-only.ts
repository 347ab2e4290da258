import { conditionBool, parsePolicy, type Statement } from '../../predicates/policy';
import { markWeakened } from '../../predicates/weakening';
import { isDynamicReference, isIntrinsic, isRecord, ownCI, toList } from '../../predicates/values';
import { defineControl, type Finding, type ResourceView } from '../types';

const PATH = 'PolicyDocument';

/** Principal `*` or `{"AWS": "*"}` (not NotPrincipal: that exempts someone from the deny). */
function everyone(st: Statement): boolean {
  return !st.notPrincipal && st.principals.some((p) => p === '*' || p === 'AWS:*');
}

function allS3Actions(st: Statement): boolean {
  return !st.notAction && st.actions.some((a) => a === '*' || a === 's3:*');
}

/** The statement covers the objects (`.../*` or `*`); an unresolved entry (local template) counts. */
function coversObjects(rawStatement: unknown, st: Statement): boolean {
  if (st.notResource) return false;
  const raw = toList(ownCI(rawStatement, 'Resource'));
  if (raw.length === 0) return false;
  return raw.some((r) => typeof r !== 'string' || r.trim() === '*' || r.trim().endsWith('/*'));
}

function rawStatements(doc: unknown): unknown[] {
  let d = doc;
  if (typeof d === 'string') {
    try {
      d = JSON.parse(d);
    } catch {
      return [];
    }
  }
  return isRecord(d) ? toList(ownCI(d, 'Statement')) : [];
}

function evaluate(v: ResourceView): Finding[] {
  const doc = v.get(PATH);
  if (doc === undefined || doc === null || (typeof doc === 'string' && doc.trim() === '')) {
    return [{ path: PATH, message: `${PATH} is missing: no statement denies requests without TLS` }];
  }
  if (isIntrinsic(doc) || isDynamicReference(doc)) {
    v.unknown(PATH, 'the policy document is resolved only at deployment');
    return [{ path: PATH, message: `${PATH} cannot be read from the template` }];
  }
  const parsed = parsePolicy(doc);
  if (parsed.error) return [{ path: PATH, message: `${PATH}: ${parsed.error}` }];
  const raw = rawStatements(doc);
  const ok = parsed.statements.some(
    (st) => st.effect === 'Deny' && conditionBool(st, 'aws:SecureTransport') === false && everyone(st) && allS3Actions(st) && coversObjects(raw[st.index], st),
  );
  if (ok) return [];
  return [
    {
      path: `${PATH}.Statement`,
      message: `${PATH}.Statement has no Deny of s3:* for principal "*" on the bucket objects with Condition Bool aws:SecureTransport false`,
    },
  ];
}

export const s3BucketPolicyTlsOnly = defineControl({
  id: 'CICD.S3.5',
  slug: 's3-bucket-policy-tls-only',
  title: 'S3 bucket policies deny every request that does not use TLS',
  resourceTypes: ['AWS::S3::BucketPolicy'],
  severity: 'MEDIUM',
  risks: ['CICD-SEC-7', 'CICD-SEC-9'],
  requirement: 'Harden the pipeline like a production system (SEC11-BP07): artifacts travel only over encrypted connections.',
  rationale:
    'S3 still answers plain HTTP. An artifact fetched or uploaded without TLS can be read or replaced in transit, and credentials in signed requests are exposed to replay. Only a Deny statement for every principal, every S3 action and the bucket objects with aws:SecureTransport false (boolean or the string "false", under Bool or BoolIfExists) closes this; every statement is evaluated, so the Deny may appear anywhere in the list, and policy documents given as JSON strings are parsed (an unreadable document fails).',
  remediation:
    'Add to PolicyDocument.Statement: {Effect: Deny, Principal: {AWS: "*"}, Action: "s3:*", Resource: [<bucket ARN>, <bucket ARN>/*], Condition: {Bool: {"aws:SecureTransport": "false"}}} (CDK: enforceSSL: true on the bucket).',
  check({ resource, previous }) {
    return markWeakened(evaluate(resource), previous ? evaluate(previous) : undefined, 'the TLS-only statement is removed by this update');
  },
});
