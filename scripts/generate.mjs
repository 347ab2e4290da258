// Regenerates what is derived from control metadata: the schema's handler targetNames and docs/controls.md.
// Run with `npm run gen` (after adding or changing a control). A test fails when either is stale.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';

const env = { ...process.env, PIPELINE_GUARD_LOG: 'off' };
const cli = (...args) => execFileSync(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8', env });
const targets = JSON.parse(cli('controls', '--format', 'targets'));
const schemaPath = 'pipelineguard-cicd-hook.json'; // where the cfn CLI expects it: <hyphenated lowercase type name>.json at the root
const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
const keys = { CREATE: 'preCreate', UPDATE: 'preUpdate', DELETE: 'preDelete' };
for (const [action, key] of Object.entries(keys)) {
  if (targets[action].length > 0) schema.handlers[key] = { targetNames: targets[action], permissions: schema.handlers[key]?.permissions ?? [] };
  else delete schema.handlers[key];
}
writeFileSync(schemaPath, `${JSON.stringify(schema, null, 2)}\n`);
writeFileSync('docs/controls.md', cli('controls', '--format', 'markdown'));
writeFileSync('docs/configuration.md', cli('controls', '--format', 'configuration'));

// cfn test inputs (inputs/inputs_1_*.json) from test/fixtures/contract/*.json, primitives stringified.
const str = (v) => (typeof v === 'boolean' || typeof v === 'number' ? String(v)
  : Array.isArray(v) ? v.map(str)
  : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, str(x)])) : v);
const fixtures = readdirSync('test/fixtures/contract').filter((f) => f.startsWith('aws-') && f.endsWith('.json')).sort()
  .map((f) => JSON.parse(readFileSync(`test/fixtures/contract/${f}`, 'utf8')));
const byType = new Map(fixtures.map((f) => [f.type, f]));
const inputs = { pre_create: {}, pre_update: {}, pre_delete: {}, invalid_pre_create: {}, invalid_pre_update: {}, invalid_pre_delete: {} };
for (const t of targets.CREATE) {
  const f = byType.get(t);
  if (!f) continue;
  inputs.pre_create[t] = { resourceProperties: str(f.compliant) };
  inputs.invalid_pre_create[t] = { resourceProperties: str(f.noncompliant) };
}
for (const t of targets.UPDATE) {
  const f = byType.get(t);
  if (!f) continue;
  inputs.pre_update[t] = { resourceProperties: str(f.compliant), previousResourceProperties: str(f.compliant) };
  inputs.invalid_pre_update[t] = { resourceProperties: str(f.noncompliant), previousResourceProperties: str(f.compliant) };
}
for (const t of targets.DELETE) {
  const f = byType.get(t);
  if (!f) continue;
  inputs.pre_delete[t] = { resourceProperties: str(f.compliant) };
  if (f.protected) inputs.invalid_pre_delete[t] = { resourceProperties: str(f.protected) };
}
// STACK / CHANGE_SET: `cfn test` sends the input as targetModel, which the hook reads as the payload itself
const stackInputs = JSON.parse(readFileSync('test/fixtures/contract/stack-targets.json', 'utf8'));
for (const [kind, actionTargets] of [['pre_create', targets.CREATE], ['pre_update', targets.UPDATE]]) {
  for (const t of ['STACK', 'CHANGE_SET'].filter((x) => actionTargets.includes(x))) {
    inputs[kind][t] = stackInputs.compliant;
    inputs[`invalid_${kind}`][t] = stackInputs.noncompliant;
  }
}
mkdirSync('inputs', { recursive: true });
for (const [kind, content] of Object.entries(inputs)) {
  if (Object.keys(content).length > 0) writeFileSync(`inputs/inputs_1_${kind}.json`, `${JSON.stringify(content, null, 2)}\n`);
}
console.error(`schema targets: create ${targets.CREATE.length}, update ${targets.UPDATE.length}, delete ${targets.DELETE.length}; docs/controls.md written`);
