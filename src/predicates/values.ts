/**
 * The one value normaliser. CloudFormation hands a hook primitives as strings ("true", "True", "60");
 * templates on disk carry them typed. Every control reads booleans, numbers and lists through these
 * functions (wrapped by the engine's resource view), never with JavaScript truthiness.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** `true`/`false` in any letter case, as boolean or string; anything else is undefined. */
export function toBool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const v = value.trim().toLowerCase();
    if (v === 'true') return true;
    if (v === 'false') return false;
  }
  return undefined;
}

/** Finite numbers, or strings that are exactly a decimal number ("60", " 365 ", "-1.5"). */
export function toNum(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string') {
    const v = value.trim();
    if (v.length === 0 || v.length > 32 || !/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(v)) return undefined;
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** Strings as they are; numbers and booleans as CloudFormation would stringify them. */
export function toStr(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own-property read that never walks the prototype chain (`__proto__`, `constructor` are plain keys). */
export function own(obj: unknown, key: string): unknown {
  if (!isRecord(obj) && !Array.isArray(obj)) return undefined;
  return Object.prototype.hasOwnProperty.call(obj, key) ? (obj as Record<string, unknown>)[key] : undefined;
}

/** Own-property read of a key compared case-insensitively (IAM `Statement`/`statement`, payload keys). */
export function ownCI(obj: unknown, key: string): unknown {
  if (!isRecord(obj)) return undefined;
  if (Object.prototype.hasOwnProperty.call(obj, key)) return obj[key];
  const lower = key.toLowerCase();
  for (const k of Object.keys(obj)) if (k.toLowerCase() === lower) return obj[k];
  return undefined;
}

/** A scalar becomes a one-element list; null/undefined an empty list. */
export function toList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * A CloudFormation intrinsic function or Ref that was not resolved: `{"Ref": …}` or `{"Fn::X": …}` with
 * exactly one key. The hook never receives these from CloudFormation (it resolves them first); the local
 * `check` runner passes them through where the template cannot determine the value.
 */
export function isIntrinsic(value: unknown): boolean {
  if (!isRecord(value)) return false;
  // one own key, without building the key array on every read (this runs at every step of every view read)
  let only: string | undefined;
  for (const k in value) {
    if (!Object.prototype.hasOwnProperty.call(value, k)) continue;
    if (only !== undefined) return false;
    only = k;
  }
  return only !== undefined && (only === 'Ref' || only.startsWith('Fn::') || only === 'Condition');
}

/** `{{resolve:service:...}}` dynamic references, which CloudFormation hands to hooks unresolved. */
export function isDynamicReference(value: unknown): boolean {
  return typeof value === 'string' && /^\s*\{\{resolve:[a-z-]+:/.test(value);
}

/** A reference to Secrets Manager or SSM SecureString, i.e. a way of passing a secret without its value. */
export function isSecretReference(value: unknown): boolean {
  return typeof value === 'string' && /^\s*\{\{resolve:(secretsmanager|ssm-secure):/.test(value);
}

/** Shorten a text to at most `max` UTF-16 units with an ellipsis, never splitting a surrogate pair. */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/** Why a value cannot be decided (for UNKNOWN findings): names the function or reference, never a value. */
export function describeUnresolved(value: unknown): string {
  if (isRecord(value)) {
    const key = Object.keys(value)[0];
    const arg = value[key];
    if (key === 'Ref' && typeof arg === 'string') return `Ref to ${arg} is not resolvable from the template`;
    if (key === 'Fn::GetAtt') return 'Fn::GetAtt is not resolvable from the template';
    return `${key} is not resolvable from the template`;
  }
  if (isDynamicReference(value)) return 'a dynamic reference is resolved only at deployment';
  return 'value is not resolvable';
}
