/** The catalogue, the schema and the generated artefacts stay consistent. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { catalogueMarkdown, configurationMarkdown } from '../src/cli/catalogue';
import { ALL_CONTROLS } from '../src/controls';
import { HOOK_SCHEMA } from '../src/engine/schema';
import { targetsFromControls } from '../src/engine/targets';
import { caseFiles, type ControlCases } from './helpers/cases';

const root = join(__dirname, '..');
const SERVICES_DIR = join(root, 'src', 'controls');

describe('control catalogue', () => {
  test('IDs are unique, well formed and never reuse a slug', () => {
    const ids = ALL_CONTROLS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of ALL_CONTROLS) expect(c.id).toMatch(/^CICD\.[A-Z0-9]+\.[0-9]+$/);
    const slugs = ALL_CONTROLS.map((c) => c.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
  });

  test.each(ALL_CONTROLS.map((c) => [c.id, c] as const))('%s has complete metadata and a file named by its slug', (_id, c) => {
    expect(c.title.length).toBeGreaterThan(10);
    expect(c.rationale.length).toBeGreaterThan(40);
    expect(c.remediation.length).toBeGreaterThan(20);
    expect(c.requirement.length).toBeGreaterThan(10);
    expect(c.risks.length).toBeGreaterThan(0);
    expect(c.resourceTypes.length).toBeGreaterThan(0);
    for (const p of c.parameters ?? []) expect(Object.keys(HOOK_SCHEMA.typeConfiguration.properties)).toContain(p);
    const service = c.id.split('.')[1].toLowerCase();
    const found = [service, ...require('node:fs').readdirSync(SERVICES_DIR)].some((dir: string) => existsSync(join(SERVICES_DIR, dir, `${c.slug}.ts`)));
    expect(found).toBe(true);
  });

  test('every control has PASS and FAIL fixtures, including a case with the block missing', () => {
    const byId = new Map<string, ControlCases[]>();
    for (const f of caseFiles(join(__dirname, 'controls'))) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const spec = (require(f) as { default: ControlCases }).default;
      byId.set(spec.controlId, [...(byId.get(spec.controlId) ?? []), spec]);
    }
    const missing: string[] = [];
    for (const c of ALL_CONTROLS) {
      const cases = (byId.get(c.id) ?? []).flatMap((s) => s.cases);
      if (!cases.some((k) => k.expect === 'PASS')) missing.push(`${c.id}: no PASS case`);
      if (!cases.some((k) => k.expect === 'FAIL')) missing.push(`${c.id}: no FAIL case`);
      if (!cases.some((k) => /missing|absent|empty|without/i.test(k.name))) missing.push(`${c.id}: no missing-block case`);
    }
    expect(missing).toEqual([]);
  });
});

describe('generated artefacts are fresh (run `npm run gen`)', () => {
  test('schema handler targetNames are exactly the resource types the controls evaluate', () => {
    const t = targetsFromControls(ALL_CONTROLS);
    expect(HOOK_SCHEMA.handlers.preCreate?.targetNames ?? []).toEqual(t.CREATE);
    expect(HOOK_SCHEMA.handlers.preUpdate?.targetNames ?? []).toEqual(t.UPDATE);
    expect(HOOK_SCHEMA.handlers.preDelete?.targetNames ?? []).toEqual(t.DELETE);
  });

  test('every type checked on create is also checked on update (no update bypass)', () => {
    const t = targetsFromControls(ALL_CONTROLS);
    expect(t.UPDATE).toEqual(t.CREATE);
  });

  test('docs/controls.md matches the control metadata', () => {
    expect(readFileSync(join(root, 'docs', 'controls.md'), 'utf8')).toBe(catalogueMarkdown());
  });

  test('docs/configuration.md matches the schema', () => {
    expect(readFileSync(join(root, 'docs', 'configuration.md'), 'utf8')).toBe(configurationMarkdown());
  });
});

describe('hook schema', () => {
  const load = (f: string) => JSON.parse(readFileSync(join(__dirname, 'fixtures', 'meta-schema', f), 'utf8'));

  test('validates against the official hook meta-schema (what `cfn validate` checks)', () => {
    const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, validateFormats: false, logger: false });
    ajv.addSchema(load('base.definition.schema.v1.json'));
    ajv.addSchema(load('provider.configuration.definition.schema.hooks.v1.json'));
    const validate = ajv.compile(load('provider.definition.schema.hooks.v1.json'));
    const schema = JSON.parse(readFileSync(join(root, 'schema', 'pipelineguard-cicd-hook.json'), 'utf8'));
    expect(validate(schema) ? [] : validate.errors).toEqual([]);
  });

  test('the meta-schema check is not vacuous: a broken schema is rejected', () => {
    const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, validateFormats: false, logger: false });
    ajv.addSchema(load('base.definition.schema.v1.json'));
    ajv.addSchema(load('provider.configuration.definition.schema.hooks.v1.json'));
    const validate = ajv.compile(load('provider.definition.schema.hooks.v1.json'));
    const schema = JSON.parse(readFileSync(join(root, 'schema', 'pipelineguard-cicd-hook.json'), 'utf8'));
    schema.typeConfiguration.properties.bad_name = { type: 'string' };
    expect(validate(schema)).toBe(false);
  });

  test('cfn validate extra rules: no cloudformation:* or RegisterType permission, no "*?" target', () => {
    for (const h of Object.values(HOOK_SCHEMA.handlers)) {
      for (const p of h.permissions) expect(p).not.toMatch(/^cloudformation:(\*|RegisterType)$/);
      for (const t of h.targetNames) expect(t.includes('*?')).toBe(false);
    }
  });

  test('the hook needs no AWS permissions: pure evaluation of the request', () => {
    for (const h of Object.values(HOOK_SCHEMA.handlers)) expect(h.permissions).toEqual([]);
  });
});
