/** The catalogue, the schema and the generated artefacts stay consistent. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { catalogueMarkdown, configurationMarkdown } from '../src/cli/catalogue';
import { ALL_CONTROLS } from '../src/controls';
import { HOOK_SCHEMA } from '../src/engine/schema';
import { REGISTRY } from '../src/engine/registry';
import { targetsFromControls } from '../src/engine/targets';
import { caseFiles, expandCases, isAbsent, loadCases, valueAt } from './helpers/cases';

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

  const specs = caseFiles(join(__dirname, 'controls')).map((f) => ({ file: f.slice(join(__dirname, 'controls').length + 1), spec: loadCases(f) }));
  const typed = specs.flatMap(({ file, spec }) => expandCases(spec).map((c) => ({ file, c })));

  test('every cases file names a registered control and only resource types that control covers', () => {
    const wrong: string[] = [];
    for (const { file, spec } of specs) {
      const control = ALL_CONTROLS.find((c) => c.id === spec.controlId);
      if (!control) wrong.push(`${file}: ${spec.controlId} is not a registered control`);
      for (const { c } of typed.filter((t) => t.file === file)) {
        if (control && !control.resourceTypes.includes(c.resourceType)) wrong.push(`${file}: "${c.name}" runs on ${c.resourceType}, not covered by ${spec.controlId}`);
      }
      if (expandCases(spec).length === 0) wrong.push(`${file}: no case runs against any resource type`);
    }
    expect(wrong).toEqual([]);
  });

  test('every (control × resource type) pair has a PASS and a FAIL case', () => {
    const missing: string[] = [];
    for (const control of ALL_CONTROLS) {
      for (const type of control.resourceTypes) {
        const cases = typed.filter(({ c }) => c.controlId === control.id && c.resourceType === type).map(({ c }) => c);
        if (!cases.some((k) => k.expect === 'PASS')) missing.push(`${control.id} ${type}: no PASS case`);
        if (!cases.some((k) => k.expect === 'FAIL')) missing.push(`${control.id} ${type}: no FAIL case`);
      }
    }
    expect(missing).toEqual([]);
  });

  test('a missing-block case really lacks the block: every `absent` path is absent from its properties', () => {
    const present: string[] = [];
    for (const { file, c } of typed) {
      for (const path of c.absent) {
        if (path.trim() === '') present.push(`${file}: "${c.name}" (${c.resourceType}) declares an empty absent path`);
        else if (!isAbsent(c.properties, path)) present.push(`${file}: "${c.name}" (${c.resourceType}) declares ${path} absent, but it is ${JSON.stringify(valueAt(c.properties, path))}`);
      }
    }
    expect(present).toEqual([]);
  });

  test('the absent-path check is not vacuous: a present path is reported', () => {
    const props = { Environment: { PrivilegedMode: 'false', Vars: [{ Name: 'x' }] }, Policies: [{ PolicyDocument: null }] };
    expect(isAbsent(props, 'Environment.PrivilegedMode')).toBe(false);
    expect(isAbsent(props, 'Environment.Vars[0].Name')).toBe(false);
    expect(isAbsent(props, 'Environment.Vars.0.Name')).toBe(false);
    expect(isAbsent(props, 'Environment.Vars[1].Name')).toBe(true);
    expect(isAbsent(props, 'Environment.privilegedmode')).toBe(true);
    expect(isAbsent(props, 'Policies[0].PolicyDocument')).toBe(true);
    expect(isAbsent({ Tags: [] }, 'Tags')).toBe(false);
  });

  test('every (control × resource type) pair has a case with the block missing (one that declares `absent` paths)', () => {
    const missing: string[] = [];
    for (const control of ALL_CONTROLS) {
      for (const type of control.resourceTypes) {
        if (!typed.some(({ c }) => c.controlId === control.id && c.resourceType === type && c.absent.length > 0)) missing.push(`${control.id} ${type}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('generated artefacts are fresh (run `npm run gen`)', () => {
  test('schema handler targetNames are exactly the resource types the controls evaluate', () => {
    const t = targetsFromControls(REGISTRY.controls);
    expect(HOOK_SCHEMA.handlers.preCreate?.targetNames ?? []).toEqual(t.CREATE);
    expect(HOOK_SCHEMA.handlers.preUpdate?.targetNames ?? []).toEqual(t.UPDATE);
    expect(HOOK_SCHEMA.handlers.preDelete?.targetNames ?? []).toEqual(t.DELETE);
  });

  test('every type checked on create is also checked on update (no update bypass)', () => {
    const t = targetsFromControls(REGISTRY.controls);
    // change sets are only ever created (CHANGE_SET is a preCreate target only)
    expect(t.UPDATE).toEqual(t.CREATE.filter((x) => x !== 'CHANGE_SET'));
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
    const schema = JSON.parse(readFileSync(join(root, 'pipelineguard-cicd-hook.json'), 'utf8'));
    expect(validate(schema) ? [] : validate.errors).toEqual([]);
  });

  test('the meta-schema check is not vacuous: a broken schema is rejected', () => {
    const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, validateFormats: false, logger: false });
    ajv.addSchema(load('base.definition.schema.v1.json'));
    ajv.addSchema(load('provider.configuration.definition.schema.hooks.v1.json'));
    const validate = ajv.compile(load('provider.definition.schema.hooks.v1.json'));
    const schema = JSON.parse(readFileSync(join(root, 'pipelineguard-cicd-hook.json'), 'utf8'));
    schema.typeConfiguration.properties.bad_name = { type: 'string' };
    expect(validate(schema)).toBe(false);
  });

  test('cfn validate extra rules: no cloudformation:* or RegisterType permission, no "*?" target', () => {
    for (const h of Object.values(HOOK_SCHEMA.handlers)) {
      for (const p of h.permissions) expect(p).not.toMatch(/^cloudformation:(\*|RegisterType)$/);
      for (const t of h.targetNames) expect(t.includes('*?')).toBe(false);
    }
  });

  test('the hook needs only the live lookups\' read-only permissions (exactly lookupPermissions(): test/facts/permissions.test.ts)', () => {
    for (const h of Object.values(HOOK_SCHEMA.handlers)) for (const p of h.permissions) expect(p).toMatch(/^[a-z0-9-]+:(Get|List|Describe|BatchGet)[A-Za-z]+$/);
  });
});

/** A CDK construct or property: `kms.Key`, `versioned: true`, `key.grantDecrypt(role)`, `RemovalPolicy.RETAIN`. */
const CDK_MENTION = /\b[a-z][a-z0-9]*\.[A-Z][A-Za-z0-9_]*\b|\b[a-z][a-zA-Z0-9]*: |\b[a-z][a-zA-Z0-9]*\.[a-z][a-zA-Z0-9]*\(|\b[A-Z][a-zA-Z]+\.[A-Z][A-Z0-9_]+\b/;

describe('fix metadata (cdkHint, exemptionHint)', () => {
  test('the CDK-mention matcher accepts construct properties and rejects prose', () => {
    for (const ok of ['versioned: true on s3.Bucket', 'kms.Key', 'key.grantDecrypt(role)', 'RemovalPolicy.RETAIN']) expect(ok).toMatch(CDK_MENTION);
    for (const prose of ['set it to true', 'use the default. Then deploy', 'CDK does this by default']) expect(prose).not.toMatch(CDK_MENTION);
  });

  test.each(ALL_CONTROLS.filter((c) => c.cdkHint !== undefined).map((c) => [c.id, c] as const))('%s: the cdkHint is non-empty and names a CDK construct or property', (_id, c) => {
    expect(c.cdkHint!.trim().length).toBeGreaterThan(5);
    expect(c.cdkHint).toMatch(CDK_MENTION);
    expect(c.cdkHint).not.toMatch(/^\(?CDK:/);
  });

  test('the CDK form lives in cdkHint only: no remediation carries "(CDK: …)" or "in CDK …"', () => {
    const mixed = ALL_CONTROLS.filter((c) => /\(CDK\b|\bin CDK\b/i.test(c.remediation)).map((c) => c.id);
    expect(mixed).toEqual([]);
  });

  test('controls whose CDK property is plain have a hint', () => {
    const expected: Record<string, RegExp> = {
      'CICD.CODEBUILD.5': /privileged: false/,
      'CICD.CODEBUILD.7': /encryptionKey: new kms\.Key\(.*enableKeyRotation: true/,
      'CICD.S3.2': /versioned: true/,
      'CICD.S3.3': /serverAccessLogsBucket/,
      'CICD.S3.4': /blockPublicAccess: s3\.BlockPublicAccess\.BLOCK_ALL/,
      'CICD.S3.5': /enforceSSL: true/,
      'CICD.CODEPIPELINE.1': /crossAccountKeys: true.*artifactBucket/,
      'CICD.CODEPIPELINE.10': /pipelineType: codepipeline\.PipelineType\.V2/,
      'CICD.ECR.1': /imageScanOnPush: true/,
      'CICD.ECR.2': /imageTagMutability: ecr\.TagMutability\.IMMUTABLE/,
      'CICD.KMS.1': /enableKeyRotation: true/,
    };
    for (const [id, re] of Object.entries(expected)) expect({ id, hint: ALL_CONTROLS.find((c) => c.id === id)?.cdkHint }).toEqual({ id, hint: expect.stringMatching(re) });
  });

  test('the log-group key hint carries the grant for the logs service (without it the log group cannot be created)', () => {
    const hint = ALL_CONTROLS.find((c) => c.id === 'CICD.LOGS.1')?.cdkHint ?? '';
    expect(hint).toMatch(/logs\.LogGroup\(.*encryptionKey/);
    expect(hint).toMatch(/ServicePrincipal\(`logs\.\$\{this\.region\}\.amazonaws\.com`\)/);
    expect(hint).toMatch(/kms:GenerateDataKey\*/);
  });

  test('privileged mode names the platform exemption as the way for Docker builds; exemption hints are sentences', () => {
    expect(ALL_CONTROLS.find((c) => c.id === 'CICD.CODEBUILD.5')?.exemptionHint).toMatch(/Docker/);
    for (const c of ALL_CONTROLS.filter((x) => x.exemptionHint !== undefined)) {
      expect(c.exemptionHint!.trim().length).toBeGreaterThan(20);
      expect(c.exemptionHint).not.toMatch(/^If\b|[.:]$/);
    }
  });

  test('docs/controls.md shows each hint under its control', () => {
    const md = catalogueMarkdown();
    for (const c of ALL_CONTROLS.filter((x) => x.cdkHint)) expect(md).toContain(`**CDK.** ${c.cdkHint}`);
    for (const c of ALL_CONTROLS.filter((x) => x.exemptionHint)) expect(md).toContain(`**Exemption.** If ${c.exemptionHint}`);
  });
});
