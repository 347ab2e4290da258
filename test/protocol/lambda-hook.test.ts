/**
 * The Lambda-hook mode (AWS::CloudFormation::LambdaHook): its event shape, the platform-owned
 * configuration (inline env var, or an SSM parameter read with the real AWS SDK from a moto_server started
 * here), unguarded types, malformed events, and the documented error codes only. One evaluation path:
 * the same answer as the registry mode for the same properties and configuration.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DeleteParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { handleHookEvent } from '../../src/protocol/hook';
import {
  CONFIG_ENV,
  CONFIG_PARAMETER_ENV,
  CONFIG_TTL_MS,
  handleLambdaHookEvent,
  LAMBDA_ERROR_CODES,
  resetConfigCache,
  ssmReadParameter,
  type LambdaHookDeps,
} from '../../src/protocol/lambda-hook';
import type { LogSink } from '../../src/protocol/log';
import type { HookResponse } from '../../src/protocol/wire';
import { freePort, startMoto, type Moto } from '../helpers/moto';
import { ACCOUNT, buildRequest, codebuildProject, NOW, STACK_NAME, type RequestOptions } from '../helpers/requests';
import { askedFacts, seedMoto } from '../helpers/seed';

const ROOT = join(__dirname, '..', '..');
const TOKEN = '6d1b0f8e-0f7b-4a55-9c39-2c0a9d1f3f5a';
const FUNCTION_ARN = `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:pipeline-guard`;
const PRIVILEGED = 'CICD.CODEBUILD.5';

/**
 * An event as a LambdaHook sends it: the registry envelope with hookModel = {LambdaFunction}, the alias as
 * hookTypeName, no credentials, and (as in the Lambda-hook page's and AWS workshop's examples) the type
 * name in targetType.
 */
function lambdaEvent(o: RequestOptions): Record<string, unknown> {
  const e = buildRequest({ ...o, hookModel: { LambdaFunction: FUNCTION_ARN } });
  const data = e.requestData as Record<string, unknown>;
  delete data.callerCredentials;
  data.targetType = o.type;
  e.hookTypeName = 'Private::Pipeline::Guard';
  return e;
}

interface Run {
  response: HookResponse;
  logs: Array<Record<string, unknown>>;
  reads: string[];
}

/** The real Lambda-mode handler with a given environment; parameter reads are counted, not replaced, unless `readParameter` is given. */
async function run(event: unknown, env: Record<string, string | undefined>, deps: Partial<LambdaHookDeps> = {}): Promise<Run> {
  const lines: string[] = [];
  const sink: LogSink = { write: (l) => lines.push(l) };
  const reads: string[] = [];
  const base = deps.readParameter;
  const response = await handleLambdaHookEvent(event, {
    now: () => NOW,
    sink,
    deliver: undefined,
    env,
    // lookups off in-process (these tests are about configuration); the built-bundle test below looks up against moto
    lookups: undefined,
    ...deps,
    readParameter: async (name, ms) => {
      reads.push(name);
      if (!base) throw Object.assign(new Error('no reader in this test'), { name: 'NoReader' });
      return base(name, ms);
    },
  });
  // the response a Lambda hook may return: documented codes only, FAILED always with a code and a message
  if (response.hookStatus === 'FAILED') {
    expect(LAMBDA_ERROR_CODES).toContain(response.errorCode);
    expect(response.message.length).toBeGreaterThan(0);
  } else {
    expect(response).not.toHaveProperty('errorCode');
  }
  expect(JSON.parse(JSON.stringify(response))).toEqual(response);
  return { response, logs: lines.map((l) => JSON.parse(l)), reads };
}

const answered = (r: Run) => r.logs.filter((l) => l.msg === 'hook answered');

beforeEach(() => resetConfigCache());

describe('resource events, configuration inline (PIPELINE_GUARD_CONFIG)', () => {
  const env = { [CONFIG_ENV]: JSON.stringify({ ProtectedResourceNames: ['org-audit-*'] }) };

  test('CREATE compliant → SUCCESS with annotations, token echoed; the hookModel {LambdaFunction} is not taken for a configuration', async () => {
    const r = await run(lambdaEvent({ type: 'AWS::CodeBuild::Project', properties: codebuildProject({ PrivilegedMode: 'false' }) }), env);
    expect(r.response).toMatchObject({ hookStatus: 'SUCCESS', clientRequestToken: TOKEN });
    expect(r.response.message).toMatch(/is compliant/);
    expect(r.response.annotations?.some((a) => a.annotationName === PRIVILEGED && a.status === 'PASSED')).toBe(true);
    expect(answered(r)).toHaveLength(1);
    expect(answered(r)[0]).toMatchObject({ hookStatus: 'SUCCESS', awsAccountId: ACCOUNT, stackName: STACK_NAME, failed: [], warned: [] });
  });

  test('CREATE privileged → FAILED NonCompliant naming the control', async () => {
    const r = await run(lambdaEvent({ type: 'AWS::CodeBuild::Project', properties: codebuildProject({ PrivilegedMode: 'true' }) }), env);
    expect(r.response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant', clientRequestToken: TOKEN });
    expect(r.response.message).toMatch(new RegExp(`^\\[${PRIVILEGED.replace(/\./g, '\\.')}`));
    expect(answered(r)[0]).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant', failed: [PRIVILEGED] });
  });

  test('UPDATE: the new state is judged (privileged introduced → FAILED; left compliant → SUCCESS)', async () => {
    const previous = codebuildProject({ PrivilegedMode: 'false' });
    const worse = await run(lambdaEvent({ type: 'AWS::CodeBuild::Project', action: 'UPDATE', previous, properties: codebuildProject({ PrivilegedMode: 'true' }) }), env);
    expect(worse.response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(worse.response.message).toContain(PRIVILEGED);
    const same = await run(lambdaEvent({ type: 'AWS::CodeBuild::Project', action: 'UPDATE', previous, properties: previous }), env);
    expect(same.response.hookStatus).toBe('SUCCESS');
  });

  test('DELETE of a protected log group (ProtectedResourceNames from the environment) → FAILED; another name → SUCCESS', async () => {
    const del = (name: string) => lambdaEvent({ type: 'AWS::Logs::LogGroup', action: 'DELETE', properties: { LogGroupName: name, RetentionInDays: '365' } });
    const blocked = await run(del('org-audit-trail'), env);
    expect(blocked.response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(blocked.response.message).toContain('CICD.PROTECT.1');
    const allowed = await run(del('team-build-logs'), env);
    expect(allowed.response.hookStatus).toBe('SUCCESS');
    // without the configuration nothing is protected: the verdict above came from PIPELINE_GUARD_CONFIG
    const unconfigured = await run(del('org-audit-trail'), {});
    expect(unconfigured.response.hookStatus).toBe('SUCCESS');
  });

  test('the whole set-type-configuration document is accepted too (its Properties are used)', async () => {
    const doc = { CloudFormationConfiguration: { HookConfiguration: { HookInvocationStatus: 'ENABLED', FailureMode: 'FAIL', Properties: { WarnOnlyControls: [PRIVILEGED] } } } };
    const r = await run(lambdaEvent({ type: 'AWS::CodeBuild::Project', properties: codebuildProject({ PrivilegedMode: 'true' }) }), { [CONFIG_ENV]: JSON.stringify(doc) });
    expect(r.response.hookStatus).toBe('SUCCESS');
    expect(r.response.message).toMatch(new RegExp(`^\\[WARN ${PRIVILEGED.replace(/\./g, '\\.')}\\]`));
    expect(answered(r)[0]).toMatchObject({ failed: [], warned: [PRIVILEGED] });
  });

  test('one evaluation path: the same annotations and verdict as the registry mode given the same configuration', async () => {
    const props = { WarnOnlyControls: [PRIVILEGED] };
    for (const properties of [codebuildProject({ PrivilegedMode: 'true' }), codebuildProject({ PrivilegedMode: 'true', Image: 'someone/else:latest' })]) {
      const lambda = await run(lambdaEvent({ type: 'AWS::CodeBuild::Project', properties }), { [CONFIG_ENV]: JSON.stringify(props) });
      const registry = await handleHookEvent(buildRequest({ type: 'AWS::CodeBuild::Project', properties, hookModel: props }), { now: () => NOW, sink: { write: () => undefined }, deliver: undefined, lookups: undefined });
      expect(lambda.response).toEqual(registry);
    }
  });
});

describe('targets it does not guard', () => {
  const env = { [CONFIG_PARAMETER_ENV]: '/pipeline-guard/config' };

  test.each([
    ['an unguarded type on CREATE', lambdaEvent({ type: 'AWS::DynamoDB::Table', properties: { BillingMode: 'PAY_PER_REQUEST' } })],
    ['an unguarded type on UPDATE', lambdaEvent({ type: 'AWS::SQS::Queue', action: 'UPDATE', properties: {} })],
    ['a guarded type on an action no control evaluates (DELETE of a CodeBuild project)', lambdaEvent({ type: 'AWS::CodeBuild::Project', action: 'DELETE', properties: codebuildProject() })],
  ])('%s → SUCCESS, without reading the configuration', async (_name, event) => {
    const r = await run(event, env);
    expect(r.response).toMatchObject({ hookStatus: 'SUCCESS', clientRequestToken: TOKEN });
    expect(r.response.message).toMatch(/is not guarded by pipeline-guard/);
    expect(r.reads).toEqual([]);
  });

  test('the registry mode answers the same unguarded type FAILED UnsupportedTarget (the difference is deliberate)', async () => {
    const registry = await handleHookEvent(buildRequest({ type: 'AWS::DynamoDB::Table' }), { sink: { write: () => undefined }, deliver: undefined });
    expect(registry).toMatchObject({ hookStatus: 'FAILED', errorCode: 'UnsupportedTarget' });
  });

  test('a STACK target takes the registry path: evaluated from its payload, configuration validated', async () => {
    const e = lambdaEvent({ type: 'STACK' });
    (e.requestData as Record<string, unknown>).targetModel = { template: '{"Resources":{"T":{"Type":"AWS::SNS::Topic"}}}' };
    const ok = await run(e, {});
    expect(ok.response.hookStatus).toBe('SUCCESS');
    const bad = await run(e, { [CONFIG_ENV]: '{"Nope":1}' });
    expect(bad.response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InternalFailure' });
  });
});

describe('malformed events → FAILED InternalFailure (the documented code), reason InvalidRequest, never a throw', () => {
  const valid = () => lambdaEvent({ type: 'AWS::CodeBuild::Project', properties: codebuildProject() });
  const cases: Array<[string, unknown]> = [
    ['a string', 'not an event'],
    ['null', null],
    ['undefined', undefined],
    ['requestData missing', { ...valid(), requestData: undefined }],
    ['an unknown invocation point', { ...valid(), actionInvocationPoint: 'CREATE_POST_PROVISION' }],
    ['resourceProperties an array', { ...valid(), requestData: { targetName: 'AWS::CodeBuild::Project', targetModel: { resourceProperties: [1] } } }],
  ];
  test.each(cases)('%s', async (_name, event) => {
    const r = await run(event, { [CONFIG_PARAMETER_ENV]: '/pipeline-guard/config' });
    expect(r.response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InternalFailure' });
    expect(r.response.message).toMatch(/^\[InvalidRequest\] pipeline-guard: invalid request: /);
    expect(r.reads).toEqual([]);
    expect(answered(r)[0]).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InvalidRequest' });
  });
});

describe('a bad configuration → FAILED InternalFailure naming the property (reason InvalidTypeConfiguration), never SUCCESS', () => {
  const event = () => lambdaEvent({ type: 'AWS::CodeBuild::Project', properties: codebuildProject({ PrivilegedMode: 'false' }) });
  const cases: Array<[string, Record<string, string>, RegExp]> = [
    ['an unknown control ID', { [CONFIG_ENV]: '{"WarnOnlyControls":["CICD.NOPE.1"]}' }, /property WarnOnlyControls/],
    ['an unknown property', { [CONFIG_ENV]: '{"WarnOnly":["CICD.CODEBUILD.5"]}' }, /property WarnOnly is not a known property/],
    ['a malformed expiry date', { [CONFIG_ENV]: JSON.stringify({ Exemptions: [{ ControlId: PRIVILEGED, StackName: '*', LogicalId: '*', Reason: 'r', ExpiresOn: '2026-13-01' }] }) }, /property Exemptions/],
    ['JSON that does not parse', { [CONFIG_ENV]: '{"WarnOnlyControls": [' }, /property PIPELINE_GUARD_CONFIG is not valid JSON/],
    ['a JSON array', { [CONFIG_ENV]: '[]' }, /must be a JSON object/],
    ['both variables set', { [CONFIG_ENV]: '{}', [CONFIG_PARAMETER_ENV]: '/x' }, /PIPELINE_GUARD_CONFIG and PIPELINE_GUARD_CONFIG_PARAMETER are both set/],
  ];
  test.each(cases)('%s', async (_name, env, names) => {
    const r = await run(event(), env);
    expect(r.response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InternalFailure', clientRequestToken: TOKEN });
    expect(r.response.message).toMatch(/^\[InvalidTypeConfiguration\] pipeline-guard: invalid type configuration: property /);
    expect(r.response.message).toMatch(names);
    expect(answered(r)).toHaveLength(1);
    expect(answered(r)[0]).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InvalidTypeConfiguration', awsAccountId: ACCOUNT, targetName: 'AWS::CodeBuild::Project' });
  });

  test('a parameter that cannot be read (the reader rejects) → FAILED InternalFailure, and the reason is in the log', async () => {
    const r = await run(event(), { [CONFIG_PARAMETER_ENV]: '/pipeline-guard/config' }, {
      readParameter: async () => {
        throw Object.assign(new Error('denied'), { name: 'AccessDeniedException' });
      },
    });
    expect(r.response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InternalFailure' });
    expect(r.response.message).toMatch(/could not be read \(AccessDeniedException\)/);
    expect(answered(r)[0]).toMatchObject({ errorCode: 'InternalFailure' });
  });

  test('no configuration at all is the secure default (every control on and enforcing), not an error', async () => {
    const r = await run(lambdaEvent({ type: 'AWS::CodeBuild::Project', properties: codebuildProject({ PrivilegedMode: 'true' }) }), {});
    expect(r.response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
  });
});

// ---------------------------------------------------------------------------------------------------
// The SSM path, against a real moto_server (python3 moto 5) started and stopped by this suite.

describe('configuration from an SSM parameter (PIPELINE_GUARD_CONFIG_PARAMETER), real SDK against moto_server', () => {
  let moto: Moto | undefined;
  let endpoint = '';
  let admin: SSMClient;
  const saved: Record<string, string | undefined> = {};
  const ENV = { AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_SESSION_TOKEN: undefined, AWS_PROFILE: undefined, AWS_EC2_METADATA_DISABLED: 'true' } as Record<string, string | undefined>;
  const PARAM = '/platform/pipeline-guard/config';
  const realReader = () => ssmReadParameter;

  beforeAll(async () => {
    moto = await startMoto();
    endpoint = moto.endpoint;
    for (const k of [...Object.keys(ENV), 'AWS_ENDPOINT_URL_SSM']) saved[k] = process.env[k];
    for (const [k, v] of Object.entries(ENV)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    process.env.AWS_ENDPOINT_URL_SSM = endpoint;
    admin = new SSMClient({ endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
  }, 30000);

  afterAll(async () => {
    await moto?.stop();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    admin?.destroy();
    resetConfigCache();
  });

  const privileged = () => lambdaEvent({ type: 'AWS::CodeBuild::Project', properties: codebuildProject({ PrivilegedMode: 'true' }) });
  const put = (value: string, type: 'String' | 'SecureString' = 'String', name = PARAM) => admin.send(new PutParameterCommand({ Name: name, Value: value, Type: type, Overwrite: true }));

  test('a String parameter is read and applied (warn-only turns the FAILED into a warning)', async () => {
    await put(JSON.stringify({ WarnOnlyControls: [PRIVILEGED] }));
    const r = await run(privileged(), { [CONFIG_PARAMETER_ENV]: PARAM }, { readParameter: realReader() });
    expect(r.reads).toEqual([PARAM]);
    expect(r.response.hookStatus).toBe('SUCCESS');
    expect(r.response.message).toContain(`[WARN ${PRIVILEGED}]`);
  });

  test('a SecureString parameter is decrypted', async () => {
    await put(JSON.stringify({ WarnOnlyControls: [PRIVILEGED] }), 'SecureString', `${PARAM}-secure`);
    const r = await run(privileged(), { [CONFIG_PARAMETER_ENV]: `${PARAM}-secure` }, { readParameter: realReader() });
    expect(r.response.hookStatus).toBe('SUCCESS');
  });

  test('the value is kept for CONFIG_TTL_MS, then read again (a change applies within the TTL)', async () => {
    await put(JSON.stringify({ WarnOnlyControls: [PRIVILEGED] }));
    const env = { [CONFIG_PARAMETER_ENV]: PARAM };
    const first = await run(privileged(), env, { readParameter: realReader() });
    expect(first.response.hookStatus).toBe('SUCCESS');
    await put('{}'); // enforcing again
    const cached = await run(privileged(), env, { readParameter: realReader(), now: () => new Date(NOW.getTime() + CONFIG_TTL_MS - 1000) });
    expect(cached.reads).toEqual([]);
    expect(cached.response.hookStatus).toBe('SUCCESS');
    const later = await run(privileged(), env, { readParameter: realReader(), now: () => new Date(NOW.getTime() + CONFIG_TTL_MS + 1000) });
    expect(later.reads).toEqual([PARAM]);
    expect(later.response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
  });

  test('an invalid configuration in the parameter names the property', async () => {
    await put(JSON.stringify({ DisabledControls: ['CICD.CODEBUILD.999'] }));
    const r = await run(privileged(), { [CONFIG_PARAMETER_ENV]: PARAM }, { readParameter: realReader() });
    expect(r.response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InternalFailure' });
    expect(r.response.message).toMatch(/^\[InvalidTypeConfiguration\] .*property DisabledControls/);
  });

  test('a parameter that does not exist → FAILED (ParameterNotFound), never the defaults', async () => {
    await admin.send(new DeleteParameterCommand({ Name: `${PARAM}-gone` })).catch(() => undefined);
    const r = await run(lambdaEvent({ type: 'AWS::CodeBuild::Project', properties: codebuildProject({ PrivilegedMode: 'false' }) }), { [CONFIG_PARAMETER_ENV]: `${PARAM}-gone` }, { readParameter: realReader() });
    expect(r.response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InternalFailure' });
    expect(r.response.message).toMatch(/\[InvalidTypeConfiguration\] .*PIPELINE_GUARD_CONFIG_PARAMETER names SSM parameter .*-gone, which does not exist \(ParameterNotFound\)/);
  });

  test('SSM unreachable → FAILED InternalFailure "could not be read"', async () => {
    const closed = await freePort();
    process.env.AWS_ENDPOINT_URL_SSM = `http://127.0.0.1:${closed}`;
    resetConfigCache(); // a new container: the client is built with the environment it finds
    try {
      const r = await run(privileged(), { [CONFIG_PARAMETER_ENV]: PARAM }, { readParameter: realReader(), parameterTimeoutMs: 3000 });
      expect(r.response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InternalFailure' });
      expect(r.response.message).toMatch(/could not be read/);
    } finally {
      process.env.AWS_ENDPOINT_URL_SSM = endpoint;
      resetConfigCache();
    }
  }, 20000);

  test('the built bundle: dist/handlers.js exports lambdaHook, loads the SSM client only when a parameter is configured', () => {
    // the handler bundle exactly as `npm run build` makes it (scripts/build.mjs), built alone into a temp dir
    const dir = mkdtempSync(join(tmpdir(), 'pg-lambda-hook-'));
    const handlers = join(dir, 'handlers.js');
    execFileSync(process.execPath, ['--input-type=module', '-e', `const { buildAll } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'scripts', 'build.mjs')).href)}); await buildAll({ quiet: true, cli: false, handlerOutfile: ${JSON.stringify(handlers)} });`], { cwd: ROOT, stdio: 'pipe' });
    // the deployed Lambda hook looks up what the project references with its own role: the project's KMS key
    // lives in the emulator (moto's default account is the request's, 123456789012)
    const script = (keyArn: string) => `
      const h = require(${JSON.stringify(handlers)});
      const ssmLoaded = () => Object.keys(require.cache).some((k) => k.includes('client-ssm'));
      const event = ${JSON.stringify(privileged())};
      event.requestData.targetModel.resourceProperties.EncryptionKey = ${JSON.stringify(keyArn)};
      (async () => {
        const atLoad = ssmLoaded();
        process.env.PIPELINE_GUARD_CONFIG = JSON.stringify({ WarnOnlyControls: ['${PRIVILEGED}'] });
        const inline = await h.lambdaHook(event, {});
        const afterInline = ssmLoaded();
        delete process.env.PIPELINE_GUARD_CONFIG;
        process.env.PIPELINE_GUARD_CONFIG_PARAMETER = ${JSON.stringify(PARAM)};
        const viaSsm = await h.lambdaHook(event, {});
        process.stdout.write(JSON.stringify({ type: typeof h.lambdaHook, entry: typeof h.entrypoint, atLoad, afterInline, afterSsm: ssmLoaded(), inline: inline.hookStatus, viaSsm: viaSsm.hookStatus }));
      })();`;
    const kms = new KMSClient({ endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
    return put(JSON.stringify({ WarnOnlyControls: [PRIVILEGED] })).then(async () => {
      // the project's other references (its service role, its log group) exist too, compliant (test/helpers/seed.ts)
      const asked = await askedFacts([buildRequest({ type: 'AWS::CodeBuild::Project', properties: codebuildProject({ PrivilegedMode: 'true' }) })]);
      await seedMoto(endpoint, asked.filter((a) => a.request.kind !== 'kms.key'));
      const key = await kms.send(new CreateKeyCommand({ Description: 'pipeline-guard test: the project key' }));
      const out = execFileSync(process.execPath, ['-e', script(key.KeyMetadata!.Arn!)], {
        env: { ...process.env, PIPELINE_GUARD_LOG: 'off', NODE_PATH: join(ROOT, 'node_modules'), AWS_ENDPOINT_URL: endpoint },
        encoding: 'utf8',
      });
      expect(JSON.parse(out)).toEqual({ type: 'function', entry: 'function', atLoad: false, afterInline: false, afterSsm: true, inline: 'SUCCESS', viaSsm: 'SUCCESS' });
    }).finally(() => {
      kms.destroy();
      rmSync(dir, { recursive: true, force: true });
    });
  }, 30000);
});
