/** Type configuration: the settings cache across partitions and unserialisable models; malformed lists are configuration errors, not crashes. */
import { loadSettings } from '../../src/engine/config';
import { ConfigurationError } from '../../src/engine/errors';
import { REGISTRY } from '../../src/engine/registry';

const IDS = REGISTRY.ids;
const ACCOUNT = '123456789012';
const TODAY = new Date('2026-01-10T12:00:00Z');
const load = (model: unknown) => loadSettings(model, IDS, { accountId: ACCOUNT, partition: 'aws', today: TODAY });

function configError(model: unknown): ConfigurationError {
  let thrown: unknown;
  try {
    load(model);
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(ConfigurationError);
  return thrown as ConfigurationError;
}

const exemption = (i: number, fields: Record<string, unknown> = {}) => ({
  ControlId: 'CICD.CODEBUILD.5',
  StackName: `stack-${i}`,
  LogicalId: '*',
  Reason: 'the build needs Docker for its image assets',
  ExpiresOn: '2026-03-01',
  ...fields,
});

describe('the settings cache', () => {
  test('the same configuration in two partitions other than aws gives each its own partition', () => {
    const model = { PermissionsBoundaryArn: 'arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/boundary' };
    const cn = loadSettings(model, IDS, { accountId: ACCOUNT, partition: 'aws-cn', today: TODAY });
    const gov = loadSettings(model, IDS, { accountId: ACCOUNT, partition: 'aws-us-gov', today: TODAY });
    expect(cn.PermissionsBoundaryArn).toBe(`arn:aws-cn:iam::${ACCOUNT}:policy/boundary`);
    expect(gov.PermissionsBoundaryArn).toBe(`arn:aws-us-gov:iam::${ACCOUNT}:policy/boundary`);
  });

  test('a configuration that cannot be serialised is still read, and does not displace the cached one', () => {
    const model = { MinimumLogRetentionDays: 400 };
    const cached = load(model);
    expect(load(model)).toBe(cached);
    // an exemption whose JSON form throws (only a programmatic caller can hand this over)
    const odd = Object.assign(
      Object.create({
        toJSON() {
          throw new Error('not serialisable');
        },
      }) as object,
      exemption(0),
    );
    const settings = load({ MinimumLogRetentionDays: 500, Exemptions: [odd] });
    expect(settings.MinimumLogRetentionDays).toBe(500);
    expect(settings.Exemptions).toHaveLength(1);
    expect(load(model)).toBe(cached);
  });
});

describe('lists of the wrong type are configuration errors naming the property', () => {
  test.each([5, true, { Id: 'CICD.CODEBUILD.5' }])('DisabledControls and WarnOnlyControls given %p', (value) => {
    expect(configError({ DisabledControls: value }).problems.map((p) => p.property)).toEqual(['DisabledControls']);
    expect(configError({ WarnOnlyControls: value }).problems.map((p) => p.property)).toEqual(['WarnOnlyControls']);
  });

  test.each([7, false, { ControlId: 'CICD.CODEBUILD.5' }])('Exemptions given %p', (value) => {
    expect(configError({ Exemptions: value }).problems.map((p) => p.property)).toEqual(['Exemptions']);
  });
});

describe('more problems than the schema check itemises', () => {
  test('exemptions whose Reason is not a string, beyond the itemised ones, are still a configuration error, not a crash', () => {
    const exemptions = Array.from({ length: 120 }, (_, i) => exemption(i, { Reason: ['not', 'a', 'string'] }));
    const e = configError({ Exemptions: exemptions });
    expect(e.problems.length).toBeGreaterThan(0);
    for (const p of e.problems) expect(p.property).toMatch(/^Exemptions\[\d+\]\.Reason$/);
  });

  test('control ID lists whose entries are not strings report no unknown control IDs, however many entries there are', () => {
    const list = Array.from({ length: 120 }, (_, i) => [i]);
    const e = configError({ DisabledControls: list });
    expect(e.problems.length).toBeGreaterThan(0);
    for (const p of e.problems) expect(p.reason).not.toMatch(/unknown control ID/);
  });
});
