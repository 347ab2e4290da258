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

async function run(resources: Record<string, unknown>, conditions?: Record<string, unknown>, parameters?: Record<string, unknown>) {
  const r = await runStack({ template: JSON.stringify({ Parameters: parameters, Conditions: conditions, Resources: resources }), previousTemplate: '' }, { hookModel: null });
  const a = annotation(r, ID);
  const outcome = r.evaluation?.outcomes.find((o) => o.control.id === ID);
  expect(a).toBeDefined();
  return { a, outcome, status: outcome?.status, messages: (outcome?.findings ?? []).map((f) => `${f.logicalId}: ${f.message}`), unknowns: (outcome?.unknowns ?? []).map((u) => `${u.logicalId} ${u.path}: ${u.why}`) };
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

  test('an action RoleArn the template removes (Fn::If on a condition decided false) leads to no role: the role is judged as any role, not as the action\'s', async () => {
    const { status, messages } = await run(
      {
        PipelineRole: role(inline([SCOPED_LOGS])),
        AdminRole: role(inline([allow('*')])),
        Pipeline: pipeline([{ Name: 'Deploy', Actions: [deployAction({ 'Fn::If': ['UseAdmin', { 'Fn::GetAtt': ['AdminRole', 'Arn'] }, { Ref: 'AWS::NoValue' }] })] }]),
      },
      { UseAdmin: { 'Fn::Equals': ['prod', 'dev'] } },
    );
    expect(status).toBe('FAIL');
    expect(messages[0]).toMatch(/^AdminRole: the role, with every policy attached to it in the stack \(AdminRole\), allows every action on every resource/);
    expect(messages.join('\n')).not.toContain('Pipeline');
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
    const { status, outcome } = await run({
      BuildRole: role(inline([SCOPED_LOGS])),
      OtherRole: role(),
      Loose: {
        Type: 'AWS::IAM::Policy',
        Properties: { PolicyName: { 'Fn::Sub': '${BuildRole}-extra' }, Roles: [{ Ref: 'OtherRole' }], PolicyDocument: { Statement: [allow('s3:*')] } },
      },
      Project: project('BuildRole'),
    });
    expect(status).toBe('FAIL');
    expect(outcome!.findings.map((f) => f.logicalId)).toEqual(['OtherRole']);
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

const passTo = (service: string) => allow('iam:PassRole', '*', { Condition: { StringEquals: { 'iam:PassedToService': service } } });
const doc = (statements: unknown[]) => ({ Version: '2012-10-17', Statement: statements });
const trusted = (principal: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  Type: 'AWS::IAM::Role',
  Properties: { AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: principal, Action: ['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity'] }] }, ...extra },
});
const iamPolicy = (attach: Record<string, unknown>, statements: unknown[]) => ({ Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'p', ...attach, PolicyDocument: doc(statements) } });
const managed = (extra: Record<string, unknown>, statements: unknown[]) => ({ Type: 'AWS::IAM::ManagedPolicy', Properties: { ...extra, PolicyDocument: doc(statements) } });

describe('CICD.STACK.4 every role of the stack, not only the roles of projects and pipelines', () => {
  test('a Lambda role: PassRole to Lambda in one AWS::IAM::Policy, lambda:CreateFunction in another', async () => {
    const { status, messages } = await run({
      FnRole: trusted({ Service: 'lambda.amazonaws.com' }),
      PassPolicy: iamPolicy({ Roles: [{ Ref: 'FnRole' }] }, [passTo('lambda.amazonaws.com')]),
      CreatePolicy: iamPolicy({ Roles: [{ Ref: 'FnRole' }] }, [allow('lambda:CreateFunction')]),
    });
    expect(status).toBe('FAIL');
    expect(messages).toEqual([
      'FnRole: the role, with every policy attached to it in the stack (PassPolicy, CreatePolicy), allows iam:PassRole on every role to lambda.amazonaws.com together with lambda:CreateFunction: it can run code as any role that service may assume',
    ]);
  });

  test('a GitHub OIDC deploy role: an escalation action in a managed policy attached through its Roles', async () => {
    const { status, messages } = await run({
      Provider: { Type: 'AWS::IAM::OIDCProvider', Properties: { Url: 'https://token.actions.githubusercontent.com', ClientIdList: ['sts.amazonaws.com'] } },
      DeployRole: trusted({ Federated: { Ref: 'Provider' } }, inline([SCOPED_LOGS])),
      Deploy: managed({ Roles: [{ Ref: 'DeployRole' }] }, [allow('iam:AttachRolePolicy')]),
    });
    expect(status).toBe('FAIL');
    expect(messages).toEqual(['DeployRole: the role, with every policy attached to it in the stack (DeployRole, Deploy), allows privilege-escalation actions on broad resources: iam:AttachRolePolicy']);
  });

  test('the same Lambda role with PassRole to Lambda and only lambda:InvokeFunction passes', async () => {
    const { status } = await run({
      FnRole: trusted({ Service: 'lambda.amazonaws.com' }),
      PassPolicy: iamPolicy({ Roles: [{ Ref: 'FnRole' }] }, [passTo('lambda.amazonaws.com')]),
      InvokePolicy: iamPolicy({ Roles: [{ Ref: 'FnRole' }] }, [allow('lambda:InvokeFunction')]),
    });
    expect(status).toBe('PASS');
  });

  test('a role in use keeps its use in the message; another role of the stack is "the role"', async () => {
    const { status, messages } = await run({
      BuildRole: role(inline([allow('s3:*')])),
      Project: project('BuildRole'),
      Other: trusted({ Service: 'ecs-tasks.amazonaws.com' }, inline([allow('dynamodb:*')])),
    });
    expect(status).toBe('FAIL');
    expect(messages).toEqual([
      'BuildRole: the role (ServiceRole of Project), with every policy attached to it in the stack (BuildRole), allows every action of s3 on every resource',
      'Other: the role, with every policy attached to it in the stack (Other), allows every action of dynamodb on every resource',
    ]);
  });
});

describe('CICD.STACK.4 users and groups', () => {
  const user = (extra: Record<string, unknown> = {}) => ({ Type: 'AWS::IAM::User', Properties: { ...extra } });
  const group = (extra: Record<string, unknown> = {}) => ({ Type: 'AWS::IAM::Group', Properties: { ...extra } });

  test('a user gets its group\'s policies (UserToGroupAddition): PassRole through the group, CreateFunction inline', async () => {
    const { status, messages } = await run({
      Deployers: group(),
      GroupPass: iamPolicy({ Groups: [{ Ref: 'Deployers' }] }, [passTo('lambda.amazonaws.com')]),
      Ci: user(inline([allow('lambda:CreateFunction')])),
      Membership: { Type: 'AWS::IAM::UserToGroupAddition', Properties: { GroupName: { Ref: 'Deployers' }, Users: [{ Ref: 'Ci' }] } },
    });
    expect(status).toBe('FAIL');
    expect(messages).toEqual([
      'Ci: the user, with every policy attached to it and to its groups (Deployers) in the stack (Ci, GroupPass), allows iam:PassRole on every role to lambda.amazonaws.com together with lambda:CreateFunction: it can run code as any role that service may assume',
    ]);
  });

  test('a user in a group by its literal name (User.Groups), the group\'s policy a GroupPolicy by literal GroupName', async () => {
    const { status, messages } = await run({
      Deployers: group({ GroupName: 'deployers' }),
      GroupPass: { Type: 'AWS::IAM::GroupPolicy', Properties: { GroupName: 'deployers', PolicyName: 'p', PolicyDocument: doc([passTo('ec2.amazonaws.com')]) } },
      Ci: user({ Groups: ['Deployers'], ManagedPolicyArns: [{ Ref: 'Run' }] }),
      Run: managed({}, [allow('autoscaling:CreateAutoScalingGroup')]),
    });
    expect(status).toBe('FAIL');
    expect(messages).toEqual([
      'Ci: the user, with every policy attached to it and to its groups (Deployers) in the stack (Run, GroupPass), allows iam:PassRole on every role to ec2.amazonaws.com together with autoscaling:CreateAutoScalingGroup: it can run code as any role that service may assume',
    ]);
  });

  test('a user the addition does not name does not get the group\'s policies', async () => {
    const { status } = await run({
      Deployers: group(),
      GroupPass: iamPolicy({ Groups: [{ Ref: 'Deployers' }] }, [passTo('lambda.amazonaws.com')]),
      Ci: user(inline([allow('lambda:CreateFunction')])),
      Someone: user(),
      Membership: { Type: 'AWS::IAM::UserToGroupAddition', Properties: { GroupName: { Ref: 'Deployers' }, Users: [{ Ref: 'Someone' }, 'external-user'] } },
    });
    expect(status).toBe('PASS');
  });

  test('a group is judged on its own (its members, in the stack or not, get its policies)', async () => {
    const { status, messages } = await run({
      Admins: group({ ManagedPolicyArns: ['arn:aws:iam::123456789012:policy/everything'] }),
      Everything: managed({ ManagedPolicyName: 'everything' }, [allow('*')]),
    });
    expect(status).toBe('FAIL');
    expect(messages[0]).toMatch(/^Admins: the group, with every policy attached to it in the stack \(Everything\), allows every action on every resource: administrator access/);
  });
});

describe('CICD.STACK.4 policies attached by literal name', () => {
  const named = (name: string, extra: Record<string, unknown> = {}) => role({ RoleName: name, ...extra });
  const SPLIT_PASS = [passTo('lambda.amazonaws.com')];
  const SPLIT_CREATE = [allow('lambda:CreateFunction')];

  test('AWS::IAM::Policy Roles and AWS::IAM::RolePolicy RoleName naming the role by its RoleName', async () => {
    const { status, messages } = await run({
      BuildRole: named('build-role'),
      Project: project('BuildRole'),
      Pass: iamPolicy({ Roles: ['build-role'] }, SPLIT_PASS),
      Create: { Type: 'AWS::IAM::RolePolicy', Properties: { RoleName: 'build-role', PolicyName: 'c', PolicyDocument: doc(SPLIT_CREATE) } },
    });
    expect(status).toBe('FAIL');
    expect(messages).toEqual([
      'BuildRole: the role (ServiceRole of Project), with every policy attached to it in the stack (Pass, Create), allows iam:PassRole on every role to lambda.amazonaws.com together with lambda:CreateFunction: it can run code as any role that service may assume',
    ]);
  });

  test('names compare without regard to case (IAM names are unique regardless of case)', async () => {
    const { status } = await run({
      BuildRole: named('build-role', inline(SPLIT_PASS)),
      Create: iamPolicy({ Roles: ['Build-Role'] }, SPLIT_CREATE),
    });
    expect(status).toBe('FAIL');
  });

  test('a ManagedPolicy\'s own Roles naming the role', async () => {
    const { status, messages } = await run({
      BuildRole: named('build-role', inline(SPLIT_PASS)),
      Create: managed({ Roles: ['build-role'] }, SPLIT_CREATE),
    });
    expect(status).toBe('FAIL');
    expect(messages[0]).toContain('(BuildRole, Create)');
  });

  test('ManagedPolicyArns: a literal ARN of the own account naming the stack\'s ManagedPolicyName', async () => {
    const { status, messages } = await run({
      BuildRole: named('build-role', { ...inline(SPLIT_PASS), ManagedPolicyArns: ['arn:aws:iam::123456789012:policy/mp-create'] }),
      MpCreate: managed({ ManagedPolicyName: 'mp-create' }, SPLIT_CREATE),
    });
    expect(status).toBe('FAIL');
    expect(messages[0]).toContain('(BuildRole, MpCreate)');
  });

  test('ManagedPolicyArns: Fn::Sub with ${AWS::Partition} and ${AWS::AccountId}, and a path', async () => {
    const { status, messages } = await run({
      BuildRole: named('build-role', { ...inline(SPLIT_PASS), ManagedPolicyArns: [{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/team/mp-create' }] }),
      MpCreate: managed({ ManagedPolicyName: 'mp-create', Path: '/team/' }, SPLIT_CREATE),
    });
    expect(status).toBe('FAIL');
    expect(messages[0]).toContain('(BuildRole, MpCreate)');
  });

  test('ManagedPolicyArns: Fn::Sub with an account parameter still names the policy by its literal name', async () => {
    const { status } = await run(
      {
        BuildRole: named('build-role', { ...inline(SPLIT_PASS), ManagedPolicyArns: [{ 'Fn::Sub': 'arn:aws:iam::${Account}:policy/mp-create' }] }),
        MpCreate: managed({ ManagedPolicyName: 'mp-create' }, SPLIT_CREATE),
      },
      undefined,
      { Account: { Type: 'String' } },
    );
    expect(status).toBe('FAIL');
  });

  test('ManagedPolicyArns: the same name in another account is another policy', async () => {
    const { status } = await run({
      BuildRole: named('build-role', { ...inline(SPLIT_PASS), ManagedPolicyArns: ['arn:aws:iam::999999999999:policy/mp-create'] }),
      MpCreate: managed({ ManagedPolicyName: 'mp-create' }, SPLIT_CREATE),
    });
    expect(status).toBe('PASS');
  });

  test('a literal name of a role outside the stack attaches to none of the stack\'s roles', async () => {
    const { status } = await run({
      BuildRole: named('build-role', inline(SPLIT_PASS)),
      Create: iamPolicy({ Roles: ['build-role-2'] }, SPLIT_CREATE),
    });
    expect(status).toBe('PASS');
  });

  test('the name CloudFormation generated for a role without RoleName (<stack>-<LogicalId>-<SUFFIX>)', async () => {
    const { status, messages } = await run({
      BuildRole: role(inline(SPLIT_PASS)),
      Create: iamPolicy({ Roles: ['ci-pipeline-BuildRole-1A2B3C4D5E6F'] }, SPLIT_CREATE),
    });
    expect(status).toBe('FAIL');
    expect(messages[0]).toContain('(BuildRole, Create)');
  });

  test('a literal name in a branch of an undecided Fn::If inside the Roles list attaches (either branch may be deployed)', async () => {
    const { status, messages } = await run(
      {
        BuildRole: named('build-role', inline(SPLIT_PASS)),
        Create: iamPolicy({ Roles: [{ 'Fn::If': ['Prod', { Ref: 'AWS::NoValue' }, 'build-role'] }] }, SPLIT_CREATE),
      },
      { Prod: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
      { Env: { Type: 'String' } },
    );
    expect(status).toBe('FAIL');
    expect(messages[0]).toContain('(BuildRole, Create)');
  });

  test('an attachment by parameter that would widen a role is UNKNOWN, at the policy', async () => {
    const { status, unknowns } = await run(
      {
        BuildRole: named('build-role', inline(SPLIT_PASS)),
        Create: iamPolicy({ Roles: [{ Ref: 'Target' }] }, SPLIT_CREATE),
      },
      undefined,
      { Target: { Type: 'String' } },
    );
    expect(status).toBe('UNKNOWN');
    expect(unknowns).toEqual([
      'Create Roles[0]: whether this policy attaches to role BuildRole is decided only at deployment: with it, BuildRole\'s policies in the stack would allow iam:PassRole on every role to lambda.amazonaws.com together with lambda:CreateFunction',
    ]);
  });

  test('more attachments by parameter than can be judged one by one: one UNKNOWN on the principal (the stack stays linear)', async () => {
    const many: Record<string, unknown> = { BuildRole: named('build-role', inline(SPLIT_PASS)) };
    for (let i = 0; i < 17; i++) many[`Create${i}`] = iamPolicy({ Roles: [{ Ref: 'Target' }] }, SPLIT_CREATE);
    const { status, unknowns } = await run(many, undefined, { Target: { Type: 'String' } });
    expect(status).toBe('UNKNOWN');
    expect(unknowns).toHaveLength(1);
    expect(unknowns[0]).toContain('BuildRole');
    expect(unknowns[0]).toContain('17 policies or groups may attach to role BuildRole');
  });

  test('a ManagedPolicyArns entry the template does not decide, where the stack\'s managed policy would widen the role: UNKNOWN at the entry', async () => {
    const { status, unknowns } = await run(
      {
        BuildRole: named('build-role', { ...inline(SPLIT_PASS), ManagedPolicyArns: [{ Ref: 'PolicyArn' }] }),
        MpCreate: managed({}, SPLIT_CREATE),
      },
      undefined,
      { PolicyArn: { Type: 'String' } },
    );
    expect(status).toBe('UNKNOWN');
    expect(unknowns).toEqual([expect.stringMatching(/^BuildRole ManagedPolicyArns\[0\]: whether MpCreate attaches to role BuildRole is decided only at deployment/)]);
  });

  test('a literal name when the role\'s own RoleName is a parameter: UNKNOWN where it would widen', async () => {
    const { status, unknowns } = await run(
      {
        BuildRole: role({ RoleName: { Ref: 'Name' }, ...inline(SPLIT_PASS) }),
        Create: iamPolicy({ Roles: ['build-role'] }, SPLIT_CREATE),
      },
      undefined,
      { Name: { Type: 'String' } },
    );
    expect(status).toBe('UNKNOWN');
    expect(unknowns).toEqual([expect.stringMatching(/^Create Roles\[0\]: whether this policy attaches to role BuildRole/)]);
  });

  test('a group membership the template does not decide (UserToGroupAddition GroupName a parameter): UNKNOWN where the group would widen the user', async () => {
    const { status, unknowns } = await run(
      {
        Deployers: { Type: 'AWS::IAM::Group', Properties: inline(SPLIT_PASS) },
        Ci: { Type: 'AWS::IAM::User', Properties: inline(SPLIT_CREATE) },
        Membership: { Type: 'AWS::IAM::UserToGroupAddition', Properties: { GroupName: { Ref: 'Group' }, Users: [{ Ref: 'Ci' }] } },
      },
      undefined,
      { Group: { Type: 'String' } },
    );
    expect(status).toBe('UNKNOWN');
    expect(unknowns).toEqual([expect.stringMatching(/^Membership GroupName: whether user Ci is in group Deployers is decided only at deployment/)]);
  });

  test('an attachment by parameter that would widen nothing is no UNKNOWN', async () => {
    const { status } = await run(
      {
        BuildRole: named('build-role', inline(SPLIT_PASS)),
        Logs: iamPolicy({ Roles: [{ Ref: 'Target' }] }, [SCOPED_LOGS]),
      },
      undefined,
      { Target: { Type: 'String' } },
    );
    expect(status).toBe('PASS');
  });
});
