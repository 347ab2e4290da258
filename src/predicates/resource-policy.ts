/**
 * Resource policies (S3 bucket, access point, multi-Region and Object Lambda access point and directory bucket
 * policies, KMS key, ECR repository and registry, CodeArtifact domain and repository, Secrets Manager policies):
 * which statements open the resource to anyone. A statement is public when it may allow (Effect
 * Allow, or an Effect that cannot be read: fail closed) any principal (`*`, `{"AWS": "*"}`, a wildcard-account
 * principal such as `arn:aws:iam::*:root`, NotPrincipal) and no condition narrows the caller, as judged by the
 * one condition predicate (conditions.ts: positive operators on caller-identifying keys with concrete values).
 */
import { statementNarrowing } from './conditions';
import { isAnyPrincipal, parsePolicy, type Statement } from './policy';
import { looksLikeSecretValue } from './secret';
import { ObjectView } from './object-view';
import { isDynamicReference, isIntrinsic, isRecord, ownCI } from './values';
import type { Finding, ResourceView } from '../model';

/**
 * Every S3 type whose policy opens a bucket's objects: the bucket policy, an access point, a multi-Region access
 * point (over buckets in several regions), an Object Lambda access point, a directory bucket (S3 Express One
 * Zone) and a directory bucket's access point. Their policy paths are in RESOURCE_POLICY_PATH.
 */
export const S3_POLICY_TYPES = [
  'AWS::S3::BucketPolicy',
  'AWS::S3::AccessPoint',
  'AWS::S3::MultiRegionAccessPointPolicy',
  'AWS::S3ObjectLambda::AccessPointPolicy',
  'AWS::S3Express::BucketPolicy',
  'AWS::S3Express::AccessPoint',
] as const;

/**
 * Where each resource type that carries a resource (or trust) policy document keeps it: the one table the public-policy
 * rule (CICD.S3.6) and the trusted-accounts rule (CICD.ACCOUNTS.1) read, so that a type added here is judged by
 * both. (CICD.IAM.21 keeps its own table: it also needs the service each policy grants.)
 */
export const RESOURCE_POLICY_PATH: Readonly<Record<string, string>> = {
  'AWS::IAM::Role': 'AssumeRolePolicyDocument',
  'AWS::KMS::Key': 'KeyPolicy',
  'AWS::KMS::ReplicaKey': 'KeyPolicy',
  'AWS::S3::BucketPolicy': 'PolicyDocument',
  'AWS::S3::AccessPoint': 'Policy',
  'AWS::S3::MultiRegionAccessPointPolicy': 'Policy',
  'AWS::S3ObjectLambda::AccessPointPolicy': 'PolicyDocument',
  'AWS::S3Express::BucketPolicy': 'PolicyDocument',
  'AWS::S3Express::AccessPoint': 'Policy',
  'AWS::ECR::Repository': 'RepositoryPolicyText',
  'AWS::ECR::RegistryPolicy': 'PolicyText',
  'AWS::CodeArtifact::Domain': 'PermissionsPolicyDocument',
  'AWS::CodeArtifact::Repository': 'PermissionsPolicyDocument',
  'AWS::SecretsManager::ResourcePolicy': 'ResourcePolicy',
  // a public registry repository: pulling is public by design; its policy decides who may push (publish) images
  'AWS::ECR::PublicRepository': 'RepositoryPolicyText',
  // who may put events onto the bus whose rules start builds and pipelines (EventBusPolicy: one statement, or the
  // older Principal / Action / Condition properties; read through resourcePolicyOf)
  'AWS::Events::EventBus': 'Policy',
  'AWS::Events::EventBusPolicy': 'Statement',
  // pipeline approval and notification topics, and queues (an AWS::SNS::Topic or AWS::SQS::Queue has no inline policy)
  'AWS::SNS::TopicPolicy': 'PolicyDocument',
  'AWS::SQS::QueuePolicy': 'PolicyDocument',
};

/**
 * Event bus, topic and queue policies (CICD.EVENTS.2): their paths are in RESOURCE_POLICY_PATH. The policy-only
 * resources (bus policy, topic policy, queue policy) cannot exist without their document; a bus's Policy is optional.
 */
export const MESSAGING_POLICY_TYPES = ['AWS::Events::EventBus', 'AWS::Events::EventBusPolicy', 'AWS::SNS::TopicPolicy', 'AWS::SQS::QueuePolicy'] as const;

/** A resource's policy as a document at `path` of `view`, and how to map a finding on it back to the resource. */
export interface ResourcePolicyDocument {
  view: ResourceView;
  path: string;
  back(finding: Finding): Finding;
}

const SYNTHETIC = 'Policy';

/** A JSON string statement as an object, or the string itself when it is not JSON (then unreadable: fails). */
function parseOr(v: string): unknown {
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
}

function statementString(v: string): string {
  return `{"Statement":[${v}]}`;
}

/**
 * AWS::Events::EventBusPolicy as the policy EventBridge writes for it: its Statement (one statement, object or JSON
 * string) and, when Principal is set, the older form (Principal: an account ID or "*"; Action, events:PutEvents by
 * default; Condition {Type, Key, Value}, e.g. StringEquals aws:PrincipalOrgID). Both, if both are written (fail
 * closed). Paths and messages are mapped back to the properties (`Statement…`, `Principal`, `Condition`).
 */
function eventBusPolicyDocument(resource: ResourceView): ResourcePolicyDocument {
  const p = resource.properties;
  const statement = p.Statement;
  const legacy = p.Principal !== undefined && p.Principal !== null && p.Principal !== '';
  const hasStatement = !isAbsent(statement);
  const kinds: Array<'statement' | 'legacy'> = [];
  let doc: unknown;
  /** Where an unresolved part of the older Condition {Type, Key, Value} is (the whole Condition, or one field). */
  let conditionPath = 'Condition';
  if (hasStatement && !legacy && (isIntrinsic(statement) || isDynamicReference(statement))) doc = statement; // UNKNOWN as a whole
  else {
    const parts: unknown[] = [];
    if (hasStatement) {
      kinds.push('statement');
      parts.push(statement);
    }
    if (legacy) {
      kinds.push('legacy');
      const principal = p.Principal;
      const block = typeof principal === 'string' ? (principal.trim() === '*' ? '*' : { AWS: principal.trim() }) : { AWS: principal };
      const c = p.Condition;
      let condition: unknown;
      if (isRecord(c) && !isIntrinsic(c)) {
        const type = ownCI(c, 'Type');
        const key = ownCI(c, 'Key');
        const value = ownCI(c, 'Value');
        condition = typeof type === 'string' && typeof key === 'string' ? { [type]: { [key]: value } } : isIntrinsic(type) ? type : isIntrinsic(key) ? key : { Unreadable: {} };
        const field = Object.keys(c).find((k) => ['type', 'key', 'value'].includes(k.toLowerCase()) && (isIntrinsic(c[k]) || isDynamicReference(c[k])));
        if (field !== undefined) conditionPath = `Condition.${field}`;
      } else if (c !== undefined && c !== null) condition = c;
      // an object, not a JSON string: an intrinsic in it stays an intrinsic (UNKNOWN)
      parts.push({ Effect: 'Allow', Principal: block, Action: p.Action ?? 'events:PutEvents', ...(condition === undefined ? {} : { Condition: condition }) });
    }
    if (parts.length === 1 && typeof statement === 'string' && hasStatement) {
      // a JSON string statement is parsed as written (invalid JSON and duplicate keys fail as in every policy)
      doc = statementString(statement);
    } else if (parts.length > 0) {
      doc = { Statement: parts.map((x) => (typeof x === 'string' ? parseOr(x) : x)) };
    }
  }
  // in the older form alone the resource is the statement: a finding on the whole statement is at the root ('',
  // so that an UNKNOWN principal or condition explains it); in messages it is named by its Principal
  const where = (index: number, rest: string, forMessage = false): string => {
    const kind = kinds[index];
    if (kind === 'legacy') {
      if (/^\.Condition/i.test(rest)) return conditionPath;
      if (/^\.Action/i.test(rest)) return 'Action';
      if (/^\.Principal/i.test(rest) || forMessage || kinds.length > 1) return 'Principal';
      return '';
    }
    return `Statement${rest}`;
  };
  const mapPath = (path: string, forMessage = false): string => {
    const m = /^Policy(?:\.Statement\[(\d+)\](.*))?$/.exec(path);
    if (!m) return path;
    if (m[1] === undefined) return kinds.length === 1 && kinds[0] === 'legacy' ? (forMessage ? 'Principal' : '') : 'Statement';
    return where(Number(m[1]), m[2] ?? '', forMessage);
  };
  const mapText = (text: string): string =>
    text.replace(/(?<![A-Za-z0-9_.])Policy(?:(\.Statement\[\d+\](?:\.[A-Za-z][\w:.\[\]-]*)?)| (Statement\[(\d+)\]))?/g, (_all, dotted: string | undefined, _label, labelIndex: string | undefined) => {
      if (dotted !== undefined) return mapPath(`Policy${dotted}`, true);
      if (labelIndex !== undefined) return where(Number(labelIndex), '', true);
      return mapPath('Policy', true);
    });
  const view = new ObjectView(doc === undefined ? {} : { [SYNTHETIC]: doc }, (path, why) => resource.unknown(mapPath(path), why));
  return { view, path: SYNTHETIC, back: (f) => ({ ...f, path: mapPath(f.path), message: mapText(f.message) }) };
}

/** The policy document of a RESOURCE_POLICY_PATH type (undefined for any other type). */
export function resourcePolicyOf(resource: ResourceView, resourceType: string): ResourcePolicyDocument | undefined {
  if (resourceType === 'AWS::Events::EventBusPolicy') return eventBusPolicyDocument(resource);
  const path = RESOURCE_POLICY_PATH[resourceType];
  return path === undefined ? undefined : { view: resource, path, back: (f) => f };
}

export interface PublicStatement {
  statement: Statement;
  /** The only thing keeping it from passing is a condition value the template cannot resolve. */
  unresolved: boolean;
  /** The Effect is not Allow or Deny as written (an intrinsic, a misspelling, absent): judged as Allow. */
  effectUnknown: boolean;
  /**
   * The principal is not known to be everyone, but part of it is not resolvable from the template
   * (`Principal: {Ref: P}`, `{"AWS": {Ref: Q}}`, an intrinsic in a principal list): it may be everyone.
   */
  principalUnresolved: boolean;
}

export interface PublicAccess {
  /** Set when the document is not a policy (unparsable JSON, no Statement). */
  error?: string;
  statements: PublicStatement[];
}

/**
 * Statements that may allow any principal without a condition narrowing the caller. Only a readable Deny
 * is left out: an Effect that is not Allow or Deny (unresolved, misspelt, absent) counts as Allow, and a
 * principal the template does not resolve may be anyone (`principalUnresolved`).
 */
export function publicAllowStatements(doc: unknown): PublicAccess {
  const parsed = parsePolicy(doc);
  if (parsed.error) return { error: parsed.error, statements: [] };
  const statements: PublicStatement[] = [];
  for (const st of parsed.statements) {
    if (st.effect === 'Deny') continue;
    const everyone = isAnyPrincipal(st);
    const principalUnresolved = !everyone && st.unresolved.includes('Principal');
    if (!everyone && !principalUnresolved) continue;
    const narrowing = statementNarrowing(st);
    if (narrowing !== 'narrows') statements.push({ statement: st, unresolved: narrowing === 'unresolved', effectUnknown: st.effect === 'Unknown', principalUnresolved });
  }
  return { statements };
}

/** `Statement[2]` or `Statement[2] (Sid PublicPull)`, for messages. */
export function statementLabel(st: Statement): string {
  const sid = st.sid !== undefined && /^[A-Za-z0-9_-]{1,64}$/.test(st.sid) && !looksLikeSecretValue(st.sid) ? ` (Sid ${st.sid})` : '';
  return `Statement[${st.index}]${sid}`;
}

function isAbsent(raw: unknown): boolean {
  return raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
}

/** The raw statements of a policy document (object or JSON string), as written; [] when unreadable. */
export function rawStatements(doc: unknown): unknown[] {
  let d = doc;
  if (typeof d === 'string') {
    try {
      d = JSON.parse(d);
    } catch {
      return [];
    }
  }
  if (!isRecord(d)) return [];
  const raw = ownCI(d, 'Statement');
  return raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
}

/**
 * Relative paths of the parts of a statement's principal the template does not resolve: `Principal`
 * (the whole block is an intrinsic), `Principal.AWS` (its value is), `Principal.AWS[1]` (one list entry is).
 * Keys are named as the statement spells them (`principal` stays `principal`).
 */
export function unresolvedPrincipalPaths(rawStatement: unknown): string[] {
  if (!isRecord(rawStatement)) return [];
  const key = Object.keys(rawStatement).find((k) => k.toLowerCase() === 'notprincipal') ?? Object.keys(rawStatement).find((k) => k.toLowerCase() === 'principal');
  if (key === undefined) return [];
  const p = rawStatement[key];
  if (p === undefined || p === null || typeof p === 'string') return [];
  if (isIntrinsic(p) || !isRecord(p)) return Array.isArray(p) ? p.flatMap((x, i) => (typeof x === 'string' ? [] : [`${key}[${i}]`])) : [key];
  const out: string[] = [];
  for (const [type, value] of Object.entries(p)) {
    if (value === undefined || value === null || typeof value === 'string') continue;
    if (Array.isArray(value)) value.forEach((x, i) => typeof x !== 'string' && out.push(`${key}.${type}[${i}]`));
    else out.push(`${key}.${type}`);
  }
  return out;
}

/**
 * Findings for a resource-policy property (`RepositoryPolicyText`, `PermissionsPolicyDocument`, ...):
 * public Allow statements, or a document that cannot be read. `required`: an absent document fails
 * (a registry policy resource without its policy cannot be evaluated). The deployed state is the engine's
 * business (it marks findings new with an UPDATE). A statement whose principal the template does not
 * resolve is a finding explained by an UNKNOWN at the principal's path: never a PASS.
 */
export function publicPolicyFindings(resource: ResourceView, path: string, required = false): Finding[] {
  const raw = resource.get(path);
  if (isAbsent(raw)) return required ? [{ path, message: `${path} is missing or empty, so the policy cannot be checked` }] : [];
  if (isIntrinsic(raw)) {
    resource.obj(path); // records the path as UNKNOWN
    return [];
  }
  if (isDynamicReference(raw)) {
    resource.unknown(path, 'a dynamic reference is resolved only at deployment');
    return [];
  }
  const access = publicAllowStatements(raw);
  if (access.error) return [{ path, message: `${path}: ${access.error}` }];
  const rawList = access.statements.some((s) => s.principalUnresolved) ? rawStatements(raw) : [];
  return access.statements.map(({ statement, unresolved, effectUnknown, principalUnresolved }) => {
    const at = `${path}.Statement[${statement.index}]`;
    if (unresolved) resource.unknown(`${at}.Condition`, 'a condition value is not resolvable from the template');
    // an Effect the template does not spell out (Fn::If) is UNKNOWN; a misspelt or absent one stays a finding
    if (effectUnknown && statement.unresolved.includes('Effect')) resource.unknown(`${at}.Effect`, "the statement's Effect is not resolvable from the template");
    if (principalUnresolved) {
      const paths = unresolvedPrincipalPaths(rawList[statement.index]);
      for (const p of paths.length > 0 ? paths : [statement.notPrincipal ? 'NotPrincipal' : 'Principal']) resource.unknown(`${at}.${p}`, 'a principal is not resolvable from the template (it may be any account)');
    }
    const who = statement.notPrincipal
      ? 'everyone but the NotPrincipal'
      : principalUnresolved
        ? 'a principal the template does not resolve (it may be any account)'
        : 'any principal ("*" or a wildcard account)';
    const what = effectUnknown ? `may allow ${who} (its Effect is neither Allow nor Deny, so it is judged as Allow)` : `${principalUnresolved ? 'may allow' : 'allows'} ${who}`;
    return { path: at, message: `${path} ${statementLabel(statement)} ${what} without a condition that limits the caller` };
  });
}

/** Does a principal string name an AWS service (`s3.amazonaws.com`, `events.amazonaws.com.cn`, `states.eu-west-1.amazonaws.com`)? */
export function isServicePrincipal(principal: string): boolean {
  return /^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/i.test(principal.trim()) || /^[a-z0-9.-]+\.amazon\.com$/i.test(principal.trim());
}

/** A property of a Lambda permission resource that narrows its caller, as the condition key Lambda writes for it. */
export interface PermissionCondition {
  property: string;
  operator: string;
  key: string;
}

/** The properties of an AWS::Lambda::Permission that narrow its caller, as the condition keys Lambda writes for them. */
export const LAMBDA_PERMISSION_CONDITIONS: readonly PermissionCondition[] = [
  { property: 'SourceArn', operator: 'ArnLike', key: 'aws:SourceArn' },
  { property: 'SourceAccount', operator: 'StringEquals', key: 'aws:SourceAccount' },
  { property: 'PrincipalOrgID', operator: 'StringEquals', key: 'aws:PrincipalOrgID' },
];

/** AWS::Lambda::LayerVersionPermission: OrganizationId (with Principal "*") is the aws:PrincipalOrgID condition of the layer policy. */
export const LAYER_PERMISSION_CONDITIONS: readonly PermissionCondition[] = [{ property: 'OrganizationId', operator: 'StringEquals', key: 'aws:PrincipalOrgID' }];

/** How Lambda writes each permission resource type as a statement of the function's or the layer version's policy. */
export const LAMBDA_PERMISSION_KINDS: Readonly<Record<string, { conditions: readonly PermissionCondition[]; defaultAction: string }>> = {
  'AWS::Lambda::Permission': { conditions: LAMBDA_PERMISSION_CONDITIONS, defaultAction: 'lambda:InvokeFunction' },
  'AWS::Lambda::LayerVersionPermission': { conditions: LAYER_PERMISSION_CONDITIONS, defaultAction: 'lambda:GetLayerVersion' },
};

/**
 * An AWS::Lambda::Permission (or, with LAYER_PERMISSION_CONDITIONS, an AWS::Lambda::LayerVersionPermission) as
 * the one-statement resource policy Lambda writes for it (Principal `*`, an account, an ARN or a service;
 * SourceArn / SourceAccount / PrincipalOrgID, or the layer's OrganizationId, as conditions), so that it is
 * judged by the same normaliser and condition predicate as every other resource policy. Values are taken as
 * written: an unresolved one stays an intrinsic and is judged unresolved.
 */
export function lambdaPermissionPolicy(
  properties: Readonly<Record<string, unknown>>,
  conditions: readonly PermissionCondition[] = LAMBDA_PERMISSION_CONDITIONS,
  defaultAction = 'lambda:InvokeFunction',
): { Statement: Record<string, unknown>[] } {
  const principal = properties.Principal;
  const block = typeof principal === 'string' ? (principal.trim() === '*' ? '*' : isServicePrincipal(principal) ? { Service: principal.trim() } : { AWS: principal.trim() }) : principal === undefined || principal === null ? undefined : { AWS: principal };
  const condition: Record<string, Record<string, unknown>> = {};
  for (const { property, operator, key } of conditions) {
    const v = properties[property];
    if (v === undefined || v === null || v === '') continue;
    (condition[operator] ??= {})[key] = v;
  }
  return { Statement: [{ Effect: 'Allow', ...(block === undefined ? {} : { Principal: block }), Action: properties.Action ?? defaultAction, ...(Object.keys(condition).length > 0 ? { Condition: condition } : {}) }] };
}
