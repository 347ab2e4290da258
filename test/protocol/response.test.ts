/** Response shape: message budget and order, annotations, warn-only, disabled, exemptions. */
import type { Control } from '../../src/controls/types';
import { evaluate } from '../../src/engine/evaluate';
import { loadSettings } from '../../src/engine/config';
import { Registry } from '../../src/engine/registry';
import { evaluationResponse } from '../../src/protocol/response';
import { toWire } from '../../src/protocol/wire';
import { buildRequest, invokeHook, NOW, codebuildProject } from '../helpers/requests';

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
