/**
 * What the cfn CLI needs from the project layout, checked without the CLI (CI cannot run it):
 * the schema where `cfn validate/test/submit/generate` look for it, `.rpdk-config` settings that build without
 * SAM, contract inputs the CLI does not discard as export templates, and a contract type configuration that is
 * valid against the hook's own schema. The CLI rules are quoted from cloudformation-cli (project.py,
 * test.py render_template, data_loaders.py) — see the README "Registering" section.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOOK_SCHEMA } from '../src/engine/schema';
import { ensureBuilt } from './helpers/built';
import { SCHEMA_FILE, typeConfigurationProblems } from './helpers/type-configuration';

const ROOT = join(__dirname, '..');
const rpdk = JSON.parse(readFileSync(join(ROOT, '.rpdk-config'), 'utf8'));
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');

/** cloudformation-cli test.py render_template: any match is looked up as a CloudFormation export. */
const CLI_EXPORT_PLACEHOLDER = /{{([-A-Za-z0-9:\s]+?)}}/g;
/** Exports the inputs are meant to take from the account (`{{Name}}`); none today. */
const INTENDED_EXPORTS: string[] = [];
const exportPlaceholders = (text: string) => [...text.matchAll(CLI_EXPORT_PLACEHOLDER)].map((m) => m[1].trim());

describe('schema location', () => {
  test('the hook schema is <hyphenated lowercase type name>.json at the project root (Project.schema_path)', () => {
    expect(SCHEMA_FILE).toBe('pipelineguard-cicd-hook.json');
    expect(existsSync(join(ROOT, SCHEMA_FILE))).toBe(true);
    expect(JSON.parse(read(SCHEMA_FILE)).typeName).toBe(rpdk.typeName);
  });

  test('it is the one source of truth: the engine bundles that file, and no other copy exists', () => {
    expect(HOOK_SCHEMA).toEqual(JSON.parse(read(SCHEMA_FILE)));
    expect(existsSync(join(ROOT, 'schema', SCHEMA_FILE))).toBe(false);
    for (const f of readdirSync(ROOT)) {
      if (f === SCHEMA_FILE || !f.endsWith('.json') || ['package.json', 'package-lock.json', 'tsconfig.json'].includes(f)) continue;
      expect({ f, typeName: JSON.parse(read(f)).typeName }).toEqual({ f, typeName: undefined });
    }
  });
});

describe('.rpdk-config', () => {
  test('has what the CLI hook loader requires', () => {
    expect(rpdk.artifact_type).toBe('HOOK');
    for (const key of ['language', 'typeName', 'runtime', 'entrypoint', 'testEntrypoint']) expect(rpdk).toHaveProperty(key);
    expect(rpdk.typeName).toMatch(/^[a-zA-Z0-9]{2,64}::[a-zA-Z0-9]{2,64}::[a-zA-Z0-9]{2,64}$/);
    expect(['1.0.0', '2.0.0']).toContain(rpdk.settings.protocolVersion);
  });

  test('cfn submit builds without SAM or Docker: buildCommand replaces `npm install && sam build`', () => {
    expect(rpdk.settings.use_docker).toBe(false);
    expect(typeof rpdk.settings.buildCommand).toBe('string');
    expect(rpdk.settings.buildCommand).not.toMatch(/\bsam\b|docker/);
    expect(rpdk.settings.buildCommand).toMatch(/node scripts\/cfn-build\.mjs$/);
  });

  test('the build command (with " TypeFunction" appended, as the plugin does) writes the handler package to build/TypeFunction', () => {
    ensureBuilt();
    const dir = mkdtempSync(join(tmpdir(), 'pg-cfn-build-'));
    try {
      for (const f of ['.rpdk-config', 'package.json']) writeFileSync(join(dir, f), read(f));
      symlinkSync(join(ROOT, 'dist'), join(dir, 'dist'));
      execFileSync(process.execPath, [join(ROOT, 'scripts', 'cfn-build.mjs'), 'TypeFunction'], { cwd: dir, stdio: 'pipe' });
      const out = join(dir, 'build', 'TypeFunction');
      const [file, fn] = [rpdk.entrypoint.replace(/\.[^.]+$/, ''), rpdk.entrypoint.replace(/^.*\./, '')];
      expect(readFileSync(join(out, `${file}.js`)).equals(readFileSync(join(ROOT, `${file}.js`)))).toBe(true);
      expect(JSON.parse(readFileSync(join(out, 'package.json'), 'utf8')).main).toBe(`${file}.js`);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(join(out, `${file}.js`));
      expect(typeof mod[fn]).toBe('function');
      expect(typeof mod[rpdk.testEntrypoint.replace(/^.*\./, '')]).toBe('function');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('contract inputs', () => {
  const files = readdirSync(join(ROOT, 'inputs')).filter((f) => f.endsWith('.json'));

  test('file names are ones the CLI discovers (inputs_<n>_<kind>.json, n < 10)', () => {
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(f).toMatch(/^inputs_[1-9]_(invalid_)?(pre_create|pre_update|pre_delete)\.json$|^inputs_[1-9]_invalid\.json$/);
  });

  test('contain no {{...}} the CLI would take for a CloudFormation export (it would discard the whole file)', () => {
    for (const f of files) {
      const unintended = exportPlaceholders(read(join('inputs', f))).filter((name) => !INTENDED_EXPORTS.includes(name));
      expect({ f, unintended }).toEqual({ f, unintended: [] });
    }
  });

  test('the placeholder check is not vacuous: the old spelling of the secret reference is caught', () => {
    expect(exportPlaceholders('{"Password":"{{resolve:secretsmanager:ci-deployer:SecretString:password}}"}')).toEqual([
      'resolve:secretsmanager:ci-deployer:SecretString:password',
    ]);
    expect(exportPlaceholders('{"Password":"{{resolve:secretsmanager:ci/deployer:SecretString:password}}"}')).toEqual([]);
  });

  test('still exercise dynamic references to secrets (the plaintext-secret controls must accept them, the user controls still fail)', () => {
    const invalid = JSON.parse(read('inputs/inputs_1_invalid_pre_create.json'));
    expect(invalid['AWS::IAM::User'].resourceProperties.LoginProfile.Password).toMatch(/^{{resolve:secretsmanager:[^}]+}}$/);
    const valid = read('inputs/inputs_1_pre_create.json');
    expect(valid).toMatch(/{{resolve:secretsmanager:[^}]+}}/);
  });
});

describe('contract type configuration (cfn test --typeconfig test/fixtures/contract/typeConfiguration.json)', () => {
  const doc = JSON.parse(read('test/fixtures/contract/typeConfiguration.json'));

  test('is valid against the hook schema and accepted by the hook', () => {
    expect(typeConfigurationProblems(doc)).toEqual([]);
  });

  test('the validation is not vacuous: ProtectedResourceNames as a string (the old fixture) is rejected by the schema', () => {
    const bad = JSON.parse(JSON.stringify(doc));
    bad.CloudFormationConfiguration.HookConfiguration.Properties.ProtectedResourceNames = 'protected-*';
    expect(typeConfigurationProblems(bad)).toContain('Properties.ProtectedResourceNames must be array');
    const unknown = JSON.parse(JSON.stringify(doc));
    unknown.CloudFormationConfiguration.HookConfiguration.Properties.ProtectedResourceName = ['x'];
    expect(typeConfigurationProblems(unknown).length).toBeGreaterThan(0);
  });
});
