/** Every error path of the entry point answers FAILED with the right code — never SUCCESS, never a throw. */
import { entrypoint, testEntrypoint } from '../../src/handlers';
import { handleHookEvent } from '../../src/protocol/hook';
import { buildRequest, invokeHook, STACK_ID, codebuildProject } from '../helpers/requests';

const TOKEN = '6d1b0f8e-0f7b-4a55-9c39-2c0a9d1f3f5a';
const valid = () => buildRequest({ type: 'AWS::CodeBuild::Project', properties: codebuildProject({ PrivilegedMode: 'false' }) });

function without(obj: Record<string, unknown>, path: string[]): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(obj));
  let cur = copy;
  for (const p of path.slice(0, -1)) cur = cur[p];
  delete cur[path[path.length - 1]];
  return copy;
}

function set(obj: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(obj));
  let cur = copy;
  for (const p of path.slice(0, -1)) cur = cur[p];
  cur[path[path.length - 1]] = value;
  return copy;
}

beforeAll(() => {
  process.env.PIPELINE_GUARD_LOG = 'off';
});

describe('malformed requests → FAILED InvalidRequest', () => {
  const cases: Array<[string, unknown, boolean]> = [
    ['a string', 'not a request', false],
    ['null', null, false],
    ['an array', [1, 2], false],
    ['a number', 42, false],
    ['clientRequestToken missing', without(valid(), ['clientRequestToken']), false],
    ['clientRequestToken not a string', set(valid(), ['clientRequestToken'], 7), false],
    ['awsAccountId missing', without(valid(), ['awsAccountId']), true],
    ['actionInvocationPoint missing', without(valid(), ['actionInvocationPoint']), true],
    ['actionInvocationPoint unknown', set(valid(), ['actionInvocationPoint'], 'CREATE_POST_PROVISION'), true],
    ['requestData missing', without(valid(), ['requestData']), true],
    ['requestData an array', set(valid(), ['requestData'], []), true],
    ['targetName missing', without(valid(), ['requestData', 'targetName']), true],
    ['targetModel a string', set(valid(), ['requestData', 'targetModel'], 'x'), true],
    ['resourceProperties an array', set(valid(), ['requestData', 'targetModel', 'resourceProperties'], [1]), true],
    ['resourceProperties a string', set(valid(), ['requestData', 'targetModel', 'resourceProperties'], '{}'), true],
    ['callerCredentials an object', set(valid(), ['requestData', 'callerCredentials'], { accessKeyId: 'x' }), true],
  ];
  test.each(cases)('%s', async (_name, event, echoesToken) => {
    const { response } = await invokeHook(event);
    expect(response.hookStatus).toBe('FAILED');
    expect(response.errorCode).toBe('InvalidRequest');
    expect(response.message).toMatch(/^pipeline-guard: invalid request: /);
    if (echoesToken) expect(response.clientRequestToken).toBe(TOKEN);
    else expect(response).not.toHaveProperty('clientRequestToken', TOKEN);
  });

  test('nesting deeper than the cap is rejected, not a stack overflow', async () => {
    let deep: Record<string, unknown> = { leaf: 'x' };
    for (let i = 0; i < 5000; i++) deep = { d: deep };
    const { response } = await invokeHook(set(valid(), ['requestData', 'targetModel', 'resourceProperties'], deep));
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InvalidRequest', clientRequestToken: TOKEN });
    expect(response.message).toContain('nested deeper');
  });

  test('a request above the size cap is rejected with a clear answer', async () => {
    const big = 'x'.repeat(7 * 1024 * 1024);
    const { response } = await invokeHook(set(valid(), ['requestData', 'targetModel', 'resourceProperties'], { Description: big }));
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InvalidRequest' });
    expect(response.message).toContain('larger than');
    expect(response.message.length).toBeLessThanOrEqual(1024);
  });

  test('STACK payload that is not an https URL is rejected', async () => {
    const event = set(set(valid(), ['requestData', 'targetName'], 'STACK'), ['requestData', 'payload'], 'file:///etc/passwd');
    const { response } = await invokeHook(event);
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InvalidRequest' });
  });
});

describe('tolerance of absent optional fields', () => {
  test('hookModel null, requestContext absent, unknown fields everywhere', async () => {
    const event = without(valid(), ['requestContext']);
    event.hookModel = null;
    event.someFutureField = { nested: true };
    (event.requestData as Record<string, unknown>).invocationPlanId = 'x';
    const { response } = await invokeHook(event);
    expect(response.hookStatus).toBe('SUCCESS');
    expect(response).not.toHaveProperty('errorCode');
    expect(response.clientRequestToken).toBe(TOKEN);
    expect([undefined, 0]).toContain(response.callbackDelaySeconds);
    expect(response.message.length).toBeGreaterThan(0);
  });

  test('hookModel absent and {} behave as the secure default', async () => {
    for (const model of [undefined, {}]) {
      const event = buildRequest({ type: 'AWS::CodeBuild::Project', properties: codebuildProject({ PrivilegedMode: 'true' }) });
      if (model === undefined) delete event.hookModel;
      else event.hookModel = model;
      const { response } = await invokeHook(event);
      expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    }
  });

  test('UPDATE with previousResourceProperties absent or null evaluates the new state', async () => {
    for (const prev of [undefined, null]) {
      const event = buildRequest({ type: 'AWS::CodeBuild::Project', action: 'UPDATE', properties: codebuildProject({ PrivilegedMode: 'true' }) });
      const model = (event.requestData as Record<string, Record<string, unknown>>).targetModel;
      if (prev === undefined) delete model.previousResourceProperties;
      else model.previousResourceProperties = prev;
      const { response } = await invokeHook(event);
      expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    }
  });

  test('stackId absent (Cloud Control) is fine', async () => {
    const { response } = await invokeHook(buildRequest({ type: 'AWS::CodeBuild::Project', properties: codebuildProject(), stackId: null }));
    expect(response.hookStatus).toBe('SUCCESS');
  });
});

describe('targets', () => {
  test('a target no control covers → FAILED UnsupportedTarget', async () => {
    const { response } = await invokeHook(buildRequest({ type: 'AWS::EC2::VPC', properties: {} }));
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'UnsupportedTarget', clientRequestToken: TOKEN });
    expect(response.message).toContain('AWS::EC2::VPC');
  });

  test.each(['STACK', 'CHANGE_SET'])('%s target with a payload URL: the payload is fetched and evaluated; a fetch failure is FAILED, never SUCCESS', async (target) => {
    const event = buildRequest({ type: target });
    const data = event.requestData as Record<string, unknown>;
    data.targetType = target;
    data.targetModel = {};
    data.payload = 'https://bucket.s3.eu-west-1.amazonaws.com/key?X-Amz-Signature=abc';
    const urls: string[] = [];
    const ok = await handleHookEvent(event, { sink: { enabled: () => false, write: () => undefined }, deliver: undefined, fetchPayload: async (url) => (urls.push(url), JSON.stringify({ template: '{"Resources":{"T":{"Type":"AWS::SNS::Topic"}}}' })) });
    expect(urls).toEqual([data.payload]);
    expect(ok.hookStatus).toBe('SUCCESS');
    expect(ok.annotations?.some((a) => a.annotationName.startsWith('CICD.STACK.'))).toBe(true);
    const failed = await handleHookEvent(event, { sink: { enabled: () => false, write: () => undefined }, deliver: undefined, fetchPayload: async () => Promise.reject(new Error('boom')) });
    expect(failed).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InternalFailure' });
  });
});

describe('bugs fail closed', () => {
  test('an exception inside evaluation → FAILED InternalFailure with the token, never SUCCESS', async () => {
    jest.resetModules();
    jest.doMock('../../src/engine/evaluate', () => ({
      evaluate: () => {
        throw new TypeError('boom with AKIAIOSFODNN7EXAMPLE inside');
      },
    }));
    const { handleHookEvent } = await import('../../src/protocol/hook');
    const lines: string[] = [];
    const response = await handleHookEvent(valid(), { sink: { write: (l) => lines.push(l) }, deliver: undefined });
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InternalFailure', clientRequestToken: TOKEN });
    expect(JSON.stringify(response) + lines.join('\n')).not.toContain('AKIAIOSFODNN7EXAMPLE');
    jest.dontMock('../../src/engine/evaluate');
    jest.resetModules();
  });

  test('a control whose check throws → FAILED InternalFailure naming the control', async () => {
    jest.resetModules();
    jest.doMock('../../src/controls', () => ({
      ALL_CONTROLS: [
        {
          id: 'CICD.CODEBUILD.5', slug: 'x', title: 'Throws on purpose', resourceTypes: ['AWS::CodeBuild::Project'], severity: 'LOW', risks: ['CICD-SEC-7'],
          requirement: 'r', rationale: 'r', remediation: 'r',
          check: () => {
            throw new RangeError('bad');
          },
        },
      ],
    }));
    const { handleHookEvent } = await import('../../src/protocol/hook');
    const response = await handleHookEvent(valid(), { sink: { write: () => undefined }, deliver: undefined });
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InternalFailure' });
    expect(response.message).toContain('CICD.CODEBUILD.5');
    jest.dontMock('../../src/controls');
    jest.resetModules();
  });
});

describe('entry points', () => {
  test('entrypoint never rejects, whatever it is given', async () => {
    for (const e of [undefined, null, 0, '', [], {}, { clientRequestToken: {} }, Object.create(null)]) {
      await expect(entrypoint(e)).resolves.toMatchObject({ hookStatus: 'FAILED' });
    }
  });

  test('testEntrypoint converts the plugin test event and takes the production path', async () => {
    const response = await testEntrypoint({
      credentials: { accessKeyId: 'a', secretAccessKey: 'b', sessionToken: 'c' },
      actionInvocationPoint: 'CREATE_PRE_PROVISION',
      request: {
        clientRequestToken: TOKEN,
        hookContext: {
          awsAccountId: '123456789012', stackId: STACK_ID, hookTypeName: 'PipelineGuard::CICD::Hook', hookTypeVersion: '00000001',
          targetName: 'AWS::CodeBuild::Project', targetType: 'RESOURCE', targetLogicalId: 'Build',
          targetModel: { resourceProperties: codebuildProject({ PrivilegedMode: 'True' }) },
        },
      },
      callbackContext: null,
      typeConfiguration: {},
    });
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant', clientRequestToken: TOKEN });
  });
});
