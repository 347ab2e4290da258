import { changeRightsOf, describeChangeRights, type ChangeRight } from '../../predicates/change-rights';
import { judgeOperator, judgeValue } from '../../predicates/conditions';
import { globMatch } from '../../predicates/glob';
import { isEveryonePrincipal, parsePolicy, type Statement } from '../../predicates/policy';
import { lambdaPermissionPolicy, rawStatements, statementLabel, unresolvedPrincipalPaths } from '../../predicates/resource-policy';
import { isDynamicReference, isIntrinsic } from '../../predicates/values';
import { defineControl, type Finding, type ResourceView } from '../types';

/**
 * Where each resource type keeps its resource policy and which service's actions that policy can grant (a
 * bucket policy grants s3 actions on its bucket, a key policy kms actions on its key, ...). `required`: the
 * type cannot exist without it (CloudFormation requires the property), so a missing one fails closed; an
 * absent optional policy grants nothing (an absent KeyPolicy is the AWS default: the account root).
 * `s3`: how a resource pattern of the policy reaches the bucket or access point itself rather than objects.
 */
interface PolicyPlace {
  readonly path: string;
  readonly service: string;
  readonly required: boolean;
  readonly s3?: 'bucket' | 'accesspoint';
}

export const RESOURCE_POLICY_PLACES: Readonly<Record<string, PolicyPlace>> = {
  'AWS::S3::BucketPolicy': { path: 'PolicyDocument', service: 's3', required: true, s3: 'bucket' },
  'AWS::S3::AccessPoint': { path: 'Policy', service: 's3', required: false, s3: 'accesspoint' },
  'AWS::KMS::Key': { path: 'KeyPolicy', service: 'kms', required: false },
  'AWS::KMS::ReplicaKey': { path: 'KeyPolicy', service: 'kms', required: true },
  'AWS::ECR::Repository': { path: 'RepositoryPolicyText', service: 'ecr', required: false },
  'AWS::ECR::RegistryPolicy': { path: 'PolicyText', service: 'ecr', required: true },
  'AWS::ECR::RepositoryCreationTemplate': { path: 'RepositoryPolicy', service: 'ecr', required: false },
  'AWS::CodeArtifact::Domain': { path: 'PermissionsPolicyDocument', service: 'codeartifact', required: false },
  'AWS::CodeArtifact::Repository': { path: 'PermissionsPolicyDocument', service: 'codeartifact', required: false },
  'AWS::SecretsManager::ResourcePolicy': { path: 'ResourcePolicy', service: 'secretsmanager', required: true },
};

const LAMBDA_PERMISSION = 'AWS::Lambda::Permission';

/** Who may hold change rights: the account the change is made in (root or bare ID) and AllowedChangeRightPrincipals. */
interface Allowed {
  accountId: string;
  globs: readonly string[];
}

const WILD = /[*?]/;

/** The account itself: `123456789012` or `arn:<partition>:iam::123456789012:root` (delegation to its IAM policies). */
function isOwnAccount(value: string, allowed: Allowed): boolean {
  const v = value.trim();
  if (allowed.accountId === '') return false;
  if (v === allowed.accountId) return true;
  const m = /^arn:[a-z-]+:iam::([0-9]{12}):root$/.exec(v);
  return m !== null && m[1] === allowed.accountId;
}

/**
 * Does a configured glob admit a principal value? A value that is itself a pattern (`role/deploy-*`) is
 * admitted only by globs made of `*` and literals that match it as text: then every principal the value
 * stands for is matched by the glob too.
 */
function matchesAllowed(value: string, allowed: Allowed): boolean {
  const v = value.trim();
  if (isOwnAccount(v, allowed)) return true;
  const patterned = WILD.test(v);
  return allowed.globs.some((g) => (!patterned || !g.includes('?')) && globMatch(g, v));
}

/**
 * `allowed`: a positive condition on aws:PrincipalArn (StringEquals/Like, ArnEquals/Like, not IfExists or
 * ForAllValues) whose every value is a concrete allowed principal: whatever the Principal says, only those
 * callers get the rights. `unresolved`: such an entry holds a value the template does not resolve.
 */
function principalArnPin(condition: Record<string, unknown> | undefined, allowed: Allowed): 'allowed' | 'unresolved' | 'none' {
  if (!condition) return 'none';
  let result: 'unresolved' | 'none' = 'none';
  for (const [op, block] of Object.entries(condition)) {
    const verdict = judgeOperator(op);
    const family = verdict.rule?.family;
    if (!verdict.positive || (family !== 'string-exact' && family !== 'string-like' && family !== 'arn')) continue;
    if (isIntrinsic(block)) {
      result = 'unresolved';
      continue;
    }
    if (block === null || typeof block !== 'object' || Array.isArray(block)) continue;
    for (const [key, raw] of Object.entries(block as Record<string, unknown>)) {
      if (key.trim().toLowerCase() !== 'aws:principalarn') continue;
      if (isIntrinsic(raw) || isDynamicReference(raw)) {
        result = 'unresolved';
        continue;
      }
      const values = Array.isArray(raw) ? raw : [raw];
      if (values.length === 0) continue;
      let all = true;
      for (const v of values) {
        const verdictOfValue = judgeValue(v, key, family);
        if (verdictOfValue === 'unresolved') result = 'unresolved';
        if (verdictOfValue !== 'narrows' || typeof v !== 'string' || !matchesAllowed(v, allowed)) all = false;
      }
      if (all) return 'allowed';
    }
  }
  return result;
}

/** How a message names a principal: ARNs, account IDs and service names as written; anything else by its type only. */
function principalName(type: string, value: string): string {
  const v = value.trim();
  if (/^arn:[a-z-]+:[a-z0-9-]*:[a-z0-9-]*:[0-9*?]*:[A-Za-z0-9_+=,.@/:*?-]{0,200}$/.test(v) || /^[0-9]{12}$/.test(v)) return `principal ${v}`;
  if (type === 'Service' && /^[a-z0-9.-]{1,100}$/i.test(v)) return `service principal ${v}`;
  return `a principal of type ${type}`;
}

interface PrincipalVerdict {
  /** Principals that are neither the account nor allowed, as messages name them. */
  offenders: string[];
  /** The principal (or the aws:PrincipalArn condition that would pin it) is not resolvable from the template. */
  unresolved: boolean;
  pinUnresolved: boolean;
}

function judgePrincipals(st: Statement, allowed: Allowed): PrincipalVerdict {
  const pin = principalArnPin(st.condition, allowed);
  if (pin === 'allowed') return { offenders: [], unresolved: false, pinUnresolved: false };
  const offenders: string[] = [];
  if (st.notPrincipal) offenders.push('everyone but the NotPrincipal');
  else if (!st.hasPrincipal) offenders.push('no named Principal (whom it grants cannot be told)');
  for (const id of st.notPrincipal ? [] : st.principals) {
    if (isEveryonePrincipal(id)) {
      offenders.push('any principal ("*" or a wildcard account) with no aws:PrincipalArn condition naming allowed principals');
      continue;
    }
    const colon = id.indexOf(':');
    const type = colon === -1 ? 'AWS' : id.slice(0, colon);
    const value = colon === -1 ? id : id.slice(colon + 1);
    if (matchesAllowed(value, allowed)) continue;
    offenders.push(principalName(type, value));
  }
  return { offenders: [...new Set(offenders)], unresolved: st.unresolved.includes('Principal'), pinUnresolved: pin === 'unresolved' };
}

/**
 * Can a resource pattern of an S3 policy reach the bucket (or access point) itself? Bucket ARNs have no `/`
 * (`arn:aws:s3:::name`): a pattern with a `/` in its resource part names objects only, and the bucket-level
 * change rights (PutBucketPolicy, DeleteBucket, Put…Configuration) do not apply to objects. An access point's
 * objects are `…:accesspoint/<name>/object/<key>`. Anything else (`*`, a pattern without an ARN's shape) may.
 */
function reachesContainer(resource: string, kind: 'bucket' | 'accesspoint'): boolean {
  const parts = resource.trim().split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return true;
  const rest = parts.slice(5).join(':');
  return kind === 'bucket' ? !rest.includes('/') : !rest.includes('/object/');
}

const onWhat = (st: Statement): string => (st.resources.length === 0 ? '' : ` on ${st.notResource ? 'NotResource ' : ''}${st.resources.slice(0, 2).join(', ')}${st.resources.length > 2 ? ', …' : ''}`);

function rightsText(hits: readonly ChangeRight[]): string {
  return `out-of-band change right${hits.length > 1 ? 's' : ''} ${describeChangeRights(hits)}`;
}

const BYPASS = 'the guarded resource can be changed through the API, bypassing this hook';

function documentFindings(view: ResourceView, place: PolicyPlace, allowed: Allowed): Finding[] {
  const { path } = place;
  const raw = view.get(path);
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
    return place.required ? [{ path, message: `${path} is missing or empty, so who may change the resource cannot be checked` }] : [];
  }
  if (isIntrinsic(raw)) {
    view.obj(path); // records the path as UNKNOWN
    return [];
  }
  if (isDynamicReference(raw)) {
    view.unknown(path, 'a dynamic reference is resolved only at deployment');
    return [];
  }
  const parsed = parsePolicy(raw);
  if (parsed.error) return [{ path, message: `${path}: ${parsed.error}` }];
  const findings: Finding[] = [];
  let raws: unknown[] | undefined;
  for (const st of parsed.statements) {
    if (st.effect === 'Deny') continue;
    const at = `${path}.Statement[${st.index}]`;
    const hits = changeRightsOf(st, [place.service]);
    if (hits.length === 0) {
      if (st.unresolved.includes('Action')) view.unknown(`${at}.Action`, "the statement's Action is not resolvable from the template");
      continue;
    }
    const verdict = judgePrincipals(st, allowed);
    if (verdict.offenders.length === 0 && !verdict.unresolved) continue;
    if (place.s3 && !st.notResource && (st.resources.length > 0 || st.unresolved.includes('Resource'))) {
      const kind = place.s3;
      if (!st.resources.some((r) => reachesContainer(r, kind))) {
        if (!st.unresolved.includes('Resource')) continue; // objects only: no bucket-level change right
        view.unknown(`${at}.Resource`, 'a Resource is not resolvable from the template (it may name the bucket itself)');
      }
    }
    if (verdict.unresolved) {
      raws ??= rawStatements(raw);
      const paths = unresolvedPrincipalPaths(raws[st.index]);
      for (const p of paths.length > 0 ? paths : ['Principal']) view.unknown(`${at}.${p}`, 'a principal is not resolvable from the template (it may be one that is not allowed)');
    }
    if (verdict.pinUnresolved) view.unknown(`${at}.Condition`, 'the aws:PrincipalArn condition is not resolvable from the template');
    if (st.effect === 'Unknown' && st.unresolved.includes('Effect')) view.unknown(`${at}.Effect`, "the statement's Effect is not resolvable from the template");
    const who = verdict.offenders.length > 0 ? verdict.offenders.slice(0, 3).join(', ') + (verdict.offenders.length > 3 ? ` and ${verdict.offenders.length - 3} more` : '') : 'a principal the template does not resolve';
    const effect = st.effect === 'Unknown' ? ' (its Effect is neither Allow nor Deny, so it is judged as Allow)' : '';
    findings.push({ path: at, message: `${path}.${statementLabel(st)} grants ${rightsText(hits)}${onWhat(st)} to ${who}${effect}: ${BYPASS}` });
  }
  return findings;
}

/** AWS::Lambda::Permission: the one statement Lambda writes for it, judged like any other resource policy, reported at Principal. */
function permissionFindings(view: ResourceView, allowed: Allowed): Finding[] {
  const rawAction = view.get('Action');
  if (isIntrinsic(rawAction) || isDynamicReference(rawAction)) {
    view.str('Action'); // records UNKNOWN
    return [];
  }
  const [st] = parsePolicy(lambdaPermissionPolicy(view.properties)).statements;
  if (!st) return [];
  const hits = changeRightsOf(st, ['lambda']);
  if (hits.length === 0) return [];
  const verdict = judgePrincipals(st, allowed);
  if (verdict.offenders.length === 0 && !verdict.unresolved) return [];
  if (verdict.unresolved) {
    view.unknown('Principal', 'the principal is not resolvable from the template (it may be one that is not allowed)');
    return [{ path: 'Principal', message: `Action and Principal grant ${rightsText(hits)} to a principal the template does not resolve: ${BYPASS}` }];
  }
  return [{ path: 'Principal', message: `Action and Principal grant ${rightsText(hits)} to ${verdict.offenders.join(', ')}: ${BYPASS}` }];
}

export const resourcePolicyNoOutOfBandChangeRights = defineControl({
  id: 'CICD.IAM.21',
  slug: 'resource-policy-no-out-of-band-change-rights',
  title: 'No resource policy grants the rights to change the guarded resource through the API to a principal the platform does not allow',
  resourceTypes: [...Object.keys(RESOURCE_POLICY_PLACES), LAMBDA_PERMISSION],
  severity: 'HIGH',
  risks: ['CICD-SEC-1', 'CICD-SEC-2'],
  requirement: 'The CI/CD resources this hook guards are changed only through CloudFormation, where the hook sees the change: no bucket, key, registry, repository or secret policy and no Lambda permission hands the rights to change them to another principal.',
  rationale:
    'CICD.IAM.20 keeps change rights out of identity policies; a resource policy grants the same rights directly. A bucket policy allowing s3:PutBucketPolicy, s3:PutLifecycleConfiguration, s3:PutEncryptionConfiguration or s3:DeleteBucket, a key policy allowing kms:PutKeyPolicy, kms:ScheduleKeyDeletion or kms:DisableKey, an ECR repository or registry policy allowing ecr:SetRepositoryPolicy, ecr:DeleteRepository or ecr:PutImageTagMutability, a Secrets Manager policy allowing secretsmanager:PutResourcePolicy, DeleteSecret or UpdateSecret, a CodeArtifact domain or repository policy allowing its write or permissions-management actions, or a Lambda permission for lambda:UpdateFunctionCode lets that principal change the compliant resource after deployment, out of band. The actions are the same table as CICD.IAM.20 (CHANGE_RIGHT_SERVICES in src/predicates/change-rights.ts, from the IAM catalogue by access level), restricted to the service the policy belongs to; patterns are judged by what they match (s3:Put*, kms:*, *, ?, NotAction). Every Allow statement (and one whose Effect cannot be read) is judged; Deny statements grant nothing. Allowed by default: the account the change is made in, as arn:<partition>:iam::<account>:root or its bare account ID: that delegates to the account\'s IAM policies, which CICD.IAM.20 judges, and it is the AWS default key policy and CDK\'s (account root, kms:*), so it passes. Every other principal fails unless it matches AllowedChangeRightPrincipals: a role or user ARN (also of the same account: a key policy grant needs no IAM policy), another account (also a trusted or production one), a service principal, Principal "*", a wildcard account or NotPrincipal. A condition does not make "*" safe unless it is a positive aws:PrincipalArn condition whose every value is allowed: aws:PrincipalOrgID, aws:PrincipalAccount or aws:SourceAccount still hand the rights to every principal of an organisation or account, and IfExists, negated operators, wildcard values and policy variables narrow nothing (the one condition predicate). In an S3 policy a statement whose resources are only objects (arn:aws:s3:::bucket/*) grants no bucket-level right and passes (CDK grantRead/grantReadWrite/grantPut/grantDelete and ECR grantPull/grantPullPush, Secrets Manager grantRead, KMS grantEncryptDecrypt and Lambda grantInvoke grant no change right and pass). CDK autoDeleteObjects: true grants its provider role s3:PutBucketPolicy in the bucket policy and fails: that function can rewrite the policy; allow the role by name in AllowedChangeRightPrincipals when that is accepted. A principal, action or resource the template does not resolve is UNKNOWN; a missing policy where the type requires one (bucket policy, replica key, registry policy, secret resource policy) and an unreadable document fail; an absent KeyPolicy is the AWS default and passes.',
  remediation:
    'Grant the principal only what it uses (s3:GetObject/PutObject on bucket/*, kms:Decrypt/Encrypt/GenerateDataKey*, ecr:BatchGetImage, secretsmanager:GetSecretValue, lambda:InvokeFunction) and keep policy, configuration and deletion rights with the account root (arn:aws:iam::<account>:root), which the account\'s IAM policies then govern; for a platform administrator role that must keep them, ask the platform team to add its ARN to AllowedChangeRightPrincipals in the hook configuration.',
  cdkHint: "key.grantEncryptDecrypt(role) and bucket.grantReadWrite(role) instead of key.grantAdmin(role) or bucket.addToResourcePolicy(new iam.PolicyStatement({ actions: ['s3:*'], principals: [role] }))",
  parameters: ['AllowedChangeRightPrincipals'],
  check({ resource, resourceType, settings, accountId }) {
    const allowed: Allowed = { accountId: accountId.trim(), globs: settings.AllowedChangeRightPrincipals ?? [] };
    if (resourceType === LAMBDA_PERMISSION) return permissionFindings(resource, allowed);
    const place = RESOURCE_POLICY_PLACES[resourceType];
    return place === undefined ? [] : documentFindings(resource, place, allowed);
  },
});
