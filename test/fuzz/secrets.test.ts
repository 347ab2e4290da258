/**
 * A secret-looking value planted anywhere in a request — property values, property names, the logical
 * ID, the resource type, the type configuration, the stack ID — never comes back in the response (message,
 * annotations) or in a log line.
 */
import fc from 'fast-check';
import { invokeHook } from '../helpers/requests';
import { responseViolations } from './invariants';
import { alnum, mutate, pathsOf, secretArb, validRequestArb } from './generators';

const RUNS = 200;

/** Text around a planted secret: anything, ending/starting at a separator (a token boundary). */
const aroundArb = fc.tuple(
  fc.oneof(fc.constant(''), fc.string({ maxLength: 12 }).map((s) => `${s} `), fc.constantFrom('token=', 'key:', 'https://x/', '"')),
  fc.oneof(fc.constant(''), fc.string({ maxLength: 12 }).map((s) => ` ${s}`), fc.constantFrom('"', '/', ';', '\n')),
);

type Place = 'value' | 'name' | 'logicalId' | 'type' | 'hookModelValue' | 'hookModelName' | 'stackId' | 'envVar' | 'policy';

function plant(event: Record<string, any>, place: Place, text: string, at: number): Record<string, any> {
  const e = structuredClone(event);
  const rd = e.requestData;
  const props = (rd.targetModel.resourceProperties ?? {}) as Record<string, unknown>;
  switch (place) {
    case 'value': {
      // replace a random leaf/sub-tree of the properties (or add one)
      const paths = pathsOf(props).filter((p) => p.length > 0);
      if (paths.length === 0) props.Description = text;
      else {
        const m = mutate(props, { pathIndex: at, op: 'string', value: text }) as Record<string, unknown>;
        rd.targetModel.resourceProperties = m;
        if (rd.targetModel.previousResourceProperties) rd.targetModel.previousResourceProperties = m;
        return e;
      }
      break;
    }
    case 'name':
      props[text] = { [text]: 'v' };
      break;
    case 'logicalId':
      rd.targetLogicalId = text;
      break;
    case 'type':
      rd.targetName = `AWS::${text}::Thing`;
      break;
    case 'hookModelValue':
      e.hookModel = { AllowedBuildImages: [text], PermissionsBoundaryArn: text };
      break;
    case 'hookModelName':
      e.hookModel = { [text]: ['x'] };
      break;
    case 'stackId':
      e.stackId = `arn:aws:cloudformation:eu-west-1:123456789012:stack/${text}/0a1b`;
      break;
    case 'envVar':
      props.Environment = { Image: 'aws/codebuild/standard:7.0', EnvironmentVariables: [{ Name: text, Value: text }, { Name: 'X', Value: text, Type: 'PLAINTEXT' }] };
      break;
    case 'policy':
      props.PolicyDocument = JSON.stringify({ Statement: [{ Sid: text, Effect: 'Allow', Action: text, Resource: text, Principal: { AWS: text } }] });
      break;
  }
  rd.targetModel.resourceProperties = props;
  if (rd.targetModel.previousResourceProperties) rd.targetModel.previousResourceProperties = props;
  return e;
}

function leaks(out: string, never: string[]): string[] {
  return never.filter((n) => out.includes(n));
}

test('a planted secret never appears in the response or the logs', async () => {
  await fc.assert(
    fc.asyncProperty(
      validRequestArb,
      secretArb,
      aroundArb,
      fc.constantFrom<Place>('value', 'name', 'logicalId', 'type', 'hookModelValue', 'hookModelName', 'stackId', 'envVar', 'policy'),
      fc.nat(),
      async (valid, { secret, never }, [before, after], place, at) => {
        const event = plant(valid as Record<string, any>, place, `${before}${secret}${after}`, at);
        const { response, logs } = await invokeHook(event);
        expect(responseViolations(response)).toEqual([]);
        const out = [JSON.stringify(response), ...logs].join('\n');
        expect({ place, leaked: leaks(out, never) }).toEqual({ place, leaked: [] });
      },
    ),
    { numRuns: 400 },
  );
});

test.each<Place>(['value', 'name', 'logicalId', 'type', 'hookModelValue', 'hookModelName', 'stackId', 'envVar', 'policy'])(
  'a planted secret (bare) in %s is never echoed, for every credential shape',
  async (place) => {
    await fc.assert(
      fc.asyncProperty(validRequestArb, secretArb, fc.nat(), async (valid, { secret, never }, at) => {
        const { response, logs } = await invokeHook(plant(valid as Record<string, any>, place, secret, at));
        expect(responseViolations(response)).toEqual([]);
        expect(leaks([JSON.stringify(response), ...logs].join('\n'), never)).toEqual([]);
      }),
      { numRuns: Math.ceil(RUNS / 4) },
    );
  },
);

test('caller and provider credentials of the request never reach the logs or the response', async () => {
  await fc.assert(
    fc.asyncProperty(validRequestArb, alnum(20, 40), async (valid, secretKey) => {
      const e = structuredClone(valid) as Record<string, any>;
      const creds = JSON.stringify({ accessKeyId: 'ASIAQWERTYUIOPASDFGH', secretAccessKey: secretKey, sessionToken: `IQo${secretKey}` });
      e.requestData.callerCredentials = creds;
      e.requestData.providerCredentials = creds;
      e.requestData.providerLogGroupName = 'hook-logs';
      const delivered: string[] = [];
      const { response, logs } = await invokeHook(e, {
        deliver: async (lines) => {
          delivered.push(...lines);
        },
      });
      const out = [JSON.stringify(response), ...logs, ...delivered].join('\n');
      expect(out.includes(secretKey)).toBe(false);
      expect(out.includes('ASIAQWERTYUIOPASDFGH')).toBe(false);
    }),
    { numRuns: 100 },
  );
});
