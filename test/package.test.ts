/**
 * The registry package (scripts/package.mjs) and the bundle it ships (scripts/build.mjs): built into a
 * temp directory in a child process (the scripts are ES modules), then read back with a small zip reader.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { parse } from 'yaml';
import { MOTO_CREDENTIALS } from './helpers/moto';
import { startSeededMoto, type SeededMoto } from './helpers/seed';

const ROOT = resolve(__dirname, '..');

/** Entries of a zip (stored or deflated), located through the central directory. */
function readZip(zip: Buffer): Map<string, Buffer> {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('no end-of-central-directory record');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory entry');
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLen);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    out.set(name, method === 0 ? Buffer.from(data) : inflateRawSync(data));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** Runs an ES-module snippet in the repository and returns its JSON output. */
function runModule<T>(code: string, env: Record<string, string> = {}): T {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', code], {
    cwd: ROOT,
    env: { ...process.env, PIPELINE_GUARD_BUILD_QUIET: '1', ...env },
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(out) as T;
}

interface PackageResult {
  path: string;
  entries: string[];
  externals: string[];
}

let dir: string;
let first: PackageResult;
let pkg: Map<string, Buffer>;

/** Hook requests as CloudFormation sends them to a hook with an execution role (callerCredentials: moto accepts any). */
function packagedRequests(): Array<Record<string, unknown>> {
  const fixture = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/contract/aws-codebuild-project.json'), 'utf8'));
  const request = (props: unknown, token: string) => ({
    clientRequestToken: token,
    awsAccountId: '123456789012',
    stackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/ci-pipeline/2b0c8a30-1c2d-11f0-9d3e-0a1b2c3d4e5f',
    hookTypeName: 'PipelineGuard::CICD::Hook',
    hookTypeVersion: '00000001',
    hookModel: null,
    actionInvocationPoint: 'CREATE_PRE_PROVISION',
    requestData: {
      targetName: 'AWS::CodeBuild::Project',
      targetType: 'RESOURCE',
      targetLogicalId: 'Build',
      targetModel: { resourceProperties: props },
      callerCredentials: JSON.stringify(MOTO_CREDENTIALS),
    },
    requestContext: { invocation: 1, callbackContext: null },
  });
  const requests = [request(fixture.compliant, 'ok-1'), request({ ...fixture.compliant, Environment: { ...fixture.compliant.Environment, PrivilegedMode: 'true' } }, 'bad-1')];
  // an IAM role judged by an AWS managed policy's content: the data files are found next to the bundle
  const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'codebuild.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
  const role = request({ AssumeRolePolicyDocument: trust, ManagedPolicyArns: ['arn:aws:iam::aws:policy/PowerUserAccess'] }, 'iam-1');
  requests.push({ ...role, requestData: { ...role.requestData, targetName: 'AWS::IAM::Role', targetLogicalId: 'Role' } });
  return requests;
}

// the packaged handler looks up what ok-1 names (live lookups, fail closed): seeded compliant in moto
let moto: SeededMoto | undefined;
beforeAll(async () => {
  moto = await startSeededMoto([packagedRequests()[0]]);
}, 60_000);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pg-package-'));
  const build = (out: string, zip: string) => `
    import { buildAll } from './scripts/build.mjs';
    import { buildPackage } from './scripts/package.mjs';
    await buildAll({ handlerOutfile: ${JSON.stringify(join(dir, out, 'dist/handlers.js'))}, cli: false });
    const r = await buildPackage({ handlerRoot: ${JSON.stringify(join(dir, out))}, outFile: ${JSON.stringify(join(dir, zip))} });
    process.stdout.write(JSON.stringify(r));`;
  first = runModule<PackageResult>(build('a', 'first.zip'));
  // A second, independent build in another timezone must give the same bytes.
  runModule(build('b', 'second.zip'), { TZ: 'Pacific/Auckland' });
  pkg = readZip(readFileSync(first.path));
}, 120_000);

afterAll(async () => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  await moto?.stop();
});

describe('registry package', () => {
  it('has exactly the members cfn submit uploads, root-relative', () => {
    const inputs = ['inputs_1_invalid_pre_create.json', 'inputs_1_invalid_pre_update.json', 'inputs_1_pre_create.json', 'inputs_1_pre_update.json'];
    expect([...pkg.keys()].filter((n) => !n.startsWith('inputs/'))).toEqual([
      '.cfn_metadata.json',
      '.rpdk-config',
      'ResourceProvider.zip',
      'configuration-schema.json',
      'schema.json',
    ]);
    for (const f of inputs) expect(pkg.get(`inputs/${f}`)?.equals(readFileSync(join(ROOT, 'inputs', f)))).toBe(true);
    expect(first.entries).toEqual([...pkg.keys()]);
  });

  it('is byte-for-byte reproducible', () => {
    expect(readFileSync(join(dir, 'second.zip')).equals(readFileSync(join(dir, 'first.zip')))).toBe(true);
  });

  it('ships the schema and settings unchanged and derives the configuration schema like cfn generate', () => {
    const schemaBytes = readFileSync(join(ROOT, 'pipelineguard-cicd-hook.json'));
    expect(pkg.get('schema.json')?.equals(schemaBytes)).toBe(true);
    expect(pkg.get('.rpdk-config')?.equals(readFileSync(join(ROOT, '.rpdk-config')))).toBe(true);
    const schema = JSON.parse(schemaBytes.toString('utf8'));
    const config = JSON.parse(pkg.get('configuration-schema.json')!.toString('utf8'));
    expect(Object.keys(config)).toEqual([...Object.keys(schema.typeConfiguration), 'definitions', 'typeName']);
    expect(config.typeName).toBe('PipelineGuard::CICD::Hook');
    expect(config.definitions).toEqual(schema.definitions);
    expect(config.properties).toEqual(schema.typeConfiguration.properties);
    expect(JSON.parse(pkg.get('.cfn_metadata.json')!.toString('utf8'))).toMatchObject({ 'cli-version': 'n/a', 'plugin-tool': 'pipeline-guard' });
  });

  it('ResourceProvider.zip holds only the bundle, the data sets it reads on first use and a minimal package.json', () => {
    const rp = readZip(pkg.get('ResourceProvider.zip')!);
    expect([...rp.keys()]).toEqual(['dist/generated/iam-catalogue.br', 'dist/generated/managed-policies.br', 'dist/handlers.js', 'package.json']);
    for (const f of ['iam-catalogue.br', 'managed-policies.br']) expect(rp.get(`dist/generated/${f}`)?.equals(readFileSync(join(ROOT, 'src/predicates/generated', f)))).toBe(true);
    const manifest = JSON.parse(rp.get('package.json')!.toString('utf8'));
    expect(manifest.main).toBe('dist/handlers.js');
    expect(manifest).not.toHaveProperty('dependencies');
    expect(manifest).not.toHaveProperty('type'); // the bundle is CommonJS
  });

  it('leaves only node builtins and AWS SDK v3 clients to the runtime', () => {
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    expect(first.externals.length).toBeGreaterThan(0);
    for (const s of first.externals) expect(builtins.has(s) || /^@aws-sdk\/[a-z0-9-]+$/.test(s)).toBe(true);
  });

  it('the packaged handler answers hook requests outside the repository (no node_modules; the SDK from the runtime NODE_PATH)', async () => {
    const rp = readZip(pkg.get('ResourceProvider.zip')!);
    const handlerFile = join(dir, 'extracted', 'dist', 'handlers.js');
    for (const [name, data] of rp) {
      mkdirSync(dirname(join(dir, 'extracted', name)), { recursive: true });
      writeFileSync(join(dir, 'extracted', name), data);
    }
    // the Lambda runtime provides the AWS SDK v3 on its NODE_PATH, and nothing else: so does this one
    const runtime = join(dir, 'runtime', 'node_modules');
    mkdirSync(runtime, { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', '@aws-sdk'), join(runtime, '@aws-sdk'), 'dir');
    const requests = packagedRequests();
    const out = execFileSync(
      process.execPath,
      ['-e', `const h = require(${JSON.stringify(handlerFile)}); Promise.all(${JSON.stringify(requests)}.map((r) => h.entrypoint(r))).then((a) => process.stdout.write(JSON.stringify({ a, t: typeof h.testEntrypoint })))`],
      { cwd: dir, env: { ...process.env, PIPELINE_GUARD_LOG: 'off', NODE_PATH: runtime, ...moto!.env }, encoding: 'utf8' },
    );
    const { a, t } = JSON.parse(out) as { a: Array<Record<string, unknown>>; t: string };
    expect(t).toBe('function');
    expect(a[0]).toMatchObject({ hookStatus: 'SUCCESS', clientRequestToken: 'ok-1' });
    expect(a[0]).not.toHaveProperty('errorCode');
    // ok-1's SUCCESS was judged with live lookups: the packaged handler looked up every seeded fact in moto
    expect({ seeded: moto!.seeded.length > 0, unsupported: moto!.unsupported, notLookedUp: await moto!.notLookedUp() }).toEqual({ seeded: true, unsupported: [], notLookedUp: [] });
    expect(a[1]).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant', clientRequestToken: 'bad-1' });
    expect(String(a[1].message)).toContain('CICD.CODEBUILD.5');
    expect(a[2]).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant', clientRequestToken: 'iam-1' });
    expect(String(a[2].message)).toContain('CICD.IAM.2');
  });
});

describe('lazily compiled Encryption SDK chunk', () => {
  it('decrypts what it encrypted when bundled through lazyModulePlugin', () => {
    const entry = join(dir, 'lazy-entry.js');
    writeFileSync(
      entry,
      `exports.roundTrip = async () => {
        const sdk = await import('@aws-crypto/client-node');
        const { encrypt, decrypt } = sdk.buildClient(sdk.CommitmentPolicy.REQUIRE_ENCRYPT_ALLOW_DECRYPT);
        const keyring = new sdk.RawAesKeyringNode({ keyName: 'k', keyNamespace: 'test', unencryptedMasterKey: new Uint8Array(32).fill(7),
          wrappingSuite: sdk.RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING });
        const { result } = await encrypt(keyring, '{"accessKeyId":"A"}');
        return (await decrypt(keyring, result)).plaintext.toString('utf8');
      };`,
    );
    const out = join(dir, 'lazy-out.js');
    const r = runModule<{ plaintext: string; eagerSdkCode: boolean }>(`
      import { build } from 'esbuild';
      import { readFileSync } from 'node:fs';
      import { createRequire } from 'node:module';
      import { lazyModulePlugin } from './scripts/build.mjs';
      await build({ entryPoints: [${JSON.stringify(entry)}], outfile: ${JSON.stringify(out)}, bundle: true, platform: 'node', format: 'cjs',
        external: ['@aws-sdk/*'], nodePaths: [process.cwd() + '/node_modules'], logLevel: 'silent', plugins: [lazyModulePlugin(['@aws-crypto/client-node'])] });
      const plaintext = await createRequire(import.meta.url)(${JSON.stringify(out)}).roundTrip();
      process.stdout.write(JSON.stringify({ plaintext, eagerSdkCode: /KmsKeyringNode = class\b/.test(readFileSync(${JSON.stringify(out)}, 'utf8')) }));`,
      // the chunk requires @aws-sdk/client-kms at init; in Lambda the runtime provides it
      { NODE_PATH: join(ROOT, 'node_modules') },
    );
    expect(r.plaintext).toBe('{"accessKeyId":"A"}');
    expect(r.eagerSdkCode).toBe(false); // the SDK's code is not parsed as part of the bundle
  });
});

describe('hook-role.yaml', () => {
  const tags = ['Ref', 'Sub', 'GetAtt'].map((t) => ({ tag: `!${t}`, resolve: (v: string) => ({ [t === 'Ref' ? 'Ref' : `Fn::${t}`]: v }) }));
  const template = parse(readFileSync(join(ROOT, 'hook-role.yaml'), 'utf8'), { customTags: tags });
  const role = template.Resources.ExecutionRole.Properties;

  it('is trusted only by CloudFormation hooks of this type in this account', () => {
    const [trust] = role.AssumeRolePolicyDocument.Statement;
    expect(trust.Principal.Service.sort()).toEqual(['hooks.cloudformation.amazonaws.com', 'resources.cloudformation.amazonaws.com']);
    expect(trust.Condition.StringEquals['aws:SourceAccount']).toEqual({ Ref: 'AWS::AccountId' });
    expect(trust.Condition.StringLike['aws:SourceArn']['Fn::Sub']).toMatch(/:type\/hook\/PipelineGuard-CICD-Hook\/\*$/);
    expect(template.Outputs.ExecutionRoleArn.Value).toEqual({ 'Fn::GetAtt': 'ExecutionRole.Arn' });
  });

  it('grants the schema handlers’ permissions (exactly: test/facts/permissions.test.ts) in one policy', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'pipelineguard-cicd-hook.json'), 'utf8'));
    const permissions = new Set(Object.values(schema.handlers as Record<string, { permissions?: string[] }>).flatMap((h) => h.permissions ?? []));
    expect(role.Policies.map((p: { PolicyName: string }) => p.PolicyName)).toEqual(['HookTypePolicy']);
    const granted = new Set(role.Policies[0].PolicyDocument.Statement.flatMap((s: { Action: string | string[] }) => [s.Action].flat()));
    expect([...granted].sort()).toEqual([...permissions].sort());
    expect(role.MaxSessionDuration).toBe(3600); // the hook's own CICD.IAM.18 maximum (cfn generate would write 8400)
  });
});
