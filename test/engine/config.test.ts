/** Type configuration: defaults, stringified values, errors naming the property, agreement with ajv. */
import Ajv from 'ajv';
import { loadSettings } from '../../src/engine/config';
import { ConfigurationError } from '../../src/engine/errors';
import { REGISTRY } from '../../src/engine/registry';
import { coerce, HOOK_SCHEMA, validate } from '../../src/engine/schema';
import { buildRequest, invokeHook } from '../helpers/requests';

const IDS = REGISTRY.ids;
const KNOWN = 'CICD.CODEBUILD.5';
const load = (model: unknown) => loadSettings(model, IDS, { accountId: '123456789012', partition: 'aws' });

function configError(model: unknown): ConfigurationError {
  try {
    load(model);
  } catch (e) {
    if (e instanceof ConfigurationError) return e;
    throw e;
  }
  throw new Error('expected a ConfigurationError');
}

describe('defaults', () => {
  test.each([null, undefined, {}, ''])('%p gives every control on, enforcing, with schema defaults', (model) => {
    const s = load(model);
    expect(s.DisabledControls).toEqual([]);
    expect(s.WarnOnlyControls).toEqual([]);
    expect(s.Exemptions).toEqual([]);
    expect(s.MinimumLogRetentionDays).toBe(365);
    expect(s.ProductionStageNames).toEqual(['*prod*', '*prd*', '*live*']);
    expect(s.AllowedBuildImages).toEqual(['aws/codebuild/*', '123456789012.dkr.ecr.*.amazonaws.com/*']);
    expect(s.PermissionsBoundaryArn).toBe('');
  });

  test('every schema property has a default', () => {
    for (const [name, prop] of Object.entries(HOOK_SCHEMA.typeConfiguration.properties)) expect({ name, hasDefault: 'default' in prop }).toEqual({ name, hasDefault: true });
  });

  test('settings are immutable, so caching them cannot leak a mutation into the next request', () => {
    const a = load({});
    expect(() => a.ProductionStageNames.push('mutated')).toThrow(/not extensible|read.only/);
    expect(() => {
      (a as { MinimumLogRetentionDays: number }).MinimumLogRetentionDays = 1;
    }).toThrow(/read.only|Cannot assign/);
    expect(load({}).ProductionStageNames).toEqual(['*prod*', '*prd*', '*live*']);
  });

  test('the cache is keyed by content, account and partition', () => {
    const a = load({ MinimumLogRetentionDays: '400' });
    expect(load({ MinimumLogRetentionDays: '400' })).toBe(a);
    expect(load({ MinimumLogRetentionDays: '401' }).MinimumLogRetentionDays).toBe(401);
    expect(loadSettings({}, IDS, { accountId: '999999999999' }).AllowedBuildImages).toContain('999999999999.dkr.ecr.*.amazonaws.com/*');
    expect(load({}).AllowedBuildImages).toContain('123456789012.dkr.ecr.*.amazonaws.com/*');
  });
});

describe('stringified and flattened values', () => {
  test('numbers as strings', () => {
    expect(load({ MinimumLogRetentionDays: '400' }).MinimumLogRetentionDays).toBe(400);
    expect(load({ MinimumLogRetentionDays: 400 }).MinimumLogRetentionDays).toBe(400);
  });

  test('arrays as comma-separated strings, with spaces and empty items', () => {
    expect(load({ DisabledControls: ` ${KNOWN} , ` }).DisabledControls).toEqual([KNOWN]);
    expect(load({ ProductionStageNames: 'Prod,Live-*' }).ProductionStageNames).toEqual(['Prod', 'Live-*']);
    expect(load({ ProductionStageNames: '' }).ProductionStageNames).toEqual(['*prod*', '*prd*', '*live*']);
  });

  test('arrays and objects as JSON text', () => {
    const exemptions = [{ ControlId: KNOWN, StackName: '*', LogicalId: 'Docker*', Reason: 'docker image builds', ExpiresOn: '2027-01-31' }];
    expect(load({ Exemptions: JSON.stringify(exemptions) }).Exemptions).toEqual(exemptions);
    expect(load({ ProductionAccountIds: '["222222222222"]' }).ProductionAccountIds).toEqual(['222222222222']);
  });

  test('account IDs given as numbers become strings', () => {
    expect(load({ ProductionAccountIds: [222222222222] }).ProductionAccountIds).toEqual(['222222222222']);
  });

  test('the whole hookModel as a JSON string', () => {
    expect(load(JSON.stringify({ MinimumLogRetentionDays: '731' })).MinimumLogRetentionDays).toBe(731);
  });

  test('${AWS::AccountId} and ${AWS::Partition} are substituted', () => {
    const s = loadSettings({ PermissionsBoundaryArn: 'arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/b' }, IDS, { accountId: '999999999999', partition: 'aws-us-gov' });
    expect(s.PermissionsBoundaryArn).toBe('arn:aws-us-gov:iam::999999999999:policy/b');
  });
});

describe('invalid configuration names the property and the reason', () => {
  const cases: Array<[string, unknown, RegExp, RegExp]> = [
    ['unknown property', { DisabledControl: [KNOWN] }, /^DisabledControl$/, /not a known property/],
    ['not an object', [1, 2], /type configuration/, /JSON object/],
    ['string that is not JSON', 'nonsense', /type configuration/, /not a JSON object/],
    ['integer that is not a number', { MinimumLogRetentionDays: 'forever' }, /^MinimumLogRetentionDays$/, /must be an integer/],
    ['integer below minimum', { MinimumLogRetentionDays: '0' }, /^MinimumLogRetentionDays$/, /at least 1/],
    ['unknown control ID', { DisabledControls: [KNOWN, 'CICD.CODEBUILD.999'] }, /^DisabledControls\[1\]$/, /unknown control ID CICD.CODEBUILD.999/],
    ['malformed control ID', { WarnOnlyControls: 'codebuild-5' }, /^WarnOnlyControls\[0\]$/, /pattern/],
    ['unknown control in an exemption', { Exemptions: [{ ControlId: 'CICD.NOPE.1', StackName: '*', LogicalId: '*', Reason: 'long enough reason', ExpiresOn: '2027-01-01' }] }, /^Exemptions\[0\]\.ControlId$/, /unknown control ID/],
    ['exemption without reason', { Exemptions: [{ ControlId: KNOWN, StackName: '*', LogicalId: '*', ExpiresOn: '2027-01-01' }] }, /^Exemptions\[0\]\.Reason$/, /required/],
    ['exemption with a blank reason', { Exemptions: [{ ControlId: KNOWN, StackName: '*', LogicalId: '*', Reason: '          ', ExpiresOn: '2027-01-01' }] }, /^Exemptions\[0\]\.Reason$/, /at least 10/],
    ['exemption with an impossible date', { Exemptions: [{ ControlId: KNOWN, StackName: '*', LogicalId: '*', Reason: 'long enough reason', ExpiresOn: '2026-02-30' }] }, /^Exemptions\[0\]\.ExpiresOn$/, /calendar date/],
    ['exemption with a datetime', { Exemptions: [{ ControlId: KNOWN, StackName: '*', LogicalId: '*', Reason: 'long enough reason', ExpiresOn: '2026-02-01T00:00:00Z' }] }, /^Exemptions\[0\]\.ExpiresOn$/, /pattern/],
    ['exemption with an extra key', { Exemptions: [{ ControlId: KNOWN, StackName: '*', LogicalId: '*', Reason: 'long enough reason', ExpiresOn: '2027-01-01', Owner: 'me' }] }, /^Exemptions\[0\]\.Owner$/, /not a known property/],
    ['account ID with letters', { ProductionAccountIds: ['12345678901x'] }, /^ProductionAccountIds\[0\]$/, /pattern/],
  ];
  test.each(cases)('%s', (_name, model, property, reason) => {
    const e = configError(model);
    expect(e.property).toMatch(property);
    expect(e.reason).toMatch(reason);
  });

  test('the hook answers FAILED InvalidTypeConfiguration with property and reason', async () => {
    const { response } = await invokeHook(buildRequest({ type: 'AWS::CodeBuild::Project', properties: {}, hookModel: { MinimumLogRetentionDays: 'x' } }));
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InvalidTypeConfiguration' });
    expect(response.message).toContain('MinimumLogRetentionDays');
    expect(response.message).toContain('must be an integer');
  });
});

describe('the hand-written validator agrees with ajv on the schema typeConfiguration', () => {
  const ajv = new Ajv({ strict: false, allErrors: false });
  const schema = { definitions: HOOK_SCHEMA.definitions, ...HOOK_SCHEMA.typeConfiguration, type: 'object' };
  const ajvValidate = ajv.compile(schema);
  const configTypes = { type: 'object', properties: HOOK_SCHEMA.typeConfiguration.properties, additionalProperties: false };
  const ex = { ControlId: KNOWN, StackName: '*', LogicalId: '*', Reason: 'long enough reason', ExpiresOn: '2027-01-01' };
  const samples: unknown[] = [
    {},
    { DisabledControls: [KNOWN] },
    { DisabledControls: ['bad id'] },
    { DisabledControls: [KNOWN, KNOWN] },
    { Exemptions: [ex] },
    { Exemptions: [{ ...ex, Reason: 'short' }] },
    { Exemptions: [{ ...ex, ExpiresOn: '27-01-01' }] },
    { Exemptions: [{ ...ex, Extra: 1 }] },
    { Exemptions: [{ ControlId: KNOWN }] },
    { MinimumLogRetentionDays: 0 },
    { MinimumLogRetentionDays: 3653 },
    { MinimumLogRetentionDays: 3654 },
    { MinimumLogRetentionDays: 1.5 },
    { MinimumKeyDeletionWindowDays: 6 },
    { ProductionAccountIds: ['123456789012'] },
    { ProductionAccountIds: ['1234'] },
    { PermissionsBoundaryArn: 'arn:aws:iam::123456789012:policy/b' },
    { PermissionsBoundaryArn: 5 },
    { Unknown: 'x' },
    { AllowedBuildImages: [''] },
    { AllowedBuildImages: 'not-an-array' },
  ];
  test.each(samples.map((s) => [JSON.stringify(s), s]))('%s', (_label, sample) => {
    const ours = validate(configTypes, sample, '') === undefined;
    expect(ours).toBe(ajvValidate(sample) as boolean);
  });

  test('coercion turns CloudFormation-flattened values into what ajv accepts', () => {
    const flattened = { DisabledControls: KNOWN, MinimumLogRetentionDays: '400', Exemptions: JSON.stringify([ex]) };
    expect(ajvValidate(coerce(configTypes, flattened))).toBe(true);
  });
});
