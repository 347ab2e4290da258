/**
 * Judging what a template references by name but does not define (live lookups, issue 14): an existing
 * bucket a pipeline or project writes to, read from its `s3.bucket` fact with the S3 controls' own
 * predicates (versioning, the four public access block flags, the public-statement predicate of resource
 * policies, KMS default encryption and the CMK verdict of cmk.ts). Pure: the facts come from the engine.
 */
import type { BucketFact, FactKind, FactValues, FactView, Finding, ResourceView } from '../model';
import { isKmsAlgorithm, isSseS3Algorithm, PUBLIC_ACCESS_BLOCK_FLAGS } from './bucket';
import { classifyKey } from './cmk';
import { publicAllowStatements, statementLabel } from './resource-policy';
import { looksLikeSecretValue } from './secret';

/**
 * The bucket a CodePipeline or CodeBuild location names: `bucket`, `bucket/prefix`, `arn:aws:s3:::bucket/prefix`
 * or `s3://bucket/prefix`. Undefined when the text names no bucket.
 */
export function bucketOfLocation(location: string): string | undefined {
  let v = location.trim();
  const arn = /^arn:[a-z-]+:s3:::(.*)$/i.exec(v);
  if (arn) v = arn[1];
  v = v.replace(/^s3:\/\//i, '');
  const name = v.split('/')[0].trim();
  return name === '' ? undefined : name;
}

/**
 * A name (bucket, log group, fleet, repository prefix) as messages may show it: only when it has the shape
 * of such a name and does not look like a credential; otherwise `(name not shown)`.
 */
export function shownName(name: string): string {
  const v = name.trim();
  return /^[A-Za-z0-9._/#:-]{1,512}$/.test(v) && !looksLikeSecretValue(v) ? v : '(name not shown)';
}

/** The four flags of `PublicAccessBlockConfiguration` as the bucket fact spells them. */
function factFlag(flag: (typeof PUBLIC_ACCESS_BLOCK_FLAGS)[number]): keyof NonNullable<BucketFact['publicAccessBlock']> {
  return (flag.charAt(0).toLowerCase() + flag.slice(1)) as keyof NonNullable<BucketFact['publicAccessBlock']>;
}

/**
 * Findings for an existing bucket named at `at` (the property, `ArtifactStore.Location`): versioning
 * enabled, all four public access block flags true, no bucket policy statement that allows any principal
 * without a condition limiting the caller, default encryption with aws:kms and a customer-managed key. The
 * key is looked up through `facts` (a key named by ARN or ID; a failed lookup is reported at `at`).
 */
export function referencedBucketFindings(fact: BucketFact, at: string, bucket: string, facts?: FactView): Finding[] {
  const subject = `${at} names the existing S3 bucket ${shownName(bucket)}`;
  const out: Finding[] = [];
  const add = (what: string) => out.push({ path: at, message: `${subject}, ${what}` });
  if (fact.versioning !== true) add('which is not versioned (versioning is not Enabled): an artifact can be replaced in place and no earlier version remains');
  const block = fact.publicAccessBlock;
  if (block === undefined) add('which has no public access block (PublicAccessBlockConfiguration): a public ACL or policy takes effect');
  else {
    const off = PUBLIC_ACCESS_BLOCK_FLAGS.filter((f) => block[factFlag(f)] !== true);
    if (off.length > 0) add(`whose public access block does not set ${off.join(', ')} to true`);
  }
  if (fact.policy !== undefined && fact.policy !== null) {
    const access = publicAllowStatements(fact.policy);
    if (access.error) add(`whose bucket policy cannot be read (${access.error})`);
    for (const s of access.statements) add(`whose bucket policy ${statementLabel(s.statement)} may allow any principal without a condition that limits the caller`);
  }
  const enc = fact.encryption;
  if (enc === undefined || !isKmsAlgorithm(enc.algorithm)) {
    const now = enc === undefined ? 'no default encryption' : isSseS3Algorithm(enc.algorithm) ? 'SSE-S3 (AES256)' : 'an algorithm that is not aws:kms';
    add(`which is not encrypted by default with a KMS key (${now}); use aws:kms with a customer-managed key`);
  } else {
    const key = classifyKey(enc.keyId, facts, at);
    if (key.kind === 'missing') add(`which is encrypted by default with ${enc.algorithm} without a key ID, i.e. the AWS-managed key aws/s3, not a customer-managed key`);
    else if (key.kind === 'aws-managed') add(`which is encrypted by default with the AWS-managed key ${key.alias}, not a customer-managed key`);
  }
  return out;
}

/**
 * The `Location` of a block (an artifact store, a project's `Artifacts`, `Cache`, `LogsConfig.S3Logs`) when it
 * names an existing bucket, judged by the bucket's facts (looked up). Absent: nothing is referenced; an
 * intrinsic: the bucket is defined by the template (judged by the S3 controls) or resolved only at deployment,
 * where the hook sees the name.
 */
export function referencedBucketAt(block: ResourceView, facts: FactView): Finding[] {
  const raw = block.get('Location');
  if (typeof raw !== 'string') return [];
  const bucket = bucketOfLocation(raw);
  if (bucket === undefined) return [];
  const at = block.pathOf('Location');
  const fact = facts.get({ kind: 's3.bucket', ref: bucket }, at);
  return fact ? referencedBucketFindings(fact, at, bucket, facts) : [];
}

/**
 * The facts as a check of something referenced sees them: every lookup it asks is reported, when it fails,
 * at `path` (the property of the resource that names the referenced thing), not at the path inside the
 * detached view the check runs on.
 */
export function factsAt(facts: FactView, path: string): FactView {
  return {
    get enabled() {
      return facts.enabled;
    },
    get<K extends FactKind>(request: { kind: K; ref: string }): FactValues[K] | undefined {
      return facts.get(request, path);
    },
  };
}
