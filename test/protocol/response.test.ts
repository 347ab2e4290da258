/** Response shape: message budget and order, annotations, warn-only, disabled, exemptions. */
import type { Control } from '../../src/controls/types';
import { evaluate } from '../../src/engine/evaluate';
import { loadSettings } from '../../src/engine/config';
import { Registry } from '../../src/engine/registry';
import { evaluationResponse } from '../../src/protocol/response';
import { toWire } from '../../src/protocol/wire';
import { buildRequest, invokeHook, NOW, codebuildProject, STACK_NAME } from '../helpers/requests';

const KNOWN = 'CICD.CODEBUILD.5';
const privileged = codebuildProject({ PrivilegedMode: 'true' });

function noisyControl(n: number): Control {
  return {
    id: `CICD.TEST.${n}`, slug: `noisy-${n}`, title: `Noisy control number ${n}`, resourceTypes: ['AWS::Test::Thing'], severity: 'MEDIUM', risks: ['CICD-SEC-7'],
    requirement: 'test', rationale: 'test', remediation: 'do the thing',
    check: () => [{ path: `Some.Very.Long.Property.Path.Number${n}`, message: `Some.Very.Long.Property.Path.Number${n} ${'is wrong in a long-winded way '.repeat(3)}` }],
  };
}

describe('message', () => {
  test('FAILED leads with the failing control IDs and stays within 1,024 characters', () => {
    const controls = Array.from({ length: 30 }, (_, i) => noisyControl(i + 1));
    const registry = new Registry(controls);
    const settings = loadSettings({}, registry.ids, { accountId: '123456789012' });
    const ev = evaluate({ resourceType: 'AWS::Test::Thing', logicalId: 'Thing', action: 'CREATE', properties: {}, accountId: '123456789012' }, settings, NOW, registry);
    const r = toWire(evaluationResponse('tok', ev));
    expect(r.hookStatus).toBe('FAILED');
    expect(r.errorCode).toBe('NonCompliant');
    expect(r.message.length).toBeLessThanOrEqual(1024);
    expect(r.message.startsWith('[CICD.TEST.1, CICD.TEST.2, CICD.TEST.3')).toBe(true);
    expect(r.annotations).toHaveLength(30);
    for (const a of r.annotations ?? []) {
      expect(a).toEqual({
        annotationName: expect.stringMatching(/^CICD\.TEST\.\d+$/),
        status: 'FAILED',
        severityLevel: 'MEDIUM',
        statusMessage: expect.stringContaining('Some.Very.Long.Property.Path'),
        remediationMessage: 'do the thing',
        remediationLink: expect.stringMatching(/^https:\/\/.*#cicd-test-\d+$/),
      });
    }
  });

  test('SUCCESS has no errorCode key at all (not even null) and a non-empty message', async () => {
    const { response } = await invokeHook(buildRequest({ type: 'AWS::CodeBuild::Project', properties: codebuildProject({ PrivilegedMode: 'false' }) }));
    expect(response.hookStatus).toBe('SUCCESS');
    expect(Object.keys(response)).not.toContain('errorCode');
    expect(Object.keys(response)).not.toContain('callbackContext');
    expect(response.message).toMatch(/compliant/);
    expect(response.annotations?.find((a) => a.annotationName === KNOWN)).toMatchObject({ status: 'PASSED', severityLevel: 'HIGH' });
  });
});

describe('configuration effects', () => {
  test('warn-only: SUCCESS with the warning in the message and a FAILED annotation', async () => {
    const { response } = await invokeHook(buildRequest({ type: 'AWS::CodeBuild::Project', properties: privileged, hookModel: { WarnOnlyControls: KNOWN } }));
    expect(response.hookStatus).toBe('SUCCESS');
    expect(response).not.toHaveProperty('errorCode');
    expect(response.message).toMatch(new RegExp(`^\\[WARN .*${KNOWN.replace(/\./g, '\\.')}`));
    const a = response.annotations?.find((x) => x.annotationName === KNOWN);
    expect(a?.status).toBe('FAILED');
    expect(a?.statusMessage).toMatch(/^WARN \(warn-only, not blocking\)/);
  });

  test('disabled: SKIPPED annotation saying so, control not evaluated', async () => {
    const { response } = await invokeHook(buildRequest({ type: 'AWS::CodeBuild::Project', properties: privileged, hookModel: { DisabledControls: [KNOWN] } }));
    const a = response.annotations?.find((x) => x.annotationName === KNOWN);
    expect(a).toMatchObject({ status: 'SKIPPED' });
    expect(a?.statusMessage).toContain('DisabledControls');
  });

  const exemption = (over: Record<string, string>) => ({
    Exemptions: [{ ControlId: KNOWN, StackName: 'ci-*', LogicalId: 'Docker*', Reason: 'Docker image builds need the daemon (PLAT-123)', ExpiresOn: '2026-06-15', ...over }],
  });

  test('an applied exemption is a SKIPPED annotation with its reason and expiry; it applies through its last day', async () => {
    const { response } = await invokeHook(buildRequest({ type: 'AWS::CodeBuild::Project', properties: privileged, logicalId: 'DockerBuild', hookModel: exemption({}) }));
    expect(response.hookStatus).toBe('SUCCESS');
    const a = response.annotations?.find((x) => x.annotationName === KNOWN);
    expect(a?.status).toBe('SKIPPED');
    expect(a?.statusMessage).toContain('PLAT-123');
    expect(a?.statusMessage).toContain('2026-06-15');
  });

  test('the day after ExpiresOn the exemption no longer applies', async () => {
    const { response } = await invokeHook(buildRequest({ type: 'AWS::CodeBuild::Project', properties: privileged, logicalId: 'DockerBuild', hookModel: exemption({ ExpiresOn: '2026-06-14' }) }));
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
  });

  test.each([
    ['another logical ID', { LogicalId: 'Other*' }],
    ['another stack', { StackName: 'prod-*' }],
    ['another control', { ControlId: KNOWN, LogicalId: 'Nope' }],
  ])('an exemption for %s does not apply', async (_n, over) => {
    const { response } = await invokeHook(buildRequest({ type: 'AWS::CodeBuild::Project', properties: privileged, logicalId: 'DockerBuild', hookModel: exemption(over) }));
    expect(response.hookStatus).toBe('FAILED');
  });

  test('without a stack name (Cloud Control) only StackName "*" matches', async () => {
    const withGlob = await invokeHook(buildRequest({ type: 'AWS::CodeBuild::Project', properties: privileged, logicalId: 'DockerBuild', stackId: null, hookModel: exemption({}) }));
    expect(withGlob.response.hookStatus).toBe('FAILED');
    const withStar = await invokeHook(buildRequest({ type: 'AWS::CodeBuild::Project', properties: privileged, logicalId: 'DockerBuild', stackId: null, hookModel: exemption({ StackName: '*' }) }));
    expect(withStar.response.hookStatus).toBe('SUCCESS');
  });

  test('template Metadata cannot exempt anything (it never reaches the hook, and properties named like suppressions are ignored)', async () => {
    const props = { ...privileged, Metadata: { cdk_nag: { rules_to_suppress: [{ id: KNOWN }] } }, Tags: [{ Key: 'pipeline-guard:exempt', Value: KNOWN }] };
    const { response } = await invokeHook(buildRequest({ type: 'AWS::CodeBuild::Project', properties: props }));
    expect(response.hookStatus).toBe('FAILED');
  });
});

describe('serialisation', () => {
  test("HookProgressEvent.serialize gives exactly what the library's class-transformer serialisation gives", async () => {
    const { BaseDto } = await import('@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib/dist/interface');
    const { HookProgressEvent } = await import('../../src/protocol/wire');
    const samples = [
      new HookProgressEvent({ hookStatus: 'SUCCESS', message: 'ok', clientRequestToken: 't', annotations: [{ annotationName: 'A', status: 'PASSED' }] }),
      new HookProgressEvent({ hookStatus: 'FAILED', errorCode: 'NonCompliant', message: 'no', clientRequestToken: 't', callbackDelaySeconds: 0, annotations: [] }),
      new HookProgressEvent({ hookStatus: 'FAILED', errorCode: 'InvalidRequest', message: 'bad', clientRequestToken: undefined, callbackContext: undefined }),
    ];
    for (const e of samples) expect(e.serialize()).toEqual(BaseDto.prototype.serialize.call(e));
  });
});

describe('fixes (issue 16 part 2)', () => {
  const { ALL_CONTROLS } = jest.requireActual('../../src/controls') as typeof import('../../src/controls');
  const privilegedControl = ALL_CONTROLS.find((c) => c.id === KNOWN)!;
  const ID_TOKEN = /CICD\.[A-Z0-9]*\.?[0-9]*/g;

  function fixControl(n: number, remediation: string, cdkHint?: string, finding = `Number${n} is wrong`): Control {
    return { ...noisyControl(n), remediation, ...(cdkHint ? { cdkHint } : {}), check: () => [{ path: `Prop${n}`, message: finding }] };
  }
  function respond(controls: Control[], hookModel: Record<string, unknown> = {}) {
    const registry = new Registry(controls);
    const settings = loadSettings(hookModel, registry.ids, { accountId: '123456789012' });
    const ev = evaluate({ resourceType: 'AWS::Test::Thing', logicalId: 'Thing', action: 'CREATE', properties: {}, accountId: '123456789012', stackName: 'app' }, settings, NOW, registry);
    return toWire(evaluationResponse('tok', ev, { maximumExemptionDays: settings.MaximumExemptionDays }));
  }

  test('the FAILED message gives the findings, then the fix of the failing control with its CDK hint', async () => {
    const { response } = await invokeHook(buildRequest({ type: 'AWS::CodeBuild::Project', properties: privileged }));
    expect(response.hookStatus).toBe('FAILED');
    expect(response.message.length).toBeLessThanOrEqual(1024);
    const fix = response.message.indexOf(`Fix: ${KNOWN}: ${privilegedControl.remediation} (CDK: ${privilegedControl.cdkHint})`);
    expect(fix).toBeGreaterThan(response.message.indexOf('Environment.PrivilegedMode is true'));
    expect(response.message.indexOf('Environment.PrivilegedMode is true')).toBeGreaterThan(0);
  });

  test('fixes that do not all fit: findings whole, whole fixes while they fit, one clipped at most, no control ID cut, a pointer to the annotations', () => {
    const controls = Array.from({ length: 6 }, (_, i) => fixControl(i + 1, `Remediation ${i + 1}: ${'set the property to the compliant value '.repeat(5)}`, `prop${i + 1}: true on x.Construct`));
    const r = respond(controls);
    expect(r.message.length).toBeLessThanOrEqual(1024);
    const ids = new Set(controls.map((c) => c.id));
    for (const token of r.message.match(ID_TOKEN) ?? []) expect(ids.has(token)).toBe(true);
    // every finding is there before the first fix
    const firstFix = r.message.indexOf(' Fix: CICD.TEST.1: Remediation 1');
    expect(firstFix).toBeGreaterThan(0);
    for (let n = 1; n <= 6; n++) expect(r.message.indexOf(`Number${n} is wrong`)).toBeLessThan(firstFix);
    expect(r.message).toContain('(CDK: prop1: true on x.Construct)');
    expect(r.message).not.toContain('CICD.TEST.6: Remediation 6');
    expect(r.message.endsWith(' Full fixes: hook annotations (remediationMessage).')).toBe(true);
  });

  test('when the findings fill the message there is no room for fixes, and the IDs stay whole', () => {
    const r = respond(Array.from({ length: 30 }, (_, i) => fixControl(i + 1, 'do the thing', undefined, `Some.Very.Long.Property.Path.Number${i + 1} ${'is wrong in a long-winded way '.repeat(3)}`)));
    expect(r.message.length).toBeLessThanOrEqual(1024);
    expect(r.message).not.toContain(' Fix: ');
    const ids = new Set(Array.from({ length: 30 }, (_, i) => `CICD.TEST.${i + 1}`));
    for (const token of r.message.match(ID_TOKEN) ?? []) expect(ids.has(token)).toBe(true);
  });

  test('clipKeepingIds moves a cut inside a control ID to before it (plain clipping would cut it)', async () => {
    const { clipKeepingIds } = await import('../../src/protocol/response');
    const text = `${'a'.repeat(1010)} CICD.CODEBUILD.15 is wrong`;
    expect(text.slice(0, 1023)).toMatch(/ CICD\.CODEB[A-Z]*$/);
    const out = clipKeepingIds(text, 1024);
    expect(out.length).toBeLessThanOrEqual(1024);
    expect(out).toBe(`${'a'.repeat(1010)}…`);
    expect(clipKeepingIds('short CICD.S3.1', 1024)).toBe('short CICD.S3.1');
  });

  test('the annotation remediationMessage is the remediation followed by the CDK hint', async () => {
    const { response } = await invokeHook(buildRequest({ type: 'AWS::CodeBuild::Project', properties: privileged }));
    const a = response.annotations?.find((x) => x.annotationName === KNOWN);
    expect(a?.remediationMessage?.startsWith(`${privilegedControl.remediation} (CDK: ${privilegedControl.cdkHint})`)).toBe(true);
    const r = respond([fixControl(1, 'Set X to true.', 'x: true on y.Thing')]);
    expect(r.annotations?.[0].remediationMessage).toBe('Set X to true. (CDK: x: true on y.Thing)');
  });

  function exemptionIn(text: string | undefined): Record<string, string> {
    const at = (text ?? '').indexOf('{"ControlId"');
    expect(at).toBeGreaterThan(0);
    return JSON.parse((text ?? '').slice(at));
  }

  test('a finding only an exemption clears says so and shows the Exemptions entry, filled from the request; once granted it applies', async () => {
    const { response } = await invokeHook(buildRequest({ type: 'AWS::CodeBuild::Project', properties: privileged, logicalId: 'AssetsDockerAsset1', hookModel: { MaximumExemptionDays: 90 } }));
    const a = response.annotations?.find((x) => x.annotationName === KNOWN);
    expect(a?.remediationMessage).toContain(`If ${privilegedControl.exemptionHint}, only a platform exemption clears this finding`);
    const entry = exemptionIn(a?.remediationMessage);
    expect(entry).toEqual({ ControlId: KNOWN, StackName: STACK_NAME, LogicalId: 'AssetsDockerAsset1', Reason: '<why>', ExpiresOn: '<YYYY-MM-DD, at most 90 days ahead>' });
    expect(response.message).toContain('platform exemption');
    // the entry, completed by the platform team, is a valid configuration that exempts exactly this resource
    const granted = { ...entry, Reason: 'CDK Pipelines Docker asset publishing (PLAT-42)', ExpiresOn: '2026-08-01' };
    const again = await invokeHook(buildRequest({ type: 'AWS::CodeBuild::Project', properties: privileged, logicalId: 'AssetsDockerAsset1', hookModel: { MaximumExemptionDays: 90, Exemptions: [granted] } }));
    expect(again.response.hookStatus).toBe('SUCCESS');
    expect(again.response.annotations?.find((x) => x.annotationName === KNOWN)?.status).toBe('SKIPPED');
  });

  test('the default cap is the schema default (365 days); without a stack name the entry has a placeholder, never "*"', async () => {
    const { response } = await invokeHook(buildRequest({ type: 'AWS::CodeBuild::Project', properties: privileged, logicalId: 'DockerBuild', stackId: null }));
    const entry = exemptionIn(response.annotations?.find((x) => x.annotationName === KNOWN)?.remediationMessage);
    expect(entry).toMatchObject({ StackName: '<stack name>', LogicalId: 'DockerBuild', ExpiresOn: '<YYYY-MM-DD, at most 365 days ahead>' });
  });

  test('the exemption template never carries a property value (a secret in the request stays out of every text)', async () => {
    const token = 'ghp_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';
    const props = codebuildProject({ PrivilegedMode: 'true', EnvironmentVariables: [{ Name: 'GITHUB_TOKEN', Value: token }] });
    const { response } = await invokeHook(buildRequest({ type: 'AWS::CodeBuild::Project', properties: props, logicalId: 'DockerBuild' }));
    expect(response.hookStatus).toBe('FAILED');
    const entry = exemptionIn(response.annotations?.find((x) => x.annotationName === KNOWN)?.remediationMessage);
    expect(Object.keys(entry).sort()).toEqual(['ControlId', 'ExpiresOn', 'LogicalId', 'Reason', 'StackName']);
    expect(JSON.stringify(response)).not.toContain(token);
    expect(JSON.stringify(response)).not.toContain(token.slice(4, 20));
  });

  test('no exemption advice for a control without exemptionHint, nor for an UNKNOWN', async () => {
    const versioning = ALL_CONTROLS.find((c) => c.id === 'CICD.S3.2')!;
    expect(versioning.exemptionHint).toBeUndefined();
    const r = respond([fixControl(1, 'Set X to true.', 'x: true on y.Thing')]);
    expect(r.annotations?.[0].remediationMessage).not.toContain('Exemptions');
    const unknown = await invokeHook(buildRequest({ type: 'AWS::CodeBuild::Project', properties: codebuildProject({ PrivilegedMode: { Ref: 'Privileged' } }) }));
    const a = unknown.response.annotations?.find((x) => x.annotationName === KNOWN);
    expect(a?.status).toBe('FAILED');
    expect(a?.statusMessage).toMatch(/^UNKNOWN/);
    expect(a?.remediationMessage).not.toContain('{"ControlId"');
  });

  test('warn-only: the SUCCESS message carries the fix too', async () => {
    const { response } = await invokeHook(buildRequest({ type: 'AWS::CodeBuild::Project', properties: privileged, hookModel: { WarnOnlyControls: KNOWN } }));
    expect(response.hookStatus).toBe('SUCCESS');
    expect(response.message).toContain(`Fix: ${KNOWN}: ${privilegedControl.remediation}`);
  });
});
