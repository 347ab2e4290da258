/**
 * A reproduction of `cfn test` (cloudformation-cli contract/suite/hook) over inputs/: for every handler
 * and target, the SUCCESS input must answer SUCCESS and the INVALID input FAILED, with the CLI's exact
 * assertions, using the request shape HookClient.make_request builds.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { entrypoint } from '../src/handlers';
import { HOOK_SCHEMA } from '../src/engine/schema';
import type { HookResponse } from '../src/protocol/wire';
import { startSeededMoto, useEnv, type SeededMoto } from './helpers/seed';

const root = join(__dirname, '..');
const CONTRACT_ERROR_CODES = ['NotUpdatable', 'InvalidRequest', 'AccessDenied', 'InvalidCredentials', 'AlreadyExists', 'NotFound', 'ResourceConflict', 'Throttling', 'ServiceLimitExceeded', 'NotStabilized', 'GeneralServiceException', 'ServiceInternalError', 'NetworkFailure', 'InternalFailure', 'InvalidTypeConfiguration', 'HandlerInternalFailure', 'NonCompliant', 'UnsupportedTarget', 'Unknown'];
const typeConfiguration = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'contract', 'typeConfiguration.json'), 'utf8'));
const HOOK_MODEL = typeConfiguration.CloudFormationConfiguration.HookConfiguration.Properties;

type Point = 'CREATE_PRE_PROVISION' | 'UPDATE_PRE_PROVISION' | 'DELETE_PRE_PROVISION';
const HANDLERS: Array<[keyof typeof HOOK_SCHEMA.handlers, Point, string]> = [
  ['preCreate', 'CREATE_PRE_PROVISION', 'pre_create'],
  ['preUpdate', 'UPDATE_PRE_PROVISION', 'pre_update'],
  ['preDelete', 'DELETE_PRE_PROVISION', 'pre_delete'],
];

function inputs(kind: string): Record<string, unknown> | undefined {
  const file = join(root, 'inputs', `inputs_1_${kind}.json`);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

/** HookClient.make_request: token reused as stackId and logical ID, plaintext JSON credentials. */
function makeRequest(point: Point, targetName: string, targetModel: unknown, hookModel: unknown) {
  const token = randomUUID();
  return {
    clientRequestToken: token,
    awsAccountId: '123456789012',
    stackId: token,
    hookTypeName: HOOK_SCHEMA.typeName,
    hookTypeVersion: '00000001',
    hookModel,
    actionInvocationPoint: point,
    requestData: {
      callerCredentials: JSON.stringify({ accessKeyId: 'ASIAEXAMPLEEXAMPLE01', secretAccessKey: 'secret', sessionToken: 'token' }),
      targetName,
      targetType: 'RESOURCE',
      targetLogicalId: token,
      targetModel,
    },
    requestContext: { callbackContext: null },
  };
}

/** The CLI's driver: resend while IN_PROGRESS with the returned callbackContext (bounded here). */
async function callAndWait(request: ReturnType<typeof makeRequest>): Promise<HookResponse> {
  let response = await entrypoint(request);
  for (let i = 0; response.hookStatus === 'IN_PROGRESS' && i < 10; i++) {
    expect(response).not.toHaveProperty('errorCode');
    request.requestContext.callbackContext = (response.callbackContext ?? null) as never;
    response = await entrypoint(request);
  }
  expect(['SUCCESS', 'FAILED']).toContain(response.hookStatus);
  expect(response.clientRequestToken).toBe(request.clientRequestToken);
  return response;
}

// The real entry point looks up what the inputs name in the request's account (live lookups, fail closed):
// those facts are created, compliant, in a moto_server the SDK is pointed at (AWS_ENDPOINT_URL).
let moto: SeededMoto | undefined;
let restoreEnv: (() => void) | undefined;

beforeAll(async () => {
  process.env.PIPELINE_GUARD_LOG = 'off';
  const requests = HANDLERS.flatMap(([key, point, kind]) =>
    (HOOK_SCHEMA.handlers[key]?.targetNames ?? []).flatMap((t) => [HOOK_MODEL, null].map((model) => makeRequest(point, t, inputs(kind)?.[t], model))),
  );
  moto = await startSeededMoto(requests);
  restoreEnv = useEnv(moto.env);
}, 60_000);

afterAll(async () => {
  restoreEnv?.();
  await moto?.stop();
});

for (const [key, point, kind] of HANDLERS) {
  const handler = HOOK_SCHEMA.handlers[key];
  if (!handler) continue;
  describe(`${key} (${point})`, () => {
    const valid = inputs(kind);
    const invalid = inputs(`invalid_${kind}`) ?? inputs('invalid');

    test('inputs exist for every target of the handler', () => {
      for (const t of handler.targetNames) {
        expect({ t, valid: valid?.[t] !== undefined }).toEqual({ t, valid: true });
        expect({ t, invalid: invalid?.[t] !== undefined }).toEqual({ t, invalid: true });
      }
    });

    for (const target of handler.targetNames) {
      for (const [label, hookModel] of [['contract type configuration', HOOK_MODEL], ['no type configuration (hookModel null)', null]] as const) {
        test(`contract_${kind}_success: ${target} with ${label}`, async () => {
          const response = await callAndWait(makeRequest(point, target, valid?.[target], hookModel));
          expect({ status: response.hookStatus, message: response.message }).toEqual({ status: 'SUCCESS', message: response.message });
          expect(response).not.toHaveProperty('errorCode');
          expect([undefined, 0]).toContain(response.callbackDelaySeconds);
        });
      }
      // `cfn test` runs the failed tests with whatever type configuration it finds, none included: every invalid
      // input must fail under the embedded defaults too (on delete: the hook's own resources are protected by default)
      for (const [label, hookModel] of [['contract type configuration', HOOK_MODEL], ['no type configuration (hookModel null)', null]] as const) {
        test(`contract_${kind}_failed: ${target} with ${label}`, async () => {
          const response = await callAndWait(makeRequest(point, target, invalid?.[target], hookModel));
          expect(response.hookStatus).toBe('FAILED');
          expect(CONTRACT_ERROR_CODES).toContain(response.errorCode);
          expect([undefined, 0]).toContain(response.callbackDelaySeconds);
          expect(typeof response.message).toBe('string');
          expect(response.message.length).toBeGreaterThan(0);
        });
      }
    }

    test(`contract_${kind}_failed_unsupported_target`, async () => {
      const name = `Acme${randomUUID().slice(0, 8)}::Some::Thing`;
      const model = { resourceProperties: { id: 'arn:aws:acme:::x', property1: 'abc', property2: 42 }, previousResourceProperties: { id: 'arn:aws:acme:::x' } };
      const response = await callAndWait(makeRequest(point, name, model, HOOK_MODEL));
      expect(response.hookStatus).toBe('FAILED');
      expect(response.errorCode).toBe('UnsupportedTarget');
      expect(response.message.length).toBeGreaterThan(0);
    });
  });
}

// last: the SUCCESS answers above were given with live lookups, not without them
test('the real entry point looked up every fact seeded for the SUCCESS inputs in moto', async () => {
  expect({ seeded: moto!.seeded.length > 0, unsupported: moto!.unsupported, notLookedUp: await moto!.notLookedUp() }).toEqual({ seeded: true, unsupported: [], notLookedUp: [] });
});
