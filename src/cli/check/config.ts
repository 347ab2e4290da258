/**
 * `--config FILE`: the document a platform team passes to `aws cloudformation set-type-configuration`
 * (`{"CloudFormationConfiguration":{"HookConfiguration":{…,"Properties":{…}}}}`) or just its `Properties`.
 * JSON or YAML. Validated by the engine's own loader, so an invalid configuration is reported with the
 * message the hook would return (InvalidTypeConfiguration).
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { loadSettings } from '../../engine/config';
import { ConfigurationError } from '../../engine/errors';
import { REGISTRY } from '../../engine/registry';
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
}

export function hookModelOf(doc: unknown): LoadedConfig {
  if (isRecord(doc) && Object.prototype.hasOwnProperty.call(doc, 'CloudFormationConfiguration')) {
    const cfc = doc.CloudFormationConfiguration;
    const hc = isRecord(cfc) ? cfc.HookConfiguration : undefined;
    if (!isRecord(hc)) throw new InvalidConfiguration('invalid type configuration: CloudFormationConfiguration.HookConfiguration must be an object');
    const props = hc.Properties;
    if (props !== undefined && props !== null && !isRecord(props)) {
      throw new InvalidConfiguration('invalid type configuration: CloudFormationConfiguration.HookConfiguration.Properties must be an object');
    }
    return { hookModel: isRecord(props) ? props : {}, failureMode: typeof hc.FailureMode === 'string' ? hc.FailureMode : undefined };
  }
  if (!isRecord(doc)) throw new InvalidConfiguration('invalid type configuration: (type configuration) must be a JSON object of properties');
  return { hookModel: doc };
}

/** Read, parse and validate a configuration file. */
export function readConfig(file: string, accountId: string, partition: string): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(file, `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let doc: unknown;
  try {
    doc = text.trimStart().startsWith('{') ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new InputError(file, `is not valid JSON or YAML (${e instanceof Error ? e.message.split('\n')[0] : 'parse error'})`);
  }
  const config = hookModelOf(doc);
  try {
    loadSettings(config.hookModel, REGISTRY.ids, { accountId, partition });
  } catch (e) {
    if (e instanceof ConfigurationError) {
      // the same words the hook answers with (InvalidTypeConfiguration)
      throw new InvalidConfiguration(`invalid type configuration: property ${e.property} ${e.reason}`);
    }
    throw e;
  }
  return config;
}
