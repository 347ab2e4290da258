/** Type configuration: defaults, stringified values, errors naming the property, agreement with ajv. */
import Ajv from 'ajv';
import { loadSettings, readTypeConfigurationDocument } from '../../src/engine/config';
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
    expect(s.ProductionStageNames).toEqual(['prod', 'production', 'prd', 'live']);
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
    expect(load({}).ProductionStageNames).toEqual(['prod', 'production', 'prd', 'live']);
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
    expect(load({ ProductionStageNames: '' }).ProductionStageNames).toEqual(['prod', 'production', 'prd', 'live']);
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

describe('every problem is reported at once, each naming its property', () => {
  const ex = { ControlId: KNOWN, StackName: 'ci-*', LogicalId: 'Docker*', Reason: 'docker image builds', ExpiresOn: '2027-01-31' };
  const today = new Date('2026-06-15T12:00:00Z');
  const loadOn = (model: unknown, when = today) => loadSettings(model, IDS, { accountId: '123456789012', today: when });
  function problemsOf(model: unknown, when = today): Array<{ property: string; reason: string }> {
    try {
      loadOn(model, when);
    } catch (e) {
      if (e instanceof ConfigurationError) return [...e.problems];
      throw e;
    }
    throw new Error('expected a ConfigurationError');
  }

  test('unknown properties, schema violations and unknown control IDs together', () => {
    const model = {
      DisabledControl: [KNOWN],
      MinimumLogRetentionDays: 'forever',
      WarnOnlyControls: [KNOWN, 'CICD.NOPE.1', 'bad'],
      Exemptions: [{ ...ex, Reason: 'short', ExpiresOn: '2026-02-30', ControlId: 'CICD.NOPE.2' }, { ...ex, Extra: 1 }],
    };
    const problems = problemsOf(model);
    expect(problems.map((p) => p.property).sort()).toEqual(
      ['DisabledControl', 'MinimumLogRetentionDays', 'WarnOnlyControls[1]', 'WarnOnlyControls[2]', 'Exemptions[0].Reason', 'Exemptions[0].ExpiresOn', 'Exemptions[0].ControlId', 'Exemptions[1].Extra'].sort(),
    );
    const e = configError(model);
    // the one sentence the hook answers with names every problem
    const sentence = `property ${e.property} ${e.reason}`;
    for (const p of problems) expect(sentence).toContain(`property ${p.property} ${p.reason}`);
  });

  test('the 10-character minimum on Reason does not hide the other errors of the same exemption', () => {
    const problems = problemsOf({ Exemptions: [{ ...ex, Reason: 'short', ExpiresOn: '9999-12-31', LogicalId: '' }] });
    expect(problems.map((p) => p.property).sort()).toEqual(['Exemptions[0].ExpiresOn', 'Exemptions[0].LogicalId', 'Exemptions[0].Reason']);
  });

  test('a misspelt property is named with a suggestion', () => {
    expect(problemsOf({ Exemption: [] })).toEqual([{ property: 'Exemption', reason: 'is not a known property (did you mean Exemptions?)' }]);
    expect(problemsOf({ minimumlogretentiondays: 400 })[0].reason).toBe('is not a known property (did you mean MinimumLogRetentionDays?)');
    expect(problemsOf({ Zzz: 1 })[0].reason).toMatch(/^is not a known property \(known: DisabledControls, /);
  });

  test('a valid configuration still loads (no false problems)', () => {
    expect(loadOn({ Exemptions: [ex], WarnOnlyControls: [KNOWN] }).Exemptions).toEqual([ex]);
  });
});

describe('MaximumExemptionDays caps exemption lifetimes', () => {
  const ex = { ControlId: KNOWN, StackName: 'ci-*', LogicalId: 'DockerBuild', Reason: 'docker image builds', ExpiresOn: '2027-06-15' };
  const today = new Date('2026-06-15T18:30:00Z');
  const loadOn = (model: unknown, when = today) => loadSettings(model, IDS, { accountId: '123456789012', today: when });

  test('default 365 days: today + 365 is accepted, one day more is an error naming the exemption', () => {
    expect(loadOn({}).MaximumExemptionDays).toBe(365);
    expect(loadOn({ Exemptions: [ex] }).Exemptions[0].ExpiresOn).toBe('2027-06-15');
    expect(() => loadOn({ Exemptions: [{ ...ex, ExpiresOn: '2027-06-16' }] })).toThrow(ConfigurationError);
    try {
      loadOn({ Exemptions: [ex, { ...ex, ExpiresOn: '9999-12-31' }] });
      throw new Error('expected a ConfigurationError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigurationError);
      const err = e as ConfigurationError;
      expect(err.problems).toEqual([
        {
          property: 'Exemptions[1].ExpiresOn',
          reason: 'of the exemption CICD.CODEBUILD.5 for ci-*/DockerBuild is 9999-12-31, more than MaximumExemptionDays (365) after today (2026-06-15): the latest allowed is 2027-06-15',
        },
      ]);
      expect(err.reason).not.toContain('docker image builds');
    }
  });

  test('a platform sets its own cap; the cap is validated', () => {
    expect(() => loadOn({ MaximumExemptionDays: '30', Exemptions: [ex] })).toThrow(/more than MaximumExemptionDays \(30\)/);
    expect(loadOn({ MaximumExemptionDays: '30', Exemptions: [{ ...ex, ExpiresOn: '2026-07-15' }] }).Exemptions).toHaveLength(1);
    expect(() => loadOn({ MaximumExemptionDays: 0 })).toThrow(/MaximumExemptionDays: must be at least 1/);
  });

  test('an expired exemption is not a configuration error (it simply stops applying)', () => {
    expect(loadOn({ Exemptions: [{ ...ex, ExpiresOn: '2020-01-01' }] }).Exemptions).toHaveLength(1);
  });

  test("the hook judges against its own clock and answers InvalidTypeConfiguration naming every problem", async () => {
    // invokeHook's clock is 2026-06-15
    const hookModel = { Exemptions: [{ ...ex, ExpiresOn: '2027-06-16' }], DisabledControls: ['CICD.NOPE.9'] };
    const { response } = await invokeHook(buildRequest({ type: 'AWS::CodeBuild::Project', properties: {}, hookModel }));
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InvalidTypeConfiguration' });
    expect(response.message).toContain('property DisabledControls[0] names an unknown control ID CICD.NOPE.9');
    expect(response.message).toContain('property Exemptions[0].ExpiresOn of the exemption CICD.CODEBUILD.5 for ci-*/DockerBuild is 2027-06-16');
    const ok = await invokeHook(buildRequest({ type: 'AWS::CodeBuild::Project', properties: {}, hookModel: { Exemptions: [ex] } }));
    expect(ok.response.errorCode).not.toBe('InvalidTypeConfiguration');
  });
});

describe('edge values of the type configuration (mutation review, bench/mutation.md)', () => {
  const today = new Date('2026-06-15T12:00:00Z');
  const ex = { ControlId: KNOWN, StackName: 'ci-*', LogicalId: 'Docker*', Reason: 'docker image builds', ExpiresOn: '2027-01-31' };
  const loadOn = (model: unknown) => loadSettings(model, IDS, { accountId: '123456789012', today });
  function problemsOf(model: unknown): Array<{ property: string; reason: string }> {
    try {
      loadOn(model);
    } catch (e) {
      if (e instanceof ConfigurationError) return [...e.problems];
      throw e;
    }
    throw new Error('expected a ConfigurationError');
  }

  test('a property given as null gets its default, like an absent one', () => {
    const s = loadOn({ MinimumLogRetentionDays: null, DisabledControls: null, LookupFailureMode: null });
    expect(s.MinimumLogRetentionDays).toBe(365);
    expect(s.DisabledControls).toEqual([]);
    expect(s.LookupFailureMode).toBe('FAIL');
  });

  test('an empty string is a default for non-string properties but a value for string ones: an empty enum is an error, not FAIL', () => {
    expect(loadOn({ MinimumLogRetentionDays: '', DisabledControls: '' }).MinimumLogRetentionDays).toBe(365);
    expect(loadOn({ PermissionsBoundaryArn: '' }).PermissionsBoundaryArn).toBe('');
    expect(problemsOf({ LookupFailureMode: '' })).toEqual([{ property: 'LookupFailureMode', reason: 'must be one of FAIL, UNKNOWN' }]);
    expect(problemsOf({ Scope: '' }).map((p) => p.property)).toEqual(['Scope']);
  });

  test('Reason: 10 characters after trimming is the minimum (boundary)', () => {
    // the schema's minLength counts the padding; the engine counts what is left after trimming
    expect(loadOn({ Exemptions: [{ ...ex, Reason: '1234567890' }] }).Exemptions).toHaveLength(1);
    expect(loadOn({ Exemptions: [{ ...ex, Reason: '  1234567890  ' }] }).Exemptions).toHaveLength(1);
    expect(problemsOf({ Exemptions: [{ ...ex, Reason: '123456789' }] })).toEqual([{ property: 'Exemptions[0].Reason', reason: 'must be at least 10 characters long' }]);
    expect(problemsOf({ Exemptions: [{ ...ex, Reason: '   123456789   ' }] })).toEqual([{ property: 'Exemptions[0].Reason', reason: 'must explain the exemption in at least 10 characters' }]);
  });

  test('an exemption that is not an object is one problem naming it, never a crash', () => {
    expect(problemsOf({ Exemptions: [null] })).toEqual([{ property: 'Exemptions[0]', reason: 'must be an object, got null' }]);
    expect(problemsOf({ Exemptions: [ex, 'x'] })).toEqual([{ property: 'Exemptions[1]', reason: 'must be an object, got a string' }]);
  });

  test('an ExpiresOn that fails the schema pattern is reported once (not again as an impossible date)', () => {
    expect(problemsOf({ Exemptions: [{ ...ex, ExpiresOn: 'tomorrow' }] })).toEqual([{ property: 'Exemptions[0].ExpiresOn', reason: 'does not match the pattern ^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }]);
  });

  test('missing fields of an exemption are each named once as required (no "unknown control ID undefined")', () => {
    expect(problemsOf({ Exemptions: [{}] })).toEqual(['ControlId', 'StackName', 'LogicalId', 'Reason', 'ExpiresOn'].map((f) => ({ property: `Exemptions[0].${f}`, reason: 'is required' })));
  });

  test('the MaximumExemptionDays message names the exemption, with ? for a missing glob', () => {
    const problems = problemsOf({ Exemptions: [{ ControlId: KNOWN, Reason: '1234567890', ExpiresOn: '2030-01-01' }] });
    expect(problems.find((p) => p.property === 'Exemptions[0].ExpiresOn')?.reason).toBe(
      `of the exemption ${KNOWN} for ?/? is 2030-01-01, more than MaximumExemptionDays (365) after today (2026-06-15): the latest allowed is 2027-06-15`,
    );
  });

  test('without a context, ${AWS::AccountId} becomes empty (never a stray separator) and the partition is aws', () => {
    const s = loadSettings({ AllowedBuildImages: ['${AWS::AccountId}.dkr.ecr.*', 'x'], PermissionsBoundaryArn: 'arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/b' }, IDS);
    expect(s.AllowedBuildImages).toEqual(['.dkr.ecr.*', 'x']);
    expect(s.PermissionsBoundaryArn).toBe('arn:aws:iam:::policy/b');
  });

  test('a hookModel that cannot be serialised (no cache key) is still validated', () => {
    const model: Record<string, unknown> = { MinimumLogRetentionDays: BigInt(400) };
    expect(() => loadOn(model)).toThrow(ConfigurationError);
    const cyclic: Record<string, unknown> = { MinimumLogRetentionDays: 400 };
    cyclic.Self = cyclic;
    expect(() => loadOn(cyclic)).toThrow(ConfigurationError);
  });
});

describe('readTypeConfigurationDocument: the whole set-type-configuration document or just its Properties', () => {
  const whole = (hc: unknown) => ({ CloudFormationConfiguration: { HookConfiguration: hc } });

  test('anything that is not the whole document is the Properties themselves', () => {
    expect(readTypeConfigurationDocument(null)).toEqual({ hookModel: null, problems: [] });
    expect(readTypeConfigurationDocument('{"a":1}')).toEqual({ hookModel: '{"a":1}', problems: [] });
    expect(readTypeConfigurationDocument([1])).toEqual({ hookModel: [1], problems: [] });
    expect(readTypeConfigurationDocument({ MinimumLogRetentionDays: 400 })).toEqual({ hookModel: { MinimumLogRetentionDays: 400 }, problems: [] });
  });

  test('the whole document gives its Properties, FailureMode and HookInvocationStatus', () => {
    const doc = whole({ FailureMode: 'WARN', HookInvocationStatus: 'ENABLED', TargetStacks: 'ALL', Properties: { MinimumLogRetentionDays: 400 } });
    expect(readTypeConfigurationDocument(doc)).toEqual({ hookModel: { MinimumLogRetentionDays: 400 }, failureMode: 'WARN', invocationStatus: 'ENABLED', problems: [] });
  });

  test('absent or null Properties are an empty configuration; Properties that are not an object are a problem naming the path', () => {
    expect(readTypeConfigurationDocument(whole({ FailureMode: 'FAIL' }))).toEqual({ hookModel: {}, failureMode: 'FAIL', invocationStatus: undefined, problems: [] });
    expect(readTypeConfigurationDocument(whole({ Properties: null })).problems).toEqual([]);
    const r = readTypeConfigurationDocument(whole({ Properties: 5 }));
    expect(r.hookModel).toEqual({});
    expect(r.problems).toContainEqual({ property: 'CloudFormationConfiguration.HookConfiguration.Properties', reason: 'must be an object' });
    expect(readTypeConfigurationDocument(whole({ Properties: [] })).problems).toContainEqual({ property: 'CloudFormationConfiguration.HookConfiguration.Properties', reason: 'must be an object' });
  });

  test('a typo or a wrong value anywhere around the Properties is a problem naming its path; non-string modes are not taken', () => {
    const r = readTypeConfigurationDocument(whole({ Propertes: { MinimumLogRetentionDays: 400 }, FailureMode: 1, HookInvocationStatus: true }));
    expect(r.hookModel).toEqual({});
    expect(r.failureMode).toBeUndefined();
    expect(r.invocationStatus).toBeUndefined();
    const paths = r.problems.map((p) => p.property);
    expect(paths).toContain('CloudFormationConfiguration.HookConfiguration.Propertes');
    expect(paths).toContain('CloudFormationConfiguration.HookConfiguration.FailureMode');
    expect(readTypeConfigurationDocument({ CloudFormationConfiguration: 'x' })).toMatchObject({ hookModel: {}, failureMode: undefined });
    expect(readTypeConfigurationDocument({ CloudFormationConfiguration: 'x' }).problems.length).toBeGreaterThan(0);
    expect(readTypeConfigurationDocument({ CloudFormationConfiguration: { HookConfiguration: 'x' } }).hookModel).toEqual({});
    // a null level is a problem naming it, never a crash (fail closed: the CLI reports it)
    expect(readTypeConfigurationDocument({ CloudFormationConfiguration: null })).toMatchObject({ hookModel: {}, failureMode: undefined });
    expect(readTypeConfigurationDocument({ CloudFormationConfiguration: null }).problems.length).toBeGreaterThan(0);
  });
});
