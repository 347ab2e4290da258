/**
 * CICD.STACK.4 (stack-role-policy-union): whole templates through the real STACK entry, as in
 * test/controls/stack-cases.test.ts. The roles of projects and pipelines are judged with every policy the stack
 * attaches to them: which roles are followed, which policies count as attached, which statements count, and
 * how the escalation list is reported.
 */
import { annotation, runStack } from '../../helpers/stack';

const ID = 'CICD.STACK.4';

const role = (extra: Record<string, unknown> = {}) => ({
  Type: 'AWS::IAM::Role',
  Properties: { AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'codebuild.amazonaws.com' }, Action: 'sts:AssumeRole' }] }, ...extra },
});
const inline = (statements: unknown[]) => ({ Policies: [{ PolicyName: 'inline', PolicyDocument: { Version: '2012-10-17', Statement: statements } }] });
const project = (roleId: string) => ({ Type: 'AWS::CodeBuild::Project', Properties: { ServiceRole: { 'Fn::GetAtt': [roleId, 'Arn'] } } });
const allow = (Action: unknown, Resource: unknown = '*', extra: Record<string, unknown> = {}) => ({ Effect: 'Allow', Action, Resource, ...extra });
const SCOPED_LOGS = allow('logs:PutLogEvents', 'arn:aws:logs:eu-west-1:123456789012:log-group:/aws/codebuild/x:*');

/** A pipeline with role PipelineRole and the given stages. */
const pipeline = (stages: unknown[]) => ({
  Type: 'AWS::CodePipeline::Pipeline',
  Properties: { RoleArn: { 'Fn::GetAtt': ['PipelineRole', 'Arn'] }, ArtifactStore: { Type: 'S3', Location: 'external-bucket' }, Stages: stages },
});
const deployAction = (RoleArn: unknown) => ({ Name: 'Apply', ActionTypeId: { Category: 'Deploy', Owner: 'AWS', Provider: 'CloudFormation', Version: '1' }, RoleArn });

async function run(resources: Record<string, unknown>, conditions?: Record<string, unknown>) {
  const r = await runStack({ template: JSON.stringify({ Conditions: conditions, Resources: resources }), previousTemplate: '' }, { hookModel: null });
  const a = annotation(r, ID);
  const outcome = r.evaluation?.outcomes.find((o) => o.control.id === ID);
  expect(a).toBeDefined();
  return { a, outcome, status: outcome?.status, messages: (outcome?.findings ?? []).map((f) => `${f.logicalId}: ${f.message}`) };
}

describe('CICD.STACK.4 roles in use', () => {
  test('the role of a pipeline action (Stages[].Actions[].RoleArn) is judged', async () => {
    const { status, outcome, a, messages } = await run({
      PipelineRole: role(inline([SCOPED_LOGS])),
      ActionRole: role(inline([allow('iam:PutRolePolicy')])),
      Pipeline: pipeline([
        { Name: 'Source', Actions: [{ Name: 'Pull', ActionTypeId: { Category: 'Source', Owner: 'AWS', Provider: 'S3', Version: '1' }, Configuration: { S3Bucket: 'b', S3ObjectKey: 'k' } }] },
        { Name: 'Deploy', Actions: [deployAction({ 'Fn::GetAtt': ['ActionRole', 'Arn'] })] },
      ]),
    });
    expect(status).toBe('FAIL');
    expect(outcome!.findings.map((f) => f.logicalId)).toEqual(['ActionRole']);
    expect(messages[0]).toContain('Stages[1].Actions[0].RoleArn of Pipeline');
    expect(messages[0]).toContain('iam:PutRolePolicy');
    expect(a?.statusMessage).toContain('ActionRole');
  });

  test('an action RoleArn the template removes (Fn::If on a condition decided false) leads to no role', async () => {
    const { status } = await run(
      {
        PipelineRole: role(inline([SCOPED_LOGS])),
        AdminRole: role(inline([allow('*')])),
        Pipeline: pipeline([{ Name: 'Deploy', Actions: [deployAction({ 'Fn::If': ['UseAdmin', { 'Fn::GetAtt': ['AdminRole', 'Arn'] }, { Ref: 'AWS::NoValue' }] })] }]),
      },
      { UseAdmin: { 'Fn::Equals': ['prod', 'dev'] } },
    );
    expect(status).toBe('PASS');
  });

  test('a role two projects share is reported once', async () => {
    const { status, outcome } = await run({
      BuildRole: role(inline([allow('s3:*')])),
      ProjectA: project('BuildRole'),
      ProjectB: project('BuildRole'),
    });
    expect(status).toBe('FAIL');
    expect(outcome!.findings).toHaveLength(1);
    expect(outcome!.findings[0].logicalId).toBe('BuildRole');
    expect(outcome!.findings[0].message).toContain('ServiceRole of ProjectA');
  });
});

describe('CICD.STACK.4 policies attached to the role', () => {
  test('a customer managed policy of the stack listed in the role\'s ManagedPolicyArns counts', async () => {
    const { status, outcome, messages } = await run({
      BuildRole: role({ ManagedPolicyArns: [{ Ref: 'Managed' }] }),
      Managed: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { Statement: [allow('s3:*')] } } },
      Project: project('BuildRole'),
    });
    expect(status).toBe('FAIL');
    expect(outcome!.findings.map((f) => f.logicalId)).toEqual(['BuildRole']);
    expect(messages[0]).toContain('(Managed)');
    expect(messages[0]).toContain('every action of s3');
  });

  test('a managed policy in ManagedPolicyArns counts next to the role\'s own inline policy', async () => {
    const { status, messages } = await run({
      BuildRole: role({ ...inline([SCOPED_LOGS]), ManagedPolicyArns: [{ Ref: 'Managed' }] }),
      Managed: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { Statement: [allow('iam:PutRolePolicy')] } } },
      Project: project('BuildRole'),
    });
    expect(status).toBe('FAIL');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('(BuildRole, Managed)');
    expect(messages[0]).toContain('iam:PutRolePolicy');
  });

  test('a managed policy both attached through Roles and listed in ManagedPolicyArns is named once', async () => {
    const { status, messages } = await run({
      BuildRole: role({ ManagedPolicyArns: [{ Ref: 'Managed' }] }),
      Managed: { Type: 'AWS::IAM::ManagedPolicy', Properties: { Roles: [{ Ref: 'BuildRole' }], PolicyDocument: { Statement: [allow('s3:*')] } } },
      Project: project('BuildRole'),
    });
    expect(status).toBe('FAIL');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('(Managed)');
  });

  test('a ManagedPolicyArns entry naming a resource that is not a managed policy adds no statements', async () => {
    const { status } = await run({
      BuildRole: role({ ManagedPolicyArns: [{ Ref: 'NotManaged' }] }),
      NotManaged: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'loose', PolicyDocument: { Statement: [allow('s3:*')] } } },
      Project: project('BuildRole'),
    });
    expect(status).toBe('PASS');
  });

  test('a policy that only names the role outside its Roles (in its PolicyName) is not attached to it', async () => {
    const { status } = await run({
      BuildRole: role(inline([SCOPED_LOGS])),
      OtherRole: role(),
      Loose: {
        Type: 'AWS::IAM::Policy',
        Properties: { PolicyName: { 'Fn::Sub': '${BuildRole}-extra' }, Roles: [{ Ref: 'OtherRole' }], PolicyDocument: { Statement: [allow('s3:*')] } },
      },
      Project: project('BuildRole'),
    });
    expect(status).toBe('PASS');
  });
});

describe('CICD.STACK.4 statements that count', () => {
  test('a literal action on every resource is no full-service grant', async () => {
    const { status } = await run({ BuildRole: role(inline([allow('s3:GetObject')])), Project: project('BuildRole') });
    expect(status).toBe('PASS');
  });

  test('a Deny of an escalation action is no grant', async () => {
    const { status } = await run({ BuildRole: role(inline([{ Effect: 'Deny', Action: 'iam:PutRolePolicy', Resource: '*' }, SCOPED_LOGS])), Project: project('BuildRole') });
    expect(status).toBe('PASS');
  });

  test('an escalation action on one named role ARN is not on broad resources', async () => {
    const { status } = await run({ BuildRole: role(inline([allow('iam:PutRolePolicy', 'arn:aws:iam::123456789012:role/app-role')])), Project: project('BuildRole') });
    expect(status).toBe('PASS');
  });

  test('an escalation action under a Condition is not counted', async () => {
    const { status } = await run({
      BuildRole: role(inline([allow('iam:PutRolePolicy', '*', { Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } })])),
      Project: project('BuildRole'),
    });
    expect(status).toBe('PASS');
  });

  test('an empty Condition narrows nothing: the escalation fails', async () => {
    const { status, messages } = await run({ BuildRole: role(inline([allow('iam:PutRolePolicy', '*', { Condition: {} })])), Project: project('BuildRole') });
    expect(status).toBe('FAIL');
    expect(messages[0]).toContain('iam:PutRolePolicy');
  });
});

describe('CICD.STACK.4 resources judged as a set', () => {
  const EVERY_ROLE = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'].map((c) => `arn:aws:iam::123456789012:role/${c}*`);
  const policyOf = (roles: string[], statements: unknown[]) => ({ Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'extra', Roles: roles.map((r) => ({ Ref: r })), PolicyDocument: { Statement: statements } } });

  test('patterns that together match every role (role/<c>* for every first character) are broad', async () => {
    const { status, messages } = await run({ BuildRole: role(inline([allow('iam:PutRolePolicy', EVERY_ROLE)])), Project: project('BuildRole') });
    expect(status).toBe('FAIL');
    expect(messages[0]).toContain('iam:PutRolePolicy');
  });

  test('a grant split over two policies attached to the role adds up to every role', async () => {
    const { status, messages } = await run({
      BuildRole: role(inline([allow('iam:PutRolePolicy', EVERY_ROLE.slice(0, 31))])),
      Extra: policyOf(['BuildRole'], [allow(['iam:PutRolePolicy', 'iam:GetRole'], EVERY_ROLE.slice(31))]),
      Project: project('BuildRole'),
    });
    expect(status).toBe('FAIL');
    expect(messages[0]).toContain('iam:PutRolePolicy');
  });

  test('all but one first character is not every role', async () => {
    const { status } = await run({
      BuildRole: role(inline([allow('iam:PutRolePolicy', EVERY_ROLE.slice(0, 31))])),
      Extra: policyOf(['BuildRole'], [allow('iam:PutRolePolicy', EVERY_ROLE.slice(32))]),
      Project: project('BuildRole'),
    });
    expect(status).toBe('PASS');
  });
});

describe('CICD.STACK.4 escalation list in the message', () => {
  test('escalation actions are listed in alphabetical order', async () => {
    const { status, messages } = await run({ BuildRole: role(inline([allow(['iam:CreatePolicyVersion', 'iam:AddUserToGroup'])])), Project: project('BuildRole') });
    expect(status).toBe('FAIL');
    expect(messages[0]).toContain('on broad resources: iam:AddUserToGroup, iam:CreatePolicyVersion');
  });

  const NINE = [
    'iam:UpdateLoginProfile',
    'iam:SetDefaultPolicyVersion',
    'iam:PutUserPolicy',
    'iam:CreatePolicyVersion',
    'iam:CreateLoginProfile',
    'iam:CreateAccessKey',
    'iam:AttachUserPolicy',
    'iam:AttachRolePolicy',
    'iam:AttachGroupPolicy',
  ];

  test('more than eight escalation actions: the first eight and the count', async () => {
    const { status, messages } = await run({ BuildRole: role(inline([allow(NINE)])), Project: project('BuildRole') });
    expect(status).toBe('FAIL');
    expect(messages[0]).toMatch(
      /on broad resources: iam:AttachGroupPolicy, iam:AttachRolePolicy, iam:AttachUserPolicy, iam:CreateAccessKey, iam:CreateLoginProfile, iam:CreatePolicyVersion, iam:PutUserPolicy, iam:SetDefaultPolicyVersion, … \(9\)$/,
    );
    expect(messages[0]).not.toContain('iam:UpdateLoginProfile');
  });

  test('exactly eight escalation actions: all listed, no count', async () => {
    const { status, messages } = await run({ BuildRole: role(inline([allow(NINE.slice(1))])), Project: project('BuildRole') });
    expect(status).toBe('FAIL');
    expect(messages[0]).toMatch(/iam:PutUserPolicy, iam:SetDefaultPolicyVersion$/);
    expect(messages[0]).not.toContain('…');
  });
});

describe('CICD.STACK.4 PassRole to a run-as service in one policy, the hand-over action in another', () => {
  const passToLambda = allow('iam:PassRole', '*', { Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } });
  const policyOn = (roleId: string, statements: unknown[]) => ({ Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'p', Roles: [{ Ref: roleId }], PolicyDocument: { Version: '2012-10-17', Statement: statements } } });

  test('split across the inline policy and an AWS::IAM::Policy: the pair is found', async () => {
    const { status, messages } = await run({
      BuildRole: role(inline([passToLambda, SCOPED_LOGS])),
      Extra: policyOn('BuildRole', [allow(['lambda:CreateFunction', 'lambda:InvokeFunction'], 'arn:aws:lambda:eu-west-1:123456789012:function:*')]),
      Project: project('BuildRole'),
    });
    expect(status).toBe('FAIL');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('BuildRole: ');
    expect(messages[0]).toContain('lambda.amazonaws.com together with lambda:CreateFunction');
    expect(messages[0]).toContain('Extra');
  });

  test('the same PassRole with only run actions beside it passes', async () => {
    const { status } = await run({
      BuildRole: role(inline([passToLambda, SCOPED_LOGS])),
      Extra: policyOn('BuildRole', [allow('lambda:InvokeFunction', 'arn:aws:lambda:eu-west-1:123456789012:function:app')]),
      Project: project('BuildRole'),
    });
    expect(status).toBe('PASS');
  });
});
