/**
 * Type configuration (the request's `hookModel`) → validated Settings. The schema's typeConfiguration is
 * the only definition of properties, types and defaults; values may arrive stringified.
 */
import type { Settings } from '../controls/types';
import { isRecord } from '../predicates/values';
import { ConfigurationError } from './errors';
import { coerce, HOOK_SCHEMA, resolveRef, validate } from './schema';

const PROPERTIES = HOOK_SCHEMA.typeConfiguration.properties;

function isValidDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function substitute(s: string, accountId: string, partition: string): string {
  return s.split('${AWS::AccountId}').join(accountId).split('${AWS::Partition}').join(partition);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * The last configuration seen, by content: every invocation of a Lambda container (and every resource of
 * a `check` run) carries the same hookModel, so it is validated once. Settings are deep-frozen because
 * they are shared.
 */
let lastKey: string | undefined;
let lastSettings: Settings | undefined;

export function loadSettings(
  hookModel: unknown,
  knownControlIds: ReadonlySet<string>,
  context: { accountId: string; partition?: string } = { accountId: '' },
): Settings {
  let key: string | undefined;
  try {
    key = `${context.accountId}|${context.partition ?? 'aws'}|${knownControlIds.size}|${JSON.stringify(hookModel) ?? ''}`;
  } catch {
    key = undefined; // not serialisable (cycles cannot come from JSON, but be safe): no caching
  }
  if (key !== undefined && key === lastKey && lastSettings) return lastSettings;
  const settings = deepFreeze(buildSettings(hookModel, knownControlIds, context));
  if (key !== undefined) {
    lastKey = key;
    lastSettings = settings;
  }
  return settings;
}

/**
 * Validate and complete a hookModel. Throws ConfigurationError naming the property and the reason.
 * `knownControlIds` guards DisabledControls, WarnOnlyControls and Exemptions against typos.
 */
function buildSettings(
  hookModel: unknown,
  knownControlIds: ReadonlySet<string>,
  context: { accountId: string; partition?: string },
): Settings {
  let model: unknown = hookModel;
  if (model === undefined || model === null || model === '') model = {};
  if (typeof model === 'string') {
    try {
      model = JSON.parse(model);
    } catch {
      throw new ConfigurationError('(type configuration)', 'is a string that is not a JSON object');
    }
  }
  if (!isRecord(model)) throw new ConfigurationError('(type configuration)', 'must be a JSON object of properties');

  const out: Record<string, unknown> = {};
  for (const key of Object.keys(model)) {
    if (!Object.prototype.hasOwnProperty.call(PROPERTIES, key)) {
      throw new ConfigurationError(key, `is not a known property (known: ${Object.keys(PROPERTIES).join(', ')})`);
    }
  }
  for (const [name, propSchema] of Object.entries(PROPERTIES)) {
    const raw = Object.prototype.hasOwnProperty.call(model, name) ? model[name] : undefined;
    const schema = resolveRef(propSchema);
    let value: unknown;
    if (raw === undefined || raw === null || (raw === '' && schema.type !== 'string')) {
      value = structuredClone(schema.default);
    } else {
      value = coerce(schema, raw);
      const err = validate(schema, value, name);
      if (err) throw new ConfigurationError(err.path, err.reason);
    }
    out[name] = value;
  }

  const settings = out as unknown as Settings;
  for (const name of ['DisabledControls', 'WarnOnlyControls'] as const) {
    settings[name].forEach((id, i) => {
      if (!knownControlIds.has(id)) throw new ConfigurationError(`${name}[${i}]`, `names an unknown control ID ${id}`);
    });
  }
  settings.Exemptions.forEach((e, i) => {
    if (!knownControlIds.has(e.ControlId)) throw new ConfigurationError(`Exemptions[${i}].ControlId`, `names an unknown control ID ${e.ControlId}`);
    if (!isValidDate(e.ExpiresOn)) throw new ConfigurationError(`Exemptions[${i}].ExpiresOn`, 'is not a valid calendar date (YYYY-MM-DD)');
    if (e.Reason.trim().length < 10) throw new ConfigurationError(`Exemptions[${i}].Reason`, 'must explain the exemption in at least 10 characters');
  });

  const partition = context.partition ?? 'aws';
  for (const [name, propSchema] of Object.entries(PROPERTIES)) {
    const v = out[name];
    if (resolveRef(propSchema).type === 'array' && Array.isArray(v) && v.every((x) => typeof x === 'string')) {
      out[name] = (v as string[]).map((x) => substitute(x, context.accountId, partition));
    } else if (typeof v === 'string') {
      out[name] = substitute(v, context.accountId, partition);
    }
  }
  return settings;
}
