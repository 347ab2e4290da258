/**
 * Validates a whole `set-type-configuration` document (what `cfn test --typeconfig`, HookTypeConfig's
 * Configuration string and deploy/hook-config.json hold) the two ways that matter:
 *  - against the schema's configuration schema (typeConfiguration + definitions, as `cfn submit` ships it in
 *    configuration-schema.json) with a draft-07 validator, types strict — what the registry checks;
 *  - through the hook's own configuration loader — what the hook answers InvalidTypeConfiguration to.
 * Returns the problems as readable strings; [] means valid.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { loadSettings } from '../../src/engine/config';
import { REGISTRY } from '../../src/engine/registry';

const ROOT = join(__dirname, '..', '..');
const settings = JSON.parse(readFileSync(join(ROOT, '.rpdk-config'), 'utf8'));
export const SCHEMA_FILE = `${String(settings.typeName).split('::').map((s) => s.toLowerCase()).join('-')}.json`;
const schema = JSON.parse(readFileSync(join(ROOT, SCHEMA_FILE), 'utf8'));

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, logger: false });
const validateProperties = ajv.compile({ ...schema.typeConfiguration, definitions: schema.definitions ?? {} });

const HOOK_CONFIGURATION: Record<string, (v: unknown) => boolean> = {
  HookInvocationStatus: (v) => v === 'ENABLED' || v === 'DISABLED',
  FailureMode: (v) => v === 'FAIL' || v === 'WARN',
  TargetOperations: (v) => Array.isArray(v) && v.length > 0 && v.every((x) => ['STACK', 'RESOURCE', 'CHANGE_SET', 'CLOUD_CONTROL'].includes(x)),
  TargetStacks: (v) => v === 'ALL' || v === 'NONE',
  Properties: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  EncryptionConfiguration: (v) => typeof v === 'object' && v !== null,
  TargetFilters: (v) => typeof v === 'object' && v !== null,
  StackFilters: (v) => typeof v === 'object' && v !== null,
};

export function typeConfigurationProblems(document: unknown): string[] {
  const hc = (document as { CloudFormationConfiguration?: { HookConfiguration?: Record<string, unknown> } })?.CloudFormationConfiguration
    ?.HookConfiguration;
  if (!hc || typeof hc !== 'object') return ['CloudFormationConfiguration.HookConfiguration is missing'];
  const problems: string[] = [];
  for (const [key, value] of Object.entries(hc)) {
    const check = HOOK_CONFIGURATION[key];
    if (!check) problems.push(`HookConfiguration.${key} is not a known key`);
    else if (!check(value)) problems.push(`HookConfiguration.${key} has an invalid value ${JSON.stringify(value)}`);
  }
  for (const key of ['HookInvocationStatus', 'FailureMode', 'TargetOperations']) if (!(key in hc)) problems.push(`HookConfiguration.${key} is missing`);
  const properties = hc.Properties ?? {};
  if (!validateProperties(properties)) {
    for (const e of validateProperties.errors ?? []) problems.push(`Properties${e.instancePath.replace(/\//g, '.')} ${e.message}`);
  }
  try {
    loadSettings(properties, REGISTRY.ids, { accountId: '123456789012' });
  } catch (e) {
    problems.push(`the hook rejects it: ${(e as Error).message}`);
  }
  return problems;
}
