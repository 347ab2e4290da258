import { PropertyView } from '../../predicates/view';
import { kmsKeyDeletionWindow } from '../kms/kms-key-deletion-window';
import { kmsKeyNotDisabled } from '../kms/kms-key-not-disabled';
import { kmsKeyPolicyNoPublicPrincipal } from '../kms/kms-key-policy-no-public-principal';
import { kmsKeyRotation } from '../kms/kms-key-rotation';
import { defineStackControl, type Finding, type StackResourceView, type StackView } from '../types';
import { describeUses, judgeWith, type Use } from './judge-with';
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
    'The customer-managed-key controls accept any key that is not AWS-managed; whether that key rotates, is enabled, can be deleted at short notice or is open to every account is a property of the key. At stack level the keys pipeline resources use are followed through the template (Ref, Fn::GetAtt Arn/KeyId, Fn::Sub, an alias of the stack by Ref or literal name and its TargetKeyId, each branch of an Fn::If): every ArtifactStore(s) EncryptionKey of a pipeline, a project\'s EncryptionKey, the KmsKeyId of the log groups projects write to (CICD.STACK.6), the SSE key of the artifact buckets and of every bucket a pipeline or project refers to, and the KmsKeyId of every secret they refer to. A key of the stack is judged with the checks of CICD.KMS.1 (rotation), CICD.KMS.2 (deletion window), CICD.KMS.3 (key policy) and CICD.KMS.4 (a key in use is not disabled: Enabled false fails here on create too, since the resources that use it cannot encrypt or decrypt). A key reference the template does not decide (a parameter, an import) is UNKNOWN; a literal key ARN or AWS-managed alias names a key outside the stack, judged where it is defined (not here).',
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
    for (const { user, path } of keyProperties(stack)) {
      for (const rel of followAt(stack, user, path, [KEY, REPLICA, ALIAS], aliasLiteral)) {
        if (rel.kind === 'unresolved') stack.unknown(user.logicalId, path, UNSEEN);
        if (rel.kind !== 'resource') continue; // absent: the CMK controls judge it; external: a key outside the stack
        if (rel.resource.type !== ALIAS) {
          add(rel.resource, { by: user.logicalId, path });
          continue;
        }
        const alias = rel.resource;
        for (const target of followAt(stack, alias, 'TargetKeyId', [KEY, REPLICA])) {
          if (target.kind === 'unresolved') stack.unknown(alias.logicalId, 'TargetKeyId', UNSEEN);
          if (target.kind === 'resource') add(target.resource, { by: user.logicalId, path: `${path} through alias ${alias.logicalId}` });
        }
      }
    }
    const findings: Finding[] = [];
    // CICD.KMS.4 judges the transition from enabled to disabled; a key in use is judged as if it had been enabled
    const enabled = new PropertyView({});
    for (const { key, uses } of keys.values()) {
      findings.push(
        ...judgeWith(KEY_CONTROLS, key, input, `the key used by ${describeUses(uses)}`, {
          previous: (c) => (c === kmsKeyNotDisabled ? enabled : undefined),
          rewrite: (c) => (c === kmsKeyNotDisabled ? 'Enabled is false: the pipeline resources that use the key cannot encrypt or decrypt with it' : undefined),
        }),
      );
    }
    return findings;
  },
});
