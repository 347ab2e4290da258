import type { BucketFact } from '../../model';
import { parsePolicy } from '../../predicates/policy';
import { coversAllObjects, coversBucketArn, isTlsDeny } from '../../predicates/tls-deny';
import { bucketOfLocation, shownName } from '../../predicates/referenced';
import { isIntrinsic, isRecord } from '../../predicates/values';
import { defineStackControl, type Finding, type ResourceView, type StackCheckInput, type StackResourceView, type StackView } from '../types';
import { factsFor } from './judge-with';
import { referrersAt, relatedAt } from './relations';

const PIPELINE = 'AWS::CodePipeline::Pipeline';
const BUCKET = 'AWS::S3::Bucket';
const POLICY = 'AWS::S3::BucketPolicy';

/** Every artifact store location of a pipeline: `ArtifactStore.Location` and each region's `ArtifactStores[i].ArtifactStore.Location`. */
function locations(p: StackResourceView): string[] {
  const out: string[] = [];
  if (p.view.has('ArtifactStore')) out.push('ArtifactStore.Location');
  for (const item of p.view.items('ArtifactStores')) out.push(item.view.pathOf('ArtifactStore.Location'));
  return out;
}

interface Coverage {
  bucket: boolean;
  objects: boolean;
  /** A Resource entry the template does not decide. */
  unresolved?: string;
}

/**
 * What one Deny statement's Resource entries cover of `bucket`: an entry refers to the bucket (Ref/GetAtt,
 * through the template's provenance) and is its ARN (no `/`) or its ARN followed by exactly `/*`; `*` and
 * `arn:<partition>:s3:::*` cover everything; a literal ARN counts when the bucket has that literal name.
 */
function coverage(stack: StackView, policy: StackResourceView, statementPath: string, st: ResourceView, bucket: StackResourceView): Coverage {
  const out: Coverage = { bucket: false, objects: false };
  const name = bucket.view.get('BucketName');
  const isList = Array.isArray(st.get('Resource'));
  for (const item of st.items('Resource')) {
    const v = item.value;
    const path = isList ? item.view.path : `${statementPath}.Resource`;
    if (isIntrinsic(v)) {
      out.unresolved ??= path;
      continue;
    }
    if (typeof v !== 'string') continue;
    const s = v.trim();
    if (s === '*' || /^arn:[^:]*:s3:::\*$/.test(s)) {
      out.bucket = out.objects = true;
      continue;
    }
    const arnName = /^arn:[^:]+:s3:::(.*)$/.exec(s)?.[1];
    if (arnName === undefined) continue;
    const byName = typeof name === 'string' && name !== '' && (arnName === name || arnName.startsWith(`${name}/`));
    const refersToBucket = byName || stack.refsAt(policy.logicalId, path).some((r) => r.to === bucket.logicalId);
    if (!refersToBucket) continue;
    const slash = arnName.indexOf('/');
    if (slash < 0) out.bucket = true;
    else if (arnName.slice(slash) === '/*') out.objects = true;
  }
  return out;
}

function judgeBucket(stack: StackView, bucket: StackResourceView, pipeline: StackResourceView, where: string): Finding[] {
  const subject = `the artifact store of ${pipeline.logicalId} (${where})`;
  const policies = referrersAt(stack, bucket, POLICY, 'Bucket', 'BucketName');
  if (policies.length === 0) {
    return [{ logicalId: bucket.logicalId, path: '', message: `${subject} has no AWS::S3::BucketPolicy in the stack: requests without TLS are not denied` }];
  }
  let bestBucket = false;
  let bestObjects = false;
  for (const policy of policies) {
    const doc = policy.view.obj('PolicyDocument');
    if (!doc) {
      const raw = policy.view.get('PolicyDocument');
      if (typeof raw === 'string') {
        const parsed = parsePolicy(raw);
        for (const st of parsed.statements.filter(isTlsDeny)) {
          const res = st.resources.map((r) => r.trim());
          const name = bucket.view.get('BucketName');
          if (res.some((r) => r === '*' || /^arn:[^:]*:s3:::\*$/.test(r))) bestBucket = bestObjects = true;
          if (typeof name === 'string' && res.some((r) => r.endsWith(`:::${name}`))) bestBucket = true;
          if (typeof name === 'string' && res.some((r) => r.endsWith(`:::${name}/*`))) bestObjects = true;
        }
      }
      continue;
    }
    const parsed = parsePolicy(doc);
    if (parsed.error) continue;
    const statements = policy.view.items('PolicyDocument.Statement');
    for (const st of parsed.statements) {
      if (!isTlsDeny(st)) continue;
      const item = statements.find((i) => i.index === st.index) ?? statements[0];
      if (!item || !isRecord(item.value)) continue;
      const c = coverage(stack, policy, item.view.path, item.view, bucket);
      if (c.unresolved && !(c.bucket && c.objects)) stack.unknown(policy.logicalId, c.unresolved, 'a Resource of the TLS Deny is decided only at deployment, so whether it covers the bucket and its objects cannot be decided');
      bestBucket ||= c.bucket;
      bestObjects ||= c.objects;
    }
  }
  if (bestBucket && bestObjects) return [];
  const missing = !bestBucket && !bestObjects ? 'the bucket and its objects' : !bestBucket ? 'the bucket itself' : 'its objects (<bucket ARN>/*)';
  return [
    {
      logicalId: bucket.logicalId,
      path: '',
      message: `${subject}: no bucket policy in the stack has a Deny of s3:* for principal "*" with Bool aws:SecureTransport false covering ${missing}`,
    },
  ];
}

/**
 * An existing artifact bucket outside the stack: whether its bucket policy (the `s3.bucket` fact) has the TLS
 * Deny on the bucket ARN and on every object (patterns judged by what they match, as CICD.S3.5 does).
 */
function judgeExistingBucket(fact: BucketFact, bucket: string, pipeline: StackResourceView, where: string): Finding[] {
  const subject = `the artifact store of ${pipeline.logicalId} (${where}) is the existing S3 bucket ${shownName(bucket)}`;
  const finding = (what: string): Finding[] => [{ logicalId: pipeline.logicalId, path: where, message: `${subject}, ${what}` }];
  if (fact.policy === undefined || fact.policy === null) return finding('which has no bucket policy: requests without TLS are not denied');
  const parsed = parsePolicy(fact.policy);
  if (parsed.error) return finding(`whose bucket policy cannot be read (${parsed.error}): whether requests without TLS are denied cannot be told`);
  const patterns = parsed.statements.filter(isTlsDeny).flatMap((st) => st.resources);
  const onBucket = patterns.some((r) => coversBucketArn(r, bucket));
  const onObjects = patterns.some((r) => coversAllObjects(r, bucket));
  if (onBucket && onObjects) return [];
  const missing = !onBucket && !onObjects ? 'the bucket and its objects' : !onBucket ? 'the bucket itself' : 'its objects (<bucket ARN>/*)';
  return finding(`whose bucket policy has no Deny of s3:* for principal "*" with Bool aws:SecureTransport false covering ${missing}`);
}

/**
 * A pipeline's artifact store named by a literal that is not a bucket of the stack. Lookups on and no bucket
 * policy of the stack for it (which would replace the bucket's own on deployment): judged from its fact
 * (none while the fact is planned or its lookup failed: the engine reports the failure at the location).
 * Otherwise UNKNOWN: its policy cannot be seen.
 */
function externalBucket(input: StackCheckInput, pipeline: StackResourceView, path: string, location: string): Finding[] {
  const { stack } = input;
  const bucket = bucketOfLocation(location);
  const replaced = stack.resources(POLICY).some((p) => {
    const named = p.view.get('Bucket');
    // a policy for a bucket of the stack (Ref, Fn::GetAtt) is not this one's; one the template does not decide may be
    return named === bucket || (isIntrinsic(named) && stack.refsAt(p.logicalId, 'Bucket').length === 0);
  });
  if (!input.facts?.enabled || bucket === undefined || replaced) {
    stack.unknown(pipeline.logicalId, path, 'the artifact bucket is not defined in this stack: its bucket policy cannot be seen');
    return [];
  }
  const fact = factsFor(input.facts, pipeline.logicalId).get({ kind: 's3.bucket', ref: bucket }, path);
  return fact ? judgeExistingBucket(fact, bucket, pipeline, path) : [];
}

export const stackArtifactBucketTlsPolicy = defineStackControl({
  id: 'CICD.STACK.1',
  slug: 'stack-artifact-bucket-tls-policy',
  title: 'Every pipeline artifact store bucket has a bucket policy in the stack that denies non-TLS requests to the bucket and all its objects',
  resourceTypes: [PIPELINE, BUCKET, POLICY],
  severity: 'HIGH',
  risks: ['CICD-SEC-7', 'CICD-SEC-9'],
  requirement: 'Harden the pipeline like a production system (SEC11-BP07): artifacts travel only over encrypted connections.',
  rationale:
    'The resource-level TLS control (CICD.S3.5) judges bucket policies that exist; an artifact bucket with no policy at all, or with a TLS Deny that names only some of its objects, passes it. At stack level the artifact store of every pipeline (ArtifactStore and every region of ArtifactStores) is followed through the template (Ref, Fn::GetAtt, or a literal name equal to the bucket\'s BucketName) to its bucket and to the bucket policies that apply to it; one of them must deny s3:* for principal "*" without TLS on the bucket ARN and on <bucket ARN>/*. A location the template does not decide is UNKNOWN. A bucket named by a literal but not defined in the stack is, with live lookups, looked up (s3:GetBucketPolicy) and its own bucket policy must have that Deny (unless a bucket policy of the stack names it: that one replaces it on deployment, and the bucket stays UNKNOWN); a lookup that cannot be answered follows LookupFailureMode. Without lookups such a bucket is UNKNOWN: its policy cannot be seen.',
  remediation:
    'Add an AWS::S3::BucketPolicy for the artifact bucket with {Effect: Deny, Principal: {AWS: "*"}, Action: "s3:*", Resource: [<bucket ARN>, <bucket ARN>/*], Condition: {Bool: {"aws:SecureTransport": "false"}}} (CDK: enforceSSL: true on the bucket), and define the artifact bucket in the pipeline\'s stack.',
  checkStack(input) {
    const { stack } = input;
    const findings: Finding[] = [];
    const done = new Set<string>();
    for (const p of stack.resources(PIPELINE)) {
      for (const path of locations(p)) {
        for (const rel of relatedAt(stack, p, path, [BUCKET], 'BucketName')) {
          if (rel.kind === 'unresolved') stack.unknown(p.logicalId, path, 'the artifact bucket is decided only at deployment: its bucket policy cannot be seen');
          else if (rel.kind === 'external') findings.push(...externalBucket(input, p, path, rel.value));
          else if (rel.kind === 'resource' && !done.has(rel.resource.logicalId)) {
            done.add(rel.resource.logicalId);
            findings.push(...judgeBucket(stack, rel.resource, p, path));
          }
        }
      }
    }
    return findings;
  },
});
