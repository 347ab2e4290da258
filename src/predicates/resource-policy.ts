/**
 * Resource policies (S3 bucket, KMS key, ECR repository and registry, CodeArtifact domain and repository
 * policies): which statements open the resource to anyone. A statement is public when it may allow (Effect
 * Allow, or an Effect that cannot be read: fail closed) any principal (`*`, `{"AWS": "*"}`, a wildcard-account
 * principal such as `arn:aws:iam::*:root`, NotPrincipal) and no condition narrows the caller, as judged by the
 * one condition predicate (conditions.ts: positive operators on caller-identifying keys with concrete values).
 */
import { statementNarrowing } from './conditions';
import { isAnyPrincipal, parsePolicy, type Statement } from './policy';
import { looksLikeSecretValue } from './secret';
import { isDynamicReference, isIntrinsic } from './values';
import type { Finding, ResourceView } from '../model';

export interface PublicStatement {
  statement: Statement;
  /** The only thing keeping it from passing is a condition value the template cannot resolve. */
  unresolved: boolean;
  /** The Effect is not Allow or Deny as written (an intrinsic, a misspelling, absent): judged as Allow. */
  effectUnknown: boolean;
}

export interface PublicAccess {
  /** Set when the document is not a policy (unparsable JSON, no Statement). */
  error?: string;
  statements: PublicStatement[];
}

/**
 * Statements that may allow any principal without a condition narrowing the caller. Only a readable Deny
 * is left out: an Effect that is not Allow or Deny (unresolved, misspelt, absent) counts as Allow.
 */
export function publicAllowStatements(doc: unknown): PublicAccess {
  const parsed = parsePolicy(doc);
  if (parsed.error) return { error: parsed.error, statements: [] };
  const statements: PublicStatement[] = [];
  for (const st of parsed.statements) {
    if (st.effect === 'Deny' || !isAnyPrincipal(st)) continue;
    const narrowing = statementNarrowing(st);
    if (narrowing !== 'narrows') statements.push({ statement: st, unresolved: narrowing === 'unresolved', effectUnknown: st.effect === 'Unknown' });
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
  return access.statements.map(({ statement, unresolved, effectUnknown }) => {
    const at = `${path}.Statement[${statement.index}]`;
    if (unresolved) resource.unknown(`${at}.Condition`, 'a condition value is not resolvable from the template');
    // an Effect the template does not spell out (Fn::If) is UNKNOWN; a misspelt or absent one stays a finding
    if (effectUnknown && statement.unresolved.includes('Effect')) resource.unknown(`${at}.Effect`, "the statement's Effect is not resolvable from the template");
    const who = statement.notPrincipal ? 'everyone but the NotPrincipal' : 'any principal ("*" or a wildcard account)';
    const what = effectUnknown ? `may allow ${who} (its Effect is neither Allow nor Deny, so it is judged as Allow)` : `allows ${who}`;
    return {
      path: at,
      message: `${path} ${statementLabel(statement)} ${what} without a condition that limits the caller${weakened ? '; public access is added by this update' : ''}`,
      weakened,
    };
  });
}
