/**
 * Plaintext secrets in environment variables (CodeBuild project and action variables, buildspec
 * env.variables, Lambda variables). Findings name the variable and the path — never the value.
 */
import { isReferenceValue, looksLikeSecretName, looksLikeSecretValue, stripDynamicReferences } from './secret';
import { isRecord, ownCI, toStr } from './values';

export interface EnvVar {
  name: string;
  value: unknown;
  /** PLAINTEXT, PARAMETER_STORE, SECRETS_MANAGER; absent means PLAINTEXT. */
  type?: string;
  /** Where the variable is, e.g. `Environment.EnvironmentVariables[2]`. */
  path: string;
}

export interface SecretHit {
  path: string;
  name: string;
  /** 'name' — the name looks secret; 'value' — the value looks like a credential. */
  why: 'name' | 'value';
}

export function isPlaintext(type: string | undefined): boolean {
  return type === undefined || type.trim() === '' || type.trim().toUpperCase() === 'PLAINTEXT';
}

/** Plaintext variables whose name looks secret or whose value looks like a credential. */
export function plaintextSecrets(vars: readonly EnvVar[]): SecretHit[] {
  const hits: SecretHit[] = [];
  for (const v of vars) {
    if (!isPlaintext(v.type)) continue;
    const value = toStr(v.value);
    // a dynamic reference is not a value, but text appended to it is (`{{resolve:…}}<literal>`)
    const literal = value === undefined ? undefined : stripDynamicReferences(value).trim();
    if (looksLikeSecretValue(value ?? '')) hits.push({ path: v.path, name: v.name, why: 'value' });
    else if (looksLikeSecretName(v.name) && literal !== undefined && literal !== '' && !isReferenceValue(literal)) hits.push({ path: v.path, name: v.name, why: 'name' });
  }
  return hits;
}

/** CodeBuild-style `[{Name, Value, Type}]` (any key case; the CodePipeline action form is `[{name, value, type}]`). */
export function envVarList(list: unknown, basePath: string): EnvVar[] {
  const out: EnvVar[] = [];
  if (!Array.isArray(list)) return out;
  list.forEach((item, i) => {
    if (!isRecord(item)) return;
    const name = ownCI(item, 'Name');
    if (typeof name !== 'string') return;
    const type = ownCI(item, 'Type');
    out.push({ name, value: ownCI(item, 'Value'), type: typeof type === 'string' ? type : undefined, path: `${basePath}[${i}]` });
  });
  return out;
}

/** A `{NAME: value}` map (Lambda Environment.Variables, buildspec env.variables): all plaintext. */
export function envVarMap(map: unknown, basePath: string): EnvVar[] {
  if (!isRecord(map)) return [];
  return Object.keys(map).map((name) => ({ name, value: map[name], path: `${basePath}.${name}` }));
}

export function describeHit(h: SecretHit): string {
  return h.why === 'name'
    ? `${h.path} (${h.name}) is a PLAINTEXT variable with a secret-looking name`
    : `${h.path} (${h.name}) has a PLAINTEXT value that looks like a credential`;
}
