/**
 * CICD.STACK.5 on real CDK synth output: an AwsCustomResource (aws-cdk-lib/custom-resources) whose SDK call
 * updates the CodeBuild project fails at stack level (STACK and CHANGE_SET), one that only reads it passes.
 */
import { App, Stack } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId, type AwsSdkCall } from 'aws-cdk-lib/custom-resources';
import { runStack } from '../helpers/stack';

function synth(call: (project: codebuild.PipelineProject) => AwsSdkCall): Record<string, unknown> {
  const app = new App();
  const stack = new Stack(app, 'Patched', { env: { account: '123456789012', region: 'eu-west-1' } });
  const project = new codebuild.PipelineProject(stack, 'Project');
  new AwsCustomResource(stack, 'Patch', { onUpdate: call(project), policy: AwsCustomResourcePolicy.fromSdkCalls({ resources: [project.projectArn] }) });
  return app.synth().getStackByName('Patched').template as Record<string, unknown>;
}

const STACK5 = 'CICD.STACK.5';

async function outcomeOf(template: Record<string, unknown>, target: 'STACK' | 'CHANGE_SET') {
  const r = await runStack({ template: JSON.stringify(template), previousTemplate: '' }, { target });
  return { r, o: r.evaluation?.outcomes.find((x) => x.control.id === STACK5) };
}

describe('AwsCustomResource in real CDK synth output', () => {
  const update = synth((p) => ({ service: 'CodeBuild', action: 'updateProject', parameters: { name: p.projectName, environment: { privilegedMode: true } }, physicalResourceId: PhysicalResourceId.of('patch') }));
  const read = synth((p) => ({ service: 'CodeBuild', action: 'batchGetProjects', parameters: { names: [p.projectName] }, physicalResourceId: PhysicalResourceId.of('read') }));

  test('the synthesized template has a Custom::AWS resource with its provider function', () => {
    const types = Object.values(update.Resources as Record<string, { Type: string }>).map((r) => r.Type);
    expect(types).toEqual(expect.arrayContaining(['Custom::AWS', 'AWS::Lambda::Function', 'AWS::CodeBuild::Project']));
  });

  test.each(['STACK', 'CHANGE_SET'] as const)('updateProject fails (%s): the SDK call and the provider role', async (target) => {
    const { r, o } = await outcomeOf(update, target);
    expect(o?.status).toBe('FAIL');
    const messages = o!.findings.map((f) => `${f.logicalId} ${f.path}: ${f.message}`);
    expect(messages.some((m) => /^Patch[0-9A-F]{8} Create: .*codebuild:UpdateProject/.test(m) || /^Patch[0-9A-F]{8} Update: .*codebuild:UpdateProject/.test(m))).toBe(true);
    expect(messages.some((m) => /ServiceToken: .*codebuild:UpdateProject/.test(m))).toBe(true);
    expect(r.response.hookStatus).toBe('FAILED');
    expect(r.response.message).toContain(STACK5);
    if (target === 'CHANGE_SET') expect(r.response.message).toContain('nothing in the stack was created, changed or deleted');
  });

  test('batchGetProjects (a read) passes', async () => {
    const { r, o } = await outcomeOf(read, 'STACK');
    expect({ status: o?.status, findings: o?.findings, unknowns: o?.unknowns }).toEqual({ status: 'PASS', findings: [], unknowns: [] });
    expect(r.response.message).not.toContain(STACK5);
  });
});
