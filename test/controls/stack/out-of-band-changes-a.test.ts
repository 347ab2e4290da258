/**
 * CICD.STACK.5 (stack-out-of-band-changes): how the control reads an AwsCustomResource SDK call (textOf /
 * sdkCallOf), the unknown-action verdict and the provider-function walk, through the real STACK entry
 * (test/helpers/stack.ts, as test/controls/stack-cases.test.ts does). The other stack controls are disabled.
 */
import { STACK_CONTROLS } from '../../../src/controls';
import { annotation, runStack } from '../../helpers/stack';

const ID = 'CICD.STACK.5';
const OTHERS = STACK_CONTROLS.map((c) => c.id).filter((id) => id !== ID);

interface Result {
  status?: string;
  findingIds: string[];
  unknownIds: string[];
  findingPaths: string[];
  unknownPaths: string[];
  message: string;
}

/** Run a template (Resources, with a String parameter P the template does not decide) through the hook. */
async function check(resources: Record<string, unknown>, scope: 'pipeline' | 'all' = 'all'): Promise<Result> {
  const template = { Parameters: { P: { Type: 'String' } }, Resources: resources };
  const r = await runStack({ template: JSON.stringify(template), previousTemplate: '' }, { hookModel: { Scope: scope, DisabledControls: OTHERS } });
  const outcome = r.evaluation?.outcomes.find((o) => o.control.id === ID);
  return {
    status: outcome?.status,
    findingIds: (outcome?.findings ?? []).map((f) => f.logicalId ?? ''),
    unknownIds: (outcome?.unknowns ?? []).map((u) => (u as { logicalId?: string }).logicalId ?? ''),
    findingPaths: (outcome?.findings ?? []).map((f) => f.path),
    unknownPaths: (outcome?.unknowns ?? []).map((u) => u.path),
    message: annotation(r, ID)?.statusMessage ?? '',
  };
}

const P = { Ref: 'P' };

/** A CDK AwsCustomResource (Custom::AWS) whose Create call is `create`; no provider (nothing else to judge). */
function awsCall(create: unknown): Record<string, unknown> {
  return { Type: 'Custom::AWS', Properties: { Create: create } };
}

function lambdaRole(): Record<string, unknown> {
  return { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] } } };
}

function policyFor(roleId: string, actions: string[]): Record<string, unknown> {
  return { Type: 'AWS::IAM::Policy', Properties: { PolicyName: `${roleId}Policy`, Roles: [{ Ref: roleId }], PolicyDocument: { Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] } } };
}

function fn(props: Record<string, unknown> = {}): Record<string, unknown> {
  return { Type: 'AWS::Lambda::Function', Properties: { Handler: 'index.handler', Runtime: 'nodejs20.x', Code: { ZipFile: 'x' }, ...props } };
}

const arnOf = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });

describe('CICD.STACK.5 reads the SDK call of an AwsCustomResource', () => {
  test('a call built with Fn::Join around a token (compact JSON) is read: UpdateProject fails', async () => {
    const r = await check({ Patch: awsCall({ 'Fn::Join': ['', ['{"service":"CodeBuild","action":"updateProject","parameters":{"projectName":"', P, '"}}']] }) });
    expect(r.status).toBe('FAIL');
    expect(r.findingIds).toEqual(['Patch']);
    expect(r.findingPaths).toEqual(['Create']);
    expect(r.message).toContain('codebuild:UpdateProject');
  });

  test('a call with spaces around the colons and a token is read from the text', async () => {
    const r = await check({ Patch: awsCall({ 'Fn::Join': ['', ['{ "service" : "CodeBuild", "action" : "updateProject", "parameters" : { "projectName" : "', P, '" } }']] }) });
    expect(r.status).toBe('FAIL');
    expect(r.findingIds).toEqual(['Patch']);
    expect(r.message).toContain('codebuild:UpdateProject');
  });

  test('a token inside the service name leaves the service unread: UNKNOWN, not a finding', async () => {
    const r = await check({ Patch: awsCall({ 'Fn::Join': ['', ['{"service":"Code', P, 'Build","action":"updateProject"}']] }) });
    expect(r.status).toBe('UNKNOWN');
    expect(r.unknownIds).toEqual(['Patch']);
    expect(r.unknownPaths).toEqual(['Create']);
    expect(r.findingIds).toEqual([]);
  });

  /** The call with the service name `depth` levels of Fn::Join below the Create value (the value itself is level 0). */
  function nested(levels: number): unknown {
    let inner: unknown = { 'Fn::Join': ['', ['"service":"CodeBuild",', P]] };
    for (let i = 0; i < levels; i++) inner = { 'Fn::Join': ['', [inner]] };
    return { 'Fn::Join': ['', ['{', inner, '"action":"updateProject"}']] };
  }

  test('text eight levels deep in nested Fn::Join is still read', async () => {
    // the service string sits at depth 2 + 6 = 8
    const r = await check({ Patch: awsCall(nested(6)) });
    expect(r.status).toBe('FAIL');
    expect(r.findingIds).toEqual(['Patch']);
    expect(r.message).toContain('codebuild:UpdateProject');
  });

  test('text nested deeper than eight levels is not read: UNKNOWN', async () => {
    // the service string sits at depth 2 + 7 = 9
    const r = await check({ Patch: awsCall(nested(7)) });
    expect(r.status).toBe('UNKNOWN');
    expect(r.unknownIds).toEqual(['Patch']);
    expect(r.findingIds).toEqual([]);
  });

  test('a call written with Fn::Sub (string form) is read', async () => {
    const r = await check({ Patch: awsCall({ 'Fn::Sub': '{"service":"CodeBuild","action":"updateProject","parameters":{"projectName":"${P}"}}' }) });
    expect(r.status).toBe('FAIL');
    expect(r.findingIds).toEqual(['Patch']);
    expect(r.message).toContain('codebuild:UpdateProject');
  });

  test('a call written with Fn::Sub (list form with variables) is read', async () => {
    const r = await check({ Patch: awsCall({ 'Fn::Sub': ['{"service":"CodeBuild","action":"updateProject","parameters":{"projectName":"${Name}"}}', { Name: P }] }) });
    expect(r.status).toBe('FAIL');
    expect(r.findingIds).toEqual(['Patch']);
    expect(r.message).toContain('codebuild:UpdateProject');
  });

  test('an Fn::Sub whose first element is not a string is not read as text: UNKNOWN', async () => {
    const r = await check({ Patch: awsCall({ 'Fn::Sub': [['{"service":"CodeBuild","action":"updateProject"}'], { Name: P }] }) });
    expect(r.status).toBe('UNKNOWN');
    expect(r.unknownIds).toEqual(['Patch']);
    expect(r.findingIds).toEqual([]);
  });

  test('an Fn::Join whose delimiter the template does not decide is not read: UNKNOWN', async () => {
    const r = await check({ Patch: awsCall({ 'Fn::Join': [P, ['{"service":"CodeBuild"', '"action":"updateProject"}']] }) });
    expect(r.status).toBe('UNKNOWN');
    expect(r.unknownIds).toEqual(['Patch']);
    expect(r.findingIds).toEqual([]);
  });

  test('an object with several keys is a literal call even when one key looks like an intrinsic', async () => {
    const r = await check({ Patch: awsCall({ service: 'CodeBuild', action: 'updateProject', 'Fn::Sub': 'not the call' }) });
    expect(r.status).toBe('FAIL');
    expect(r.findingIds).toEqual(['Patch']);
    expect(r.message).toContain('codebuild:UpdateProject');
  });

  test('the service and action are the top-level keys of the call, not names inside its parameters', async () => {
    const r = await check({ Patch: awsCall('{"parameters":{"service":"S3","action":"getObject"},"service":"CodeBuild","action":"updateProject"}') });
    expect(r.status).toBe('FAIL');
    expect(r.message).toContain('codebuild:UpdateProject');
    const read = await check({ Patch: awsCall('{"parameters":{"service":"CodeBuild","action":"updateProject"},"service":"S3","action":"getObject"}') });
    expect(read.status).toBe('PASS');
  });

  test('a call text that is JSON null names no call: UNKNOWN', async () => {
    const r = await check({ Patch: awsCall('null') });
    expect(r.status).toBe('UNKNOWN');
    expect(r.unknownIds).toEqual(['Patch']);
    expect(r.unknownPaths).toEqual(['Create']);
  });

  test('a call text that is not a JSON object is read from the text', async () => {
    const r = await check({ Patch: awsCall('[{"service":"CodeBuild","action":"updateProject"}]') });
    expect(r.status).toBe('FAIL');
    expect(r.findingIds).toEqual(['Patch']);
    expect(r.message).toContain('codebuild:UpdateProject');
  });

  test('a service that is not a string is not read: UNKNOWN', async () => {
    const r = await check({ Patch: awsCall('{"service":42,"action":"updateProject"}') });
    expect(r.status).toBe('UNKNOWN');
    expect(r.unknownIds).toEqual(['Patch']);
  });

  test('an action that is not a string is not read: UNKNOWN', async () => {
    const r = await check({ Patch: awsCall('{"service":"CodeBuild","action":{"name":"updateProject"}}') });
    expect(r.status).toBe('UNKNOWN');
    expect(r.unknownIds).toEqual(['Patch']);
  });

  test('a guarded-service action the IAM catalogue does not list is UNKNOWN (naming the action), not a finding', async () => {
    const r = await check({ Patch: awsCall('{"service":"CodeBuild","action":"frobnicateProject"}') }, 'pipeline');
    expect(r.status).toBe('UNKNOWN');
    expect(r.unknownIds).toEqual(['Patch']);
    expect(r.findingIds).toEqual([]);
    expect(r.message).toContain('codebuild:FrobnicateProject');
  });
});

describe('CICD.STACK.5 reads state machine and schedule values', () => {
  test('a literal definition object with a single key is serialised and its aws-sdk task read', async () => {
    const r = await check(
      { Machine: { Type: 'AWS::StepFunctions::StateMachine', Properties: { RoleArn: 'arn:aws:iam::123456789012:role/sfn', Definition: { States: { Call: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:codebuild:updateProject', End: true } } } } } },
      'pipeline',
    );
    expect(r.status).toBe('FAIL');
    expect(r.findingIds).toEqual(['Machine']);
    expect(r.message).toContain('codebuild:UpdateProject');
  });

  test('a definition string given by a parameter cannot be read: UNKNOWN', async () => {
    const r = await check({ Machine: { Type: 'AWS::StepFunctions::StateMachine', Properties: { RoleArn: 'arn:aws:iam::123456789012:role/sfn', DefinitionString: P } } });
    expect(r.status).toBe('UNKNOWN');
    expect(r.unknownIds).toEqual(['Machine']);
    expect(r.unknownPaths).toEqual(['DefinitionString']);
  });

  test('a definition string that is a number is not text: UNKNOWN', async () => {
    const r = await check({ Machine: { Type: 'AWS::StepFunctions::StateMachine', Properties: { RoleArn: 'arn:aws:iam::123456789012:role/sfn', DefinitionString: 42 } } });
    expect(r.status).toBe('UNKNOWN');
    expect(r.unknownIds).toEqual(['Machine']);
  });

  test('a schedule whose target has no Arn passes', async () => {
    const r = await check({ Nightly: { Type: 'AWS::Scheduler::Schedule', Properties: { ScheduleExpression: 'rate(1 day)', FlexibleTimeWindow: { Mode: 'OFF' }, Target: { RoleArn: 'arn:aws:iam::123456789012:role/s' } } } });
    expect(r.status).toBe('PASS');
  });
});

describe('CICD.STACK.5 walks the provider functions of a Lambda-backed custom resource', () => {
  const tweak = { Type: 'Custom::Tweak', Properties: { ServiceToken: arnOf('F1') } };

  /** F1 → F2 → … → F<n> through Environment variables; only F<n> has a role, allowed `actions`. */
  function chain(n: number, actions: string[], firstVars: Record<string, unknown> = {}): Record<string, unknown> {
    const out: Record<string, unknown> = { Tweak: tweak };
    for (let i = 1; i <= n; i++) {
      const props: Record<string, unknown> = {};
      if (i < n) props.Environment = { Variables: { NEXT: arnOf(`F${i + 1}`), ...(i === 1 ? firstVars : {}) } };
      if (i === n) props.Role = arnOf('LastRole');
      out[`F${i}`] = fn(props);
    }
    out.LastRole = lambdaRole();
    out.LastPolicy = policyFor('LastRole', actions);
    return out;
  }

  test('the eighth function of a provider chain is judged', async () => {
    const r = await check(chain(8, ['codebuild:UpdateProject']), 'pipeline');
    expect(r.status).toBe('FAIL');
    expect(r.findingIds).toEqual(['Tweak']);
    expect(r.findingPaths).toEqual(['ServiceToken']);
    expect(r.message).toContain('codebuild:UpdateProject');
    expect(r.message).toContain('F1');
  });

  test('the walk stops after eight functions: a ninth is not judged', async () => {
    const r = await check(chain(9, ['codebuild:UpdateProject']), 'pipeline');
    expect(r.status).toBe('PASS');
  });

  test('a function named twice in an environment counts once towards the eight', async () => {
    const r = await check(chain(8, ['codebuild:UpdateProject'], { AGAIN: arnOf('F2') }), 'pipeline');
    expect(r.status).toBe('FAIL');
    expect(r.findingIds).toEqual(['Tweak']);
    expect(r.message).toContain('codebuild:UpdateProject');
  });

  test('only Lambda functions named in the environment are provider functions (a Glue job with a role is not)', async () => {
    const r = await check(
      {
        Tweak: tweak,
        F1: fn({ Environment: { Variables: { JOB: { Ref: 'Job' } } } }),
        Job: { Type: 'AWS::Glue::Job', Properties: { Role: arnOf('JobRole'), Command: { Name: 'glueetl', ScriptLocation: 's3://b/k.py' } } },
        JobRole: lambdaRole(),
        JobPolicy: policyFor('JobRole', ['codebuild:UpdateProject']),
      },
      'pipeline',
    );
    expect(r.status).toBe('PASS');
  });

  test('a custom resource without a ServiceToken has no provider to judge', async () => {
    const r = await check({ Tweak: { Type: 'Custom::Tweak', Properties: { Size: '1' } } });
    expect(r.status).toBe('PASS');
  });

  test('an imported provider of a custom resource outside the scope (Scope pipeline) is not UNKNOWN', async () => {
    const r = await check({ Tweak: { Type: 'Custom::Tweak', Properties: { ServiceToken: { 'Fn::ImportValue': 'platform-provider' } } } }, 'pipeline');
    expect(r.status).toBe('PASS');
  });

  test('a provider function without a role adds nothing to judge', async () => {
    const r = await check({ Tweak: tweak, F1: fn() });
    expect(r.status).toBe('PASS');
  });
});
