/**
 * Resource policies (ECR repository and registry policies, CodeArtifact domain and repository policies):
 * which statements open the resource to anyone. A statement is public when it allows any principal
 * (`*`, `{"AWS": "*"}`, NotPrincipal) and no condition ties the caller to an account, organisation,
 * source ARN or network endpoint. Conditions that do not scope the caller (aws:SecureTransport, dates)
 * do not count, and neither do negated or IfExists operators (they let an anonymous caller through).
 */
import { CALLER_SCOPING_KEYS, isAnyPrincipal, parsePolicy, type Statement } from './policy';
import { looksLikeSecretValue } from './secret';
import { isDynamicReference, isIntrinsic, isRecord } from './values';
import type { Finding, ResourceView } from '../model';

const SCOPING_KEYS: ReadonlySet<string> = new Set(CALLER_SCOPING_KEYS);

/** An operator that admits callers by positive match (not StringNotEquals, not ...IfExists, not Null). */
function positiveOperator(op: string): boolean {
  const o = op.toLowerCase().replace(/^for(any|all)value:/, '');
  return !o.includes('not') && !o.endsWith('ifexists') && o !== 'null';
}

/** A value that matches anything (`*`, `**`, `?*`). */
function matchesEverything(value: string): boolean {
  return /^[*?]*$/.test(value.trim()) && value.includes('*');
}

export interface ConditionScope {
  /** A positive condition on a scoping key with concrete values. */
  scoped: boolean;
  /** A scoping key whose value could not be resolved (an intrinsic in a local template check). */
  unresolved: boolean;
}

export function conditionScope(st: Statement): ConditionScope {
  let scoped = false;
  let unresolved = false;
  if (!st.condition) return { scoped, unresolved };
  for (const [op, block] of Object.entries(st.condition)) {
    if (!isRecord(block)) continue;
    for (const [key, raw] of Object.entries(block)) {
      if (!SCOPING_KEYS.has(key.toLowerCase())) continue;
      const values = Array.isArray(raw) ? raw : [raw];
      if (values.some((v) => isIntrinsic(v))) unresolved = true;
      if (!positiveOperator(op)) continue;
      const strs = values.filter((v): v is string => typeof v === 'string');
      if (strs.length > 0 && strs.length === values.length && !strs.some(matchesEverything)) scoped = true;
    }
  }
  return { scoped, unresolved };
}

export interface PublicStatement {
  statement: Statement;
  /** The only thing keeping it from passing is a condition value the template cannot resolve. */
  unresolved: boolean;
}

export interface PublicAccess {
  /** Set when the document is not a policy (unparsable JSON, no Statement). */
  error?: string;
  statements: PublicStatement[];
}

/** Allow statements that grant any principal access without a condition scoping the caller. */
export function publicAllowStatements(doc: unknown): PublicAccess {
  const parsed = parsePolicy(doc);
  if (parsed.error) return { error: parsed.error, statements: [] };
  const statements: PublicStatement[] = [];
  for (const st of parsed.statements) {
    if (st.effect !== 'Allow' || !isAnyPrincipal(st)) continue;
    const scope = conditionScope(st);
    if (!scope.scoped) statements.push({ statement: st, unresolved: scope.unresolved });
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

/** Is the deployed policy known to be non-public (absent where allowed, or parsed with no public statement)? */
function wasPrivate(previous: ResourceView | undefined, path: string, required: boolean): boolean {
  if (previous === undefined) return false;
  const raw = previous.get(path);
  if (isAbsent(raw)) return !required;
  if (isIntrinsic(raw) || isDynamicReference(raw)) return false;
  const p = publicAllowStatements(raw);
  return p.error === undefined && p.statements.length === 0;
}

/**
 * Findings for a resource-policy property (`RepositoryPolicyText`, `PermissionsPolicyDocument`, ...):
 * public Allow statements, or a document that cannot be read. `required`: an absent document fails
 * (a registry policy resource without its policy cannot be evaluated).
 */
export function publicPolicyFindings(resource: ResourceView, previous: ResourceView | undefined, path: string, required = false): Finding[] {
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
  const weakened = access.statements.length > 0 && wasPrivate(previous, path, required);
  return access.statements.map(({ statement, unresolved }) => {
    const at = `${path}.Statement[${statement.index}]`;
    if (unresolved) resource.unknown(`${at}.Condition`, 'a condition value is not resolvable from the template');
    const what = statement.notPrincipal ? 'allows everyone but the NotPrincipal' : 'allows any principal ("*")';
    return {
      path: at,
      message: `${path} ${statementLabel(statement)} ${what} without a condition that limits the caller${weakened ? '; public access is added by this update' : ''}`,
      weakened,
    };
  });
}
