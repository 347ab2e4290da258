/**
 * `HookDeps.onEvaluation`: the structured evaluation of the single evaluation path, handed to an observer
 * (the local CLI) once per evaluated request. Whatever the observer does never changes the answer.
 */
import type { Evaluation } from '../../src/engine/evaluate';
import { handleHookEvent } from '../../src/protocol/hook';
import type { LogSink } from '../../src/protocol/log';
import { buildRequest, codebuildProject, NOW } from '../helpers/requests';

const PRIVILEGED = 'CICD.CODEBUILD.5';
const lines: string[] = [];
const sink: LogSink = { write: (line) => lines.push(line) };
const base = { sink, now: () => NOW, deliver: undefined };

const privileged = () => buildRequest({ type: 'AWS::CodeBuild::Project', logicalId: 'Build', properties: codebuildProject({ PrivilegedMode: 'true' }) });
const compliant = () => buildRequest({ type: 'AWS::CodeBuild::Project', logicalId: 'Build', properties: codebuildProject({ PrivilegedMode: 'false' }) });

beforeEach(() => {
  lines.length = 0;
});

describe('onEvaluation', () => {
  it('is called exactly once per request, with the evaluation the answer was built from', async () => {
    const seen: Evaluation[] = [];
    const response = await handleHookEvent(privileged(), { ...base, onEvaluation: (ev) => seen.push(ev) });
    expect(seen).toHaveLength(1);
    const [ev] = seen;
    expect(ev.target).toMatchObject({ resourceType: 'AWS::CodeBuild::Project', logicalId: 'Build', action: 'CREATE' });
    const outcome = ev.outcomes.find((o) => o.control.id === PRIVILEGED);
    expect(outcome).toMatchObject({ status: 'FAIL', warnOnly: false, findings: [{ path: 'Environment.PrivilegedMode' }] });
    // one outcome per annotation, same controls in the same order, same verdicts
    expect(ev.outcomes.map((o) => o.control.id)).toEqual(response.annotations?.map((a) => a.annotationName));
    expect(response.annotations?.find((a) => a.annotationName === PRIVILEGED)?.status).toBe('FAILED');

    seen.length = 0;
    await handleHookEvent(compliant(), { ...base, onEvaluation: (ev) => seen.push(ev) });
    expect(seen).toHaveLength(1);
    expect(seen[0].outcomes.find((o) => o.control.id === PRIVILEGED)?.status).toBe('PASS');
  });

  it('carries the structure the wire text only paraphrases: warn-only, UNKNOWN paths, exemptions', async () => {
    const seen: Evaluation[] = [];
    const hookModel = {
      WarnOnlyControls: [PRIVILEGED],
      Exemptions: [{ ControlId: 'CICD.CODEBUILD.8', StackName: '*', LogicalId: 'Build', Reason: 'no VPC in the sandbox', ExpiresOn: '2027-01-01' }],
    };
    const request = buildRequest({ type: 'AWS::CodeBuild::Project', logicalId: 'Build', hookModel, properties: codebuildProject({ PrivilegedMode: '{{resolve:ssm:/x}}' }) });
    await handleHookEvent(request, { ...base, onEvaluation: (ev) => seen.push(ev) });
    const o = seen[0].outcomes.find((x) => x.control.id === PRIVILEGED);
    expect(o).toMatchObject({ status: 'UNKNOWN', warnOnly: true });
    expect(o?.unknowns.map((u) => u.path)).toEqual(['Environment.PrivilegedMode']);
    const exempted = seen[0].outcomes.find((x) => x.control.id === 'CICD.CODEBUILD.8');
    expect(exempted).toMatchObject({ status: 'SKIPPED', exemption: { Reason: 'no VPC in the sandbox', ExpiresOn: '2027-01-01' } });
  });

  it('is not called when the request is answered with an error or without evaluation', async () => {
    const observer = jest.fn();
    const invalid = await handleHookEvent({ clientRequestToken: 'x' }, { ...base, onEvaluation: observer });
    expect(invalid).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InvalidRequest' });
    const badConfig = await handleHookEvent(buildRequest({ type: 'AWS::CodeBuild::Project', hookModel: { DisabledControls: ['CICD.NOPE.1'] } }), { ...base, onEvaluation: observer });
    expect(badConfig).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InvalidTypeConfiguration' });
    const stack = privileged() as { requestData: Record<string, unknown> };
    stack.requestData = { ...stack.requestData, targetName: 'STACK', targetType: 'STACK', targetModel: { template: '' } };
    const stackLevel = await handleHookEvent(stack, { ...base, onEvaluation: observer });
    expect(stackLevel.hookStatus).toBe('FAILED'); // a create without a template cannot be read: fail closed, nothing evaluated
    expect(observer).not.toHaveBeenCalled();
  });

  describe('never changes the answer', () => {
    const requests = { privileged, compliant };

    it.each(Object.keys(requests) as Array<keyof typeof requests>)('%s request: an observer that throws', async (name) => {
      const plain = await handleHookEvent(requests[name](), base);
      const observer = jest.fn(() => {
        throw new TypeError('observer bug');
      });
      const observed = await handleHookEvent(requests[name](), { ...base, onEvaluation: observer });
      expect(observer).toHaveBeenCalledTimes(1);
      expect(observed).toEqual(plain);
      expect(lines.some((l) => l.includes('"msg":"evaluation observer failed"') && l.includes('TypeError'))).toBe(true);
    });

    it('an observer that throws a non-Error value, or rejects asynchronously', async () => {
      const plain = await handleHookEvent(privileged(), base);
      expect(
        await handleHookEvent(privileged(), {
          ...base,
          onEvaluation: () => {
            throw 'a string'; // eslint-disable-line no-throw-literal
          },
        }),
      ).toEqual(plain);
      const rejected = jest.fn(async () => {
        throw new Error('async observer bug');
      });
      expect(await handleHookEvent(privileged(), { ...base, onEvaluation: rejected })).toEqual(plain);
      expect(rejected).toHaveBeenCalledTimes(1);
    });

    it('an observer that mutates the evaluation', async () => {
      const plain = await handleHookEvent(privileged(), base);
      expect(plain.hookStatus).toBe('FAILED');
      const vandal = jest.fn((ev: Evaluation) => {
        for (const o of ev.outcomes) {
          o.status = 'PASS';
          o.findings.length = 0;
        }
        ev.outcomes.length = 0;
      });
      const observed = await handleHookEvent(privileged(), { ...base, onEvaluation: vandal });
      expect(vandal).toHaveBeenCalledTimes(1);
      expect(observed).toEqual(plain);
    });
  });
});
