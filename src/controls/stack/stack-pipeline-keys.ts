import { classifyKey, LOOKED_UP } from '../../predicates/cmk';
import { PropertyView } from '../../predicates/view';
import { kmsKeyDeletionWindow } from '../kms/kms-key-deletion-window';
import { kmsKeyNotDisabled } from '../kms/kms-key-not-disabled';
import { kmsKeyPolicyNoPublicPrincipal } from '../kms/kms-key-policy-no-public-principal';
import { kmsKeyRotation } from '../kms/kms-key-rotation';
import { defineStackControl, type Control, type Finding, type StackCheckInput, type StackResourceView, type StackView } from '../types';
import { describeUses, factsFor, judgeFact, judgeWith, type Use } from './judge-with';
import { followAt } from './relations';
import { projectLogGroups } from './stack-project-log-groups';

const PIPELINE = 'AWS::CodePipeline::Pipeline';
const PROJECT = 'AWS::CodeBuild::Project';
const BUCKET = 'AWS::S3::Bucket';
const SECRET = 'AWS::SecretsManager::Secret';
const KEY = 'AWS::KMS::Key';
const REPLICA = 'AWS::KMS::ReplicaKey';
const ALIAS = 'AWS::KMS::Alias';

/** The KMS controls a key in use must meet (each runs on the key types it targets: a replica key gets CICD.KMS.3). */
const KEY_CONTROLS = [kmsKeyRotation, kmsKeyDeletionWindow, kmsKeyPolicyNoPublicPrincipal, kmsKeyNotDisabled];

/** A property of a pipeline resource that names a KMS key. */
interface KeyProperty {
  user: StackResourceView;
  path: string;
}

/** Every place where a pipeline resource names its key. */
function keyProperties(stack: StackView): KeyProperty[] {
  const out: KeyProperty[] = [];
  const buckets = new Map<string, StackResourceView>();
  const secrets = new Map<string, StackResourceView>();
  const bucketLiteral = (value: string, b: StackResourceView): boolean => b.view.get('BucketName') === value;
  /** Buckets and secrets a pipeline or project refers to anywhere in its properties (Ref, Fn::GetAtt, ${…}). */
  const referred = (from: StackResourceView): void => {
    for (const r of stack.references(from.logicalId)) {
      if (r.via === 'DependsOn') continue;
      const res = stack.resource(r.to);
      if (res?.type === BUCKET) buckets.set(res.logicalId, res);
      if (res?.type === SECRET) secrets.set(res.logicalId, res);
    }
  };
  for (const p of stack.resources(PIPELINE)) {
    if (p.view.has('ArtifactStore')) {
      out.push({ user: p, path: 'ArtifactStore.EncryptionKey.Id' });
      for (const rel of followAt(stack, p, 'ArtifactStore.Location', [BUCKET], bucketLiteral)) if (rel.kind === 'resource') buckets.set(rel.resource.logicalId, rel.resource);
    }
    for (const item of p.view.items('ArtifactStores')) {
      out.push({ user: p, path: item.view.pathOf('ArtifactStore.EncryptionKey.Id') });
      for (const rel of followAt(stack, p, item.view.pathOf('ArtifactStore.Location'), [BUCKET], bucketLiteral)) if (rel.kind === 'resource') buckets.set(rel.resource.logicalId, rel.resource);
    }
    referred(p);
  }
  for (const p of stack.resources(PROJECT)) {
    out.push({ user: p, path: 'EncryptionKey' });
    referred(p);
  }
  for (const { group } of projectLogGroups(stack).values()) out.push({ user: group, path: 'KmsKeyId' });
  for (const b of buckets.values()) {
    for (const rule of b.view.items('BucketEncryption.ServerSideEncryptionConfiguration')) out.push({ user: b, path: rule.view.pathOf('ServerSideEncryptionByDefault.KMSMasterKeyID') });
  }
  for (const s of secrets.values()) out.push({ user: s, path: 'KmsKeyId' });
  return out;
}

const aliasLiteral = (value: string, res: StackResourceView): boolean => {
  if (res.type !== ALIAS) return false;
  const name = res.view.get('AliasName');
  return typeof name === 'string' && name !== '' && (value === name || value.endsWith(`:${name}`));
};

const UNSEEN = 'the key is decided only at deployment: its rotation, state, key policy and deletion window cannot be seen';

/** CICD.KMS.4 judges the transition from enabled to disabled; a key in use is judged as if it had been enabled. */
const WAS_ENABLED = new PropertyView({});
const keyOptions = {
  previous: (c: Control) => (c === kmsKeyNotDisabled ? WAS_ENABLED : undefined),
  rewrite: (c: Control) => (c === kmsKeyNotDisabled ? 'Enabled is false: the pipeline resources that use the key cannot encrypt or decrypt with it' : undefined),
};

/**
 * A key outside the stack that `user` names by a literal ARN, key ID or alias at `path` (live lookups on): its
 * `kms.key` fact. An AWS managed key (found by the lookup) fails; otherwise the key is judged by the checks of
 * CICD.KMS.1 (rotation; not when the key cannot rotate) and CICD.KMS.4 (not disabled) over the fact. An
 * AWS-managed alias (`alias/aws/…`) is the customer-managed-key controls' (no lookup); a key in another
 * account is never looked up (TrustedAccountIds); a lookup that failed is reported by the engine at `path`.
 */
function existingKeyFindings(input: StackCheckInput, user: StackResourceView, path: string, value: string, via: string): Finding[] {
  if (!input.facts?.enabled) return [];
  const ref = value.trim();
  const facts = factsFor(input.facts, user.logicalId, path);
  const verdict = classifyKey(ref, facts, path);
  const subject = `the existing key (outside the stack) used by ${via}`;
  if (verdict.kind === 'aws-managed') {
    if (verdict.alias !== LOOKED_UP) return [];
    return [{ logicalId: user.logicalId, path, message: `${subject} is an AWS managed key (KeyManager AWS, found by a lookup), not a customer-managed key: its key policy, rotation and deletion are not the platform's` }];
  }
  if (verdict.kind !== 'cmk') return [];
  const fact = facts.get({ kind: 'kms.key', ref }, path);
  if (!fact) return [];
  const properties: Record<string, unknown> = { Enabled: fact.enabled };
  if (fact.rotation !== undefined) properties.EnableKeyRotation = fact.rotation;
  // a key whose rotation cannot be asked (asymmetric, HMAC, imported material) is not judged for rotation
  const controls = fact.rotation === undefined ? [kmsKeyNotDisabled] : [kmsKeyRotation, kmsKeyNotDisabled];
  return judgeFact(controls, KEY, properties, user, path, input, subject, keyOptions);
}

export const stackPipelineKeys = defineStackControl({
  id: 'CICD.STACK.7',
  slug: 'stack-pipeline-keys',
  ignoresScope: true,
  title: 'The KMS keys of the stack that pipeline resources use rotate, stay enabled, keep their deletion window and have no public key policy',
  resourceTypes: [KEY, REPLICA, ALIAS, PIPELINE, PROJECT, 'AWS::Logs::LogGroup', BUCKET, SECRET],
  severity: 'MEDIUM',
  risks: ['CICD-SEC-7', 'CICD-SEC-9', 'CICD-SEC-10'],
  requirement: 'Everything encrypted with KMS customer-managed keys with rotation on (enterprise CI/CD guidance); the keys that protect artifacts, logs and secrets stay usable, recoverable and private.',
  rationale:
    'The customer-managed-key controls accept any key that is not AWS-managed; whether that key rotates, is enabled, can be deleted at short notice or is open to every account is a property of the key. At stack level the keys pipeline resources use are followed through the template (Ref, Fn::GetAtt Arn/KeyId, Fn::Sub, an alias of the stack by Ref or literal name and its TargetKeyId, each branch of an Fn::If): every ArtifactStore(s) EncryptionKey of a pipeline, a project\'s EncryptionKey, the KmsKeyId of the log groups projects write to (CICD.STACK.6), the SSE key of the artifact buckets and of every bucket a pipeline or project refers to, and the KmsKeyId of every secret they refer to. A key of the stack is judged with the checks of CICD.KMS.1 (rotation), CICD.KMS.2 (deletion window), CICD.KMS.3 (key policy) and CICD.KMS.4 (a key in use is not disabled: Enabled false fails here on create too, since the resources that use it cannot encrypt or decrypt). A key reference the template does not decide (a parameter, an import) is UNKNOWN. A literal key ARN, key ID or alias that names a key outside the stack (here or as an alias\'s TargetKeyId) is, with live lookups, looked up (kms:DescribeKey, kms:GetKeyRotationStatus): an AWS managed key fails, and the key is judged by the checks of CICD.KMS.1 (rotation, where the key can rotate) and CICD.KMS.4 (not disabled); a lookup that cannot be answered follows LookupFailureMode, a key in another account is judged by TrustedAccountIds and never looked up. Without lookups such a key is judged where it is defined, not here; an AWS-managed alias (alias/aws/…) fails the customer-managed-key controls of the resource that names it.',
  remediation:
    'On the key the pipeline resources use: EnableKeyRotation: true, no Enabled: false, PendingWindowInDays absent or at least MinimumKeyDeletionWindowDays, and no key-policy statement that allows "*" without a condition limiting the caller; define the key in the pipeline\'s stack or pass it so that the template names it.',
  cdkHint: "new kms.Key(this, 'ArtifactKey', { enableKeyRotation: true }) (pendingWindow unset or Duration.days(30); no enabled: false)",
  parameters: ['MinimumKeyDeletionWindowDays'],
  checkStack(input) {
    const { stack } = input;
    const keys = new Map<string, { key: StackResourceView; uses: Use[] }>();
    const add = (key: StackResourceView, use: Use): void => {
      const entry = keys.get(key.logicalId);
      if (entry) entry.uses.push(use);
      else keys.set(key.logicalId, { key, uses: [use] });
    };
    const findings: Finding[] = [];
    const external = new Set<string>();
    /** A key outside the stack, judged once per place that names it. */
    const outside = (user: StackResourceView, path: string, value: string, via: string): void => {
      const at = `${user.logicalId}\u0000${path}\u0000${value}`;
      if (external.has(at)) return;
      external.add(at);
      findings.push(...existingKeyFindings(input, user, path, value, via));
    };
    for (const { user, path } of keyProperties(stack)) {
      for (const rel of followAt(stack, user, path, [KEY, REPLICA, ALIAS], aliasLiteral)) {
        if (rel.kind === 'unresolved') stack.unknown(user.logicalId, path, UNSEEN);
        // external: a key outside the stack, judged by its fact (lookups on)
        if (rel.kind === 'external') outside(user, path, rel.value, `${user.logicalId} (${path})`);
        if (rel.kind !== 'resource') continue; // absent: the CMK controls judge it
        if (rel.resource.type !== ALIAS) {
          add(rel.resource, { by: user.logicalId, path });
          continue;
        }
        const alias = rel.resource;
        for (const target of followAt(stack, alias, 'TargetKeyId', [KEY, REPLICA])) {
          if (target.kind === 'unresolved') stack.unknown(alias.logicalId, 'TargetKeyId', UNSEEN);
          if (target.kind === 'external') outside(alias, 'TargetKeyId', target.value, `${user.logicalId} (${path} through alias ${alias.logicalId})`);
          if (target.kind === 'resource') add(target.resource, { by: user.logicalId, path: `${path} through alias ${alias.logicalId}` });
        }
      }
    }
    for (const { key, uses } of keys.values()) {
      findings.push(...judgeWith(KEY_CONTROLS, key, input, `the key used by ${describeUses(uses)}`, keyOptions));
    }
    return findings;
  },
});
