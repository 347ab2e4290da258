/**
 * Hostile input at the hook entry point. Whatever arrives, the hook answers with a well-formed response,
 * never throws, never answers SUCCESS to something it could not parse, and never pollutes the process.
 */
import fc from 'fast-check';
import { entrypoint, testEntrypoint } from '../../src/handlers';
import { MAX_DEPTH, MAX_REQUEST_CHARS } from '../../src/protocol/request';
import { buildRequest, invokeHook } from '../helpers/requests';
import { allStrings, prototypeKeys, responseViolations } from './invariants';
import { hostileObject, loneSurrogateArb, mutate, mutationArb, nested, validRequestArb } from './generators';

const RUNS = 200;
const PROTO_BEFORE = prototypeKeys();

function expectValid(response: unknown): void {
  expect(responseViolations(response)).toEqual([]);
}

function isInvalidRequest(response: { hookStatus: string; errorCode?: string }): boolean {
  return response.hookStatus === 'FAILED' && response.errorCode === 'InvalidRequest';
}

/** No lone surrogate (String.prototype.isWellFormed is ES2024, beyond the project's lib). */
function isWellFormed(s: string): boolean {
  return (s as unknown as { isWellFormed(): boolean }).isWellFormed();
}

afterEach(() => {
  // no input may add anything to Object.prototype
  expect(prototypeKeys()).toEqual(PROTO_BEFORE);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
});

describe('arbitrary JSON', () => {
  test('any JSON value gets a well-formed answer; non-objects are InvalidRequest', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }), async (event) => {
        const { response } = await invokeHook(event);
        expectValid(response);
        expect(response.hookStatus).toBe('FAILED');
        if (typeof event !== 'object' || event === null || Array.isArray(event)) expect(response.errorCode).toBe('InvalidRequest');
      }),
      { numRuns: RUNS },
    );
  });

  test('any JavaScript value (anything()) through the Lambda entry points never throws and is never SUCCESS', async () => {
    const previous = process.env.PIPELINE_GUARD_LOG;
    process.env.PIPELINE_GUARD_LOG = 'off';
    try {
      await fc.assert(
        fc.asyncProperty(fc.anything({ maxDepth: 4, withNullPrototype: true, withBoxedValues: true, withMap: true, withSet: true }), async (event) => {
          for (const entry of [entrypoint, testEntrypoint]) {
            const response = await entry(event);
            expectValid(response);
            expect(response.hookStatus).toBe('FAILED');
          }
        }),
        { numRuns: RUNS },
      );
    } finally {
      if (previous === undefined) delete process.env.PIPELINE_GUARD_LOG;
      else process.env.PIPELINE_GUARD_LOG = previous;
    }
  });
});

describe('valid requests with random mutations', () => {
  test('a valid request (typed or stringified, any action) gets a well-formed answer', async () => {
    await fc.assert(
      fc.asyncProperty(validRequestArb, async (event) => {
        const { response } = await invokeHook(event);
        expectValid(response);
        // a well-formed request is never rejected as unparseable, and the token is echoed
        expect(response.errorCode).not.toBe('InvalidRequest');
        expect(response.clientRequestToken).toBe((event as { clientRequestToken: string }).clientRequestToken);
      }),
      { numRuns: RUNS },
    );
  });

  test('one to three mutations anywhere (removed fields, wrong types, nulls, arrays for objects, prototype keys)', async () => {
    await fc.assert(
      fc.asyncProperty(validRequestArb, fc.array(mutationArb, { minLength: 1, maxLength: 3 }), async (valid, mutations) => {
        let event: unknown = valid;
        for (const m of mutations) event = mutate(event, m);
        const { response, logs } = await invokeHook(event);
        expectValid(response);
        for (const line of logs) expect(() => JSON.parse(line)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  const REQUIRED: Array<[string, Array<string>]> = [
    ['clientRequestToken', ['clientRequestToken']],
    ['awsAccountId', ['awsAccountId']],
    ['actionInvocationPoint', ['actionInvocationPoint']],
    ['requestData', ['requestData']],
    ['requestData.targetName', ['requestData', 'targetName']],
  ];
  const BROKEN = [undefined, null, '', 7, true, [], ['x'], {}, { nested: 'object' }];

  test.each(REQUIRED)('a missing or mistyped %s is FAILED InvalidRequest, never SUCCESS', async (_name, path) => {
    for (const bad of BROKEN) {
      const event = buildRequest({ type: 'AWS::CodeBuild::Project', properties: {} });
      let parent = event as Record<string, unknown>;
      for (const k of path.slice(0, -1)) parent = parent[k] as Record<string, unknown>;
      const key = path[path.length - 1];
      if (bad === undefined) delete parent[key];
      else parent[key] = bad;
      // requestData {} keeps a parseable shape only if targetName survives: {} lacks it, so it is invalid too
      const { response } = await invokeHook(event);
      expectValid(response);
      expect({ value: bad, status: response.hookStatus, code: response.errorCode }).toEqual({ value: bad, status: 'FAILED', code: 'InvalidRequest' });
    }
  });

  test('mistyped optional wire fields (stackId, targetModel, resourceProperties, credentials) are InvalidRequest', async () => {
    const cases: Array<(e: Record<string, any>) => void> = [
      (e) => (e.stackId = 12),
      (e) => (e.requestData.targetModel = 'not an object'),
      (e) => (e.requestData.targetModel = []),
      (e) => (e.requestData.targetModel.resourceProperties = ['a']),
      (e) => (e.requestData.targetModel.resourceProperties = 'x'),
      (e) => (e.requestData.callerCredentials = { accessKeyId: 'x' }),
      (e) => (e.requestData.targetLogicalId = 5),
    ];
    for (const apply of cases) {
      const event = buildRequest({ type: 'AWS::CodeBuild::Project', properties: { Name: 'p' } }) as Record<string, any>;
      apply(event);
      const { response } = await invokeHook(event);
      expectValid(response);
      expect(isInvalidRequest(response)).toBe(true);
    }
  });
});

describe('prototype pollution', () => {
  test('__proto__ / constructor / prototype keys everywhere are plain data', async () => {
    const event = buildRequest({ type: 'AWS::CodeBuild::Project', properties: { Name: 'p' } }) as Record<string, any>;
    Object.assign(event, hostileObject());
    Object.defineProperty(event.requestData, '__proto__', { value: hostileObject(), enumerable: true, configurable: true, writable: true });
    event.requestData.targetModel.resourceProperties = JSON.parse(
      '{"__proto__":{"polluted":"yes"},"Environment":{"__proto__":{"PrivilegedMode":"true"},"constructor":{"prototype":{"polluted":"yes"}}},"Source":{"prototype":{"isAdmin":true}}}',
    );
    event.hookModel = JSON.parse('{"__proto__":{"polluted":"yes"},"DisabledControls":[]}');
    const { response } = await invokeHook(event);
    expectValid(response);
    // the planted __proto__.PrivilegedMode must not make Environment.PrivilegedMode readable
    const priv = response.annotations?.find((a) => a.annotationName === 'CICD.CODEBUILD.5');
    expect(priv?.status).not.toBe('FAILED');
  });

  test('random requests with hostile objects planted at random paths', async () => {
    await fc.assert(
      fc.asyncProperty(validRequestArb, fc.nat(), async (valid, at) => {
        const event = mutate(valid, { pathIndex: at, op: 'hostile', value: null });
        const { response } = await invokeHook(event);
        expectValid(response);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('size and depth limits', () => {
  test.each([MAX_DEPTH + 1, 200, 5_000, 200_000])('properties nested %i levels deep are FAILED InvalidRequest, not a stack overflow', async (depth) => {
    for (const asArrays of [false, true]) {
      const event = buildRequest({ type: 'AWS::CodeBuild::Project', properties: { Environment: nested(depth, asArrays) } });
      const { response } = await invokeHook(event);
      expectValid(response);
      expect(isInvalidRequest(response)).toBe(true);
    }
  });

  test('deep nesting in the type configuration and in unknown top-level fields is rejected too', async () => {
    for (const place of ['hookModel', 'somethingElse', 'requestContext']) {
      const event = buildRequest({ type: 'AWS::CodeBuild::Project', properties: {} }) as Record<string, unknown>;
      event[place] = nested(10_000);
      const { response } = await invokeHook(event);
      expectValid(response);
      expect(isInvalidRequest(response)).toBe(true);
    }
  });

  test('moderate nesting (20 levels) is evaluated normally', async () => {
    const event = buildRequest({ type: 'AWS::CodeBuild::Project', properties: { Tags: nested(20) } });
    const { response } = await invokeHook(event);
    expectValid(response);
    expect(response.errorCode).not.toBe('InvalidRequest');
  });

  test('a string above the request size cap is FAILED InvalidRequest', async () => {
    const big = 'x'.repeat(MAX_REQUEST_CHARS + 1);
    for (const place of ['value', 'name', 'logicalId', 'hookModel'] as const) {
      const event = buildRequest({
        type: 'AWS::CodeBuild::Project',
        properties: place === 'value' ? { Description: big } : place === 'name' ? { [big]: 'v' } : {},
        logicalId: place === 'logicalId' ? big : 'Project',
        hookModel: place === 'hookModel' ? { AllowedBuildImages: [big] } : undefined,
      });
      const { response, logs } = await invokeHook(event);
      expectValid(response);
      expect(isInvalidRequest(response)).toBe(true);
      for (const line of logs) expect(line.length).toBeLessThan(64 * 1024);
    }
  });

  test('many medium strings that add up beyond the cap are FAILED InvalidRequest', async () => {
    const chunk = 'y'.repeat(64 * 1024);
    const properties: Record<string, string> = {};
    for (let i = 0; i < 110; i++) properties[`P${i}`] = chunk;
    const { response } = await invokeHook(buildRequest({ type: 'AWS::CodeBuild::Project', properties }));
    expectValid(response);
    expect(isInvalidRequest(response)).toBe(true);
  });

  test('a 1 MiB value and a 100,000-character logical ID below the cap are evaluated; message and logs stay bounded', async () => {
    const event = buildRequest({
      type: 'AWS::CodeBuild::Project',
      properties: { Description: 'd'.repeat(1024 * 1024), Environment: { PrivilegedMode: 'true', Image: 'i'.repeat(100_000) } },
      logicalId: 'L'.repeat(100_000),
    });
    const { response, logs } = await invokeHook(event);
    expectValid(response);
    expect(response.errorCode).toBe('NonCompliant');
    for (const line of logs) expect(line.length).toBeLessThan(64 * 1024);
  });
});

describe('invalid Unicode', () => {
  test('lone surrogates in values, property names, logical IDs, type names and configuration', async () => {
    await fc.assert(
      fc.asyncProperty(loneSurrogateArb, fc.constantFrom('value', 'name', 'logicalId', 'type', 'hookModel', 'token'), async (s, place) => {
        const event = buildRequest({
          type: place === 'type' ? `AWS::${s}::X` : 'AWS::CodeBuild::Project',
          properties: place === 'value' ? { Environment: { Image: s, PrivilegedMode: s } } : place === 'name' ? { [s]: { [s]: s } } : {},
          logicalId: place === 'logicalId' ? s : 'Project',
          hookModel: place === 'hookModel' ? { AllowedBuildImages: [s], [s]: s } : undefined,
          token: place === 'token' ? s : undefined,
        });
        const { response, logs } = await invokeHook(event);
        expectValid(response);
        for (const line of logs) expect(() => JSON.parse(line)).not.toThrow();
      }),
      { numRuns: RUNS },
    );
  });

  test('well-formed input (astral characters) never yields a response with a broken surrogate pair', async () => {
    // clipping a long message must not cut a surrogate pair in half
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 3 }), fc.constantFrom('type', 'logicalId'), async (offset, place) => {
        const astral = `${'a'.repeat(offset)}${'\u{1F600}'.repeat(800)}`;
        const event = buildRequest({
          type: place === 'type' ? `AWS::${astral}::X` : 'AWS::CodeBuild::Project',
          properties: { Environment: { PrivilegedMode: 'true' } },
          logicalId: place === 'logicalId' ? astral : 'Project',
        });
        const { response } = await invokeHook(event);
        expectValid(response);
        for (const s of allStrings(response)) expect(isWellFormed(s)).toBe(true);
      }),
      { numRuns: 12 },
    );
  });
});
