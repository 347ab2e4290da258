/**
 * The package a developer installs: `npm pack` gives a tarball that installs into an empty project with
 * `--omit=dev`, offline and with an empty cache (so it has no runtime dependency at all), and whose
 * `pipeline-guard` bin runs `check`. Nothing but the bundles, the report schema, the hook schema, README and
 * package.json is shipped.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt } from '../helpers/built';

const ROOT = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown> & { name: string; version: string; bin: Record<string, string> };
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

let tmp: string;
let tarball: string;
let packed: { files: Array<{ path: string }> };

beforeAll(() => {
  ensureBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'pg-package-'));
  // --ignore-scripts: `prepare` would rebuild dist/ while other test files run it
  const r = spawnSync(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', tmp], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm pack failed: ${r.stderr}`);
  packed = (JSON.parse(r.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>)[0];
  tarball = join(tmp, (packed as unknown as { filename: string }).filename);
}, 60000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

it('is a public scoped package with a pipeline-guard bin and no runtime dependencies', () => {
  expect(pkg.name).toMatch(/^@pipeline-guard\//);
  expect(pkg.private).toBeUndefined();
  expect(pkg.publishConfig).toEqual({ access: 'public' });
  expect(pkg.bin).toEqual({ 'pipeline-guard': 'dist/cli.js' });
  expect(pkg.dependencies ?? {}).toEqual({});
  expect(pkg.optionalDependencies ?? {}).toEqual({});
  expect(pkg.peerDependencies ?? {}).toEqual({});
});

it('the tarball holds only what is needed', () => {
  expect(packed.files.map((f) => f.path).sort()).toEqual(
    [
      'LICENSE',
      'README.md',
      'dist/cli.js',
      'dist/generated/iam-catalogue.br', // data sets read on first use (scripts/build.mjs)
      'dist/generated/managed-policies.br',
      'dist/handlers.js',
      'docs/check-report.schema.json',
      'package.json',
      'pipelineguard-cicd-hook.json',
    ].sort(),
  );
});

it('installs with --omit=dev into an empty project, offline and with an empty cache, and runs check', () => {
  const project = join(tmp, 'consumer');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  const install = spawnSync(npm, ['install', '--offline', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--cache', join(tmp, 'empty-cache'), tarball], {
    cwd: project,
    encoding: 'utf8',
    timeout: 20000,
  });
  expect(install.stderr).not.toMatch(/ERR!/);
  expect(install.status).toBe(0);
  // the package and nothing else
  const modules = readdirSync(join(project, 'node_modules')).filter((d) => !d.startsWith('.'));
  expect(modules).toEqual(['@pipeline-guard']);
  expect(readdirSync(join(project, 'node_modules', '@pipeline-guard'))).toEqual([pkg.name.split('/')[1]]);

  const bin = join(project, 'node_modules', '.bin', process.platform === 'win32' ? 'pipeline-guard.cmd' : 'pipeline-guard');
  expect(existsSync(bin)).toBe(true);
  const version = spawnSync(bin, ['--version'], { cwd: project, encoding: 'utf8' });
  expect(version.stdout).toBe(`${pkg.version}\n`);

  const template = join(project, 'build.template.json');
  writeFileSync(template, JSON.stringify({ Resources: { Build: { Type: 'AWS::CodeBuild::Project', Properties: { Environment: { PrivilegedMode: true } } } } }));
  const check = spawnSync(bin, ['check', 'build.template.json', '-f', 'json'], { cwd: project, encoding: 'utf8' });
  expect(check.stderr).toBe('');
  expect(check.status).toBe(1);
  const report = JSON.parse(check.stdout) as { findings: Array<{ logicalId: string; controlId: string; status: string }> };
  expect(report.findings.find((f) => f.controlId === 'CICD.CODEBUILD.5')).toMatchObject({ logicalId: 'Build', status: 'FAIL' });
}, 30000);
