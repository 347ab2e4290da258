/**
 * Type configuration (the request's `hookModel`) → validated Settings. The schema's typeConfiguration is
 * the only definition of properties, types and defaults; values may arrive stringified.
 */
import type { Settings } from '../controls/types';
import { isRecord } from '../predicates/values';
import { ConfigurationError, type ConfigurationProblem } from './errors';
import { coerce, HOOK_SCHEMA, resolveRef, suggestion, violations } from './schema';

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

export interface ConfigContext {
  accountId: string;
  partition?: string;
  /** Today for MaximumExemptionDays (the hook's clock; default: now). Only its UTC date counts. */
  today?: Date;
}

const utcDate = (d: Date): string => d.toISOString().slice(0, 10);

export function loadSettings(hookModel: unknown, knownControlIds: ReadonlySet<string>, context: ConfigContext = { accountId: '' }): Settings {
  const today = utcDate(context.today ?? new Date());
  let key: string | undefined;
  try {
    key = `${context.accountId}|${context.partition ?? 'aws'}|${today}|${knownControlIds.size}|${JSON.stringify(hookModel) ?? ''}`;
  } catch {
    key = undefined; // not serialisable (cycles cannot come from JSON, but be safe): no caching
  }
  if (key !== undefined && key === lastKey && lastSettings) return lastSettings;
  const settings = deepFreeze(buildSettings(hookModel, knownControlIds, { ...context, today: new Date(`${today}T00:00:00Z`) }));
  if (key !== undefined) {
    lastKey = key;
    lastSettings = settings;
  }
  return settings;
}

/** `date` (YYYY-MM-DD) plus `days`, as YYYY-MM-DD. */
function addDays(date: Date, days: number): string {
  return utcDate(new Date(date.getTime() + days * 86_400_000));
}

/**
 * Validate and complete a hookModel. Every problem is collected and thrown together as one
 * ConfigurationError (each naming its property): unknown properties, schema violations, unknown control
 * IDs, impossible dates and exemptions that outlive MaximumExemptionDays.
 */
function buildSettings(hookModel: unknown, knownControlIds: ReadonlySet<string>, context: ConfigContext & { today: Date }): Settings {
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

  const problems: ConfigurationProblem[] = [];
  const known = Object.keys(PROPERTIES);
  for (const key of Object.keys(model)) {
    if (!Object.prototype.hasOwnProperty.call(PROPERTIES, key)) {
      const hint = suggestion(key, known);
      problems.push({ property: key, reason: `is not a known property${hint || ` (known: ${known.join(', ')})`}` });
    }
  }
  const out: Record<string, unknown> = {};
  /** Coerced values of properties that failed the schema: still read for the checks below, never returned. */
  const invalid: Record<string, unknown> = {};
  const flagged = new Set<string>();
  for (const [name, propSchema] of Object.entries(PROPERTIES)) {
    const raw = Object.prototype.hasOwnProperty.call(model, name) ? model[name] : undefined;
    const schema = resolveRef(propSchema);
    let value: unknown;
    if (raw === undefined || raw === null || (raw === '' && schema.type !== 'string')) {
      value = structuredClone(schema.default);
    } else {
      value = coerce(schema, raw);
      const errs = violations(schema, value, name);
      if (errs.length > 0) {
        for (const e of errs) {
          problems.push({ property: e.path, reason: e.reason });
          flagged.add(e.path);
        }
        invalid[name] = value;
        value = structuredClone(schema.default);
      }
    }
    out[name] = value;
  }

  const settings = out as unknown as Settings;
  const read = (name: string): unknown => (name in invalid ? invalid[name] : out[name]);
  const fine = (path: string, v: unknown): v is string => typeof v === 'string' && !flagged.has(path);
  for (const name of ['DisabledControls', 'WarnOnlyControls'] as const) {
    const list = read(name);
    if (!Array.isArray(list)) continue;
    list.forEach((id, i) => {
      if (fine(`${name}[${i}]`, id) && !knownControlIds.has(id)) problems.push({ property: `${name}[${i}]`, reason: `names an unknown control ID ${id}` });
    });
  }
  const exemptions = read('Exemptions');
  const maxDays = settings.MaximumExemptionDays;
  const latest = addDays(context.today, maxDays);
  if (Array.isArray(exemptions)) {
    exemptions.forEach((e: unknown, i) => {
      if (!isRecord(e)) return;
      const at = `Exemptions[${i}]`;
      if (fine(`${at}.ControlId`, e.ControlId) && !knownControlIds.has(e.ControlId)) problems.push({ property: `${at}.ControlId`, reason: `names an unknown control ID ${e.ControlId}` });
      if (fine(`${at}.Reason`, e.Reason) && e.Reason.trim().length < 10) problems.push({ property: `${at}.Reason`, reason: 'must explain the exemption in at least 10 characters' });
      if (fine(`${at}.ExpiresOn`, e.ExpiresOn)) {
        if (!isValidDate(e.ExpiresOn)) {
          problems.push({ property: `${at}.ExpiresOn`, reason: 'is not a valid calendar date (YYYY-MM-DD)' });
        } else if (e.ExpiresOn > latest) {
          problems.push({
            property: `${at}.ExpiresOn`,
            reason: `of the exemption ${exemptionName(e)} is ${e.ExpiresOn}, more than MaximumExemptionDays (${maxDays}) after today (${utcDate(context.today)}): the latest allowed is ${latest}`,
          });
        }
      }
    });
  }
  if (problems.length > 0) throw ConfigurationError.of(problems);

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

/** What identifies an exemption: control, stack glob and logical ID glob (never its Reason). */
function exemptionName(e: Record<string, unknown>): string {
  const part = (v: unknown): string => (typeof v === 'string' ? v : '?');
  return `${part(e.ControlId)} for ${part(e.StackName)}/${part(e.LogicalId)}`;
}

/**
 * The document given to `aws cloudformation set-type-configuration` around the Properties: every key
 * CloudFormation accepts at each level (hook configuration schema reference), so a typo (`"Propertes"`)
 * is an error instead of a silently ignored block.
 */
const STRING_LIST = { type: 'array', items: { type: 'string' } };
const INCLUDE_EXCLUDE = { type: 'object', properties: { Include: STRING_LIST, Exclude: STRING_LIST }, additionalProperties: false };
const HOOK_CONFIGURATION = {
  type: 'object',
  properties: {
    HookInvocationStatus: { type: 'string', enum: ['ENABLED', 'DISABLED'] },
    TargetOperations: { type: 'array', items: { type: 'string', enum: ['STACK', 'RESOURCE', 'CHANGE_SET', 'CLOUD_CONTROL'] } },
    TargetStacks: { type: 'string', enum: ['ALL', 'NONE'] },
    FailureMode: { type: 'string', enum: ['FAIL', 'WARN'] },
    EncryptionConfiguration: { type: 'object', properties: { KmsKeyId: { type: 'string' } }, additionalProperties: false },
    TargetFilters: {
      type: 'object',
      properties: {
        FilteringCriteria: { type: 'string', enum: ['ALL', 'ANY'] },
        StackNames: INCLUDE_EXCLUDE,
        StackRoles: INCLUDE_EXCLUDE,
        Actions: { type: 'array', items: { type: 'string', enum: ['CREATE', 'UPDATE', 'DELETE'] } },
        InvocationPoints: { type: 'array', items: { type: 'string', enum: ['PRE_PROVISION'] } },
        TargetNames: STRING_LIST,
        Targets: {
          type: 'array',
          items: {
            type: 'object',
            properties: { TargetName: { type: 'string' }, Action: { type: 'string', enum: ['CREATE', 'UPDATE', 'DELETE'] }, InvocationPoint: { type: 'string', enum: ['PRE_PROVISION'] } },
            additionalProperties: false,
          },
        },
      },
      additionalProperties: false,
    },
    // checked by loadSettings with the schema's typeConfiguration
    Properties: {},
  },
  additionalProperties: false,
};
const TYPE_CONFIGURATION_DOCUMENT = {
  type: 'object',
  properties: { CloudFormationConfiguration: { type: 'object', properties: { HookConfiguration: HOOK_CONFIGURATION }, required: ['HookConfiguration'], additionalProperties: false } },
  additionalProperties: false,
};

export interface TypeConfigurationDocument {
  /** What CloudFormation hands the hook as hookModel: the Properties (an empty object when absent). */
  hookModel: unknown;
  /** HookConfiguration.FailureMode (FAIL | WARN), when given. */
  failureMode?: string;
  /** HookConfiguration.HookInvocationStatus (ENABLED | DISABLED), when given. */
  invocationStatus?: string;
  /** Problems of the document around the Properties, each naming its path (`CloudFormationConfiguration.HookConfiguration.Propertes`). */
  problems: ConfigurationProblem[];
}

/**
 * Read a type configuration given either as the whole set-type-configuration document
 * (`{"CloudFormationConfiguration":{"HookConfiguration":{…,"Properties":{…}}}}`) or as just its Properties.
 * The whole form is recognised by its one top-level key; its every level is checked for unknown keys
 * and invalid values. The Properties are validated by loadSettings.
 */
export function readTypeConfigurationDocument(doc: unknown): TypeConfigurationDocument {
  if (!isRecord(doc) || !Object.prototype.hasOwnProperty.call(doc, 'CloudFormationConfiguration')) return { hookModel: doc, problems: [] };
  const problems = violations(TYPE_CONFIGURATION_DOCUMENT, doc, '').map((v) => ({ property: v.path, reason: v.reason }));
  const cfc = doc.CloudFormationConfiguration;
  const hc = isRecord(cfc) && isRecord(cfc.HookConfiguration) ? cfc.HookConfiguration : {};
  const props = hc.Properties;
  if (props !== undefined && props !== null && !isRecord(props)) {
    problems.push({ property: 'CloudFormationConfiguration.HookConfiguration.Properties', reason: 'must be an object' });
  }
  return {
    hookModel: isRecord(props) ? props : {},
    failureMode: typeof hc.FailureMode === 'string' ? hc.FailureMode : undefined,
    invocationStatus: typeof hc.HookInvocationStatus === 'string' ? hc.HookInvocationStatus : undefined,
    problems,
  };
}
