/**
 * `--config FILE`: the document a platform team passes to `aws cloudformation set-type-configuration`
 * (`{"CloudFormationConfiguration":{"HookConfiguration":{…,"Properties":{…}}}}`) or just its `Properties`.
 * JSON or YAML. Validated by the engine's own loader, so an invalid configuration is reported with the
 * message the hook would return (InvalidTypeConfiguration).
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { loadSettings, readTypeConfigurationDocument } from '../../engine/config';
import { ConfigurationError } from '../../engine/errors';
import { REGISTRY } from '../../engine/registry';
import { parseStrictJson } from '../../predicates/json';
import { isRecord } from '../../predicates/values';
import { InputError } from './discover';

export class InvalidConfiguration extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidConfiguration';
  }
}

export interface LoadedConfig {
  /** The hookModel CloudFormation would send: the configuration's Properties. */
  hookModel: Record<string, unknown> | null;
  /** HookConfiguration.FailureMode, when the full form was given (reported, not applied). */
  failureMode?: string;
  /** HookConfiguration.HookInvocationStatus, when the full form was given (reported, not applied). */
  invocationStatus?: string;
}

/** The configuration's modes that change what the report means, as notes for stderr and every report header. */
export function configurationNotes(config: Pick<LoadedConfig, 'failureMode' | 'invocationStatus'>): string[] {
  const notes: string[] = [];
  if (config.invocationStatus?.toUpperCase() === 'DISABLED') {
    notes.push('the configuration sets HookInvocationStatus DISABLED: CloudFormation does not invoke the hook, so nothing reported here blocks a deployment; the report shows what the hook would answer once enabled.');
  }
  if (config.failureMode?.toUpperCase() === 'WARN') {
    notes.push('the configuration sets FailureMode WARN: CloudFormation deploys despite FAILED results (it only warns); the report shows what the hook answers regardless.');
  }
  return notes;
}

const message = (problems: ReadonlyArray<{ property: string; reason: string }>): string =>
  `invalid type configuration: ${problems.map((p) => `property ${p.property} ${p.reason}`).join('; ')}`;

/**
 * The hookModel of a configuration document (the whole set-type-configuration document or just its
 * Properties), with the document's own problems: unknown keys at every level, invalid modes.
 */
export function hookModelOf(doc: unknown): LoadedConfig & { problems: Array<{ property: string; reason: string }> } {
  const read = readTypeConfigurationDocument(doc);
  if (!isRecord(read.hookModel)) throw new InvalidConfiguration('invalid type configuration: (type configuration) must be a JSON object of properties');
  return { hookModel: read.hookModel, failureMode: read.failureMode, invocationStatus: read.invocationStatus, problems: read.problems };
}

/** Read, parse and validate a configuration file; every problem (document and Properties) is reported at once. */
export function readConfig(file: string, accountId: string, partition: string): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(file, `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let doc: unknown;
  try {
    // strict, as templates: a duplicate key is ambiguous (which value would the platform team get?)
    doc = text.trimStart().startsWith('{') ? parseStrictJson(text) : parseYaml(text, { uniqueKeys: true });
  } catch (e) {
    throw new InputError(file, `is not valid JSON or YAML (${e instanceof Error ? e.message.split('\n')[0] : 'parse error'})`);
  }
  const { problems, ...config } = hookModelOf(doc);
  try {
    loadSettings(config.hookModel, REGISTRY.ids, { accountId, partition });
  } catch (e) {
    if (!(e instanceof ConfigurationError)) throw e;
    problems.push(...e.problems);
  }
  // the same words the hook answers with (InvalidTypeConfiguration), naming every problem
  if (problems.length > 0) throw new InvalidConfiguration(message(problems));
  return config;
}
