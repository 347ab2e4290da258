import { parsePolicy, type Statement } from '../../predicates/policy';
import { coversAllObjects, coversBucketArn, isTlsDeny } from '../../predicates/tls-deny';
import { isDynamicReference, isIntrinsic } from '../../predicates/values';
import { defineControl, type Finding, type ResourceView } from '../types';

const PATH = 'PolicyDocument';

/** The statement's resources name the objects (`.../*`) or everything (`*`): the test when the bucket is not known. */
function coversObjects(st: Statement): boolean {
  return st.resources.some((r) => r.trim() === '*' || r.trim().endsWith('/*'));
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
  const denies = parsed.statements.filter(isTlsDeny);
  // the policy's own bucket (CloudFormation passes it resolved): the Deny must cover the bucket and every object
  const bucket = typeof v.get('Bucket') === 'string' ? (v.get('Bucket') as string).trim() : '';
  if (bucket !== '' && !/[*?]/.test(bucket) && denies.length > 0 && denies.every((st) => st.unresolved.length === 0)) {
    const patterns = denies.flatMap((st) => st.resources);
    const missing: string[] = [];
    if (!patterns.some((r) => coversBucketArn(r, bucket))) missing.push(`the bucket itself (arn:…:s3:::${bucket})`);
    if (!patterns.some((r) => coversAllObjects(r, bucket))) missing.push(`every object of the bucket (arn:…:s3:::${bucket}/*)`);
    if (missing.length === 0) return [];
    return [{ path: `${PATH}.Statement`, message: `${PATH}.Statement: the Deny of requests without TLS does not cover ${missing.join(' or ')}: requests outside what it names may still use plain HTTP` }];
  }
  if (denies.some(coversObjects)) return [];
  // A TLS Deny whose Resource the template does not resolve (a local template: `Fn::Join` of the bucket ARN
  // and `/*`) may or may not cover the objects: UNKNOWN, never PASS. In a JSON-string document nothing is
  // resolved later, so a non-string entry there is no resource at all.
  if (typeof doc !== 'string') {
    const document = v.at(PATH);
    for (const st of denies) {
      if (st.unresolved.includes('Resource')) document.unknown(`Statement[${st.index}].Resource`, 'Resource is resolved only at deployment, so whether the Deny covers the bucket objects cannot be decided');
    }
  }
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
    'S3 still answers plain HTTP. An artifact fetched or uploaded without TLS can be read or replaced in transit, and credentials in signed requests are exposed to replay. Only a Deny statement for every principal, every S3 action and the bucket objects with aws:SecureTransport false (boolean or the string "false", under Bool or BoolIfExists) closes this; every statement is evaluated, so the Deny may appear anywhere in the list, and policy documents given as JSON strings are parsed (an unreadable document fails). The Deny must cover the policy’s own bucket (its Bucket property) — the bucket ARN and every object, not a key prefix or suffix, not a bucket whose name merely starts the same; the statements may share the cover.',
  remediation:
    'Add to PolicyDocument.Statement: {Effect: Deny, Principal: {AWS: "*"}, Action: "s3:*", Resource: [<bucket ARN>, <bucket ARN>/*], Condition: {Bool: {"aws:SecureTransport": "false"}}}.',
  cdkHint: 'enforceSSL: true on s3.Bucket',
  check({ resource }) {
    return evaluate(resource);
  },
});
