/**
 * CICD.STACK.5 (stack-out-of-band-changes): provider roles, unreadable SDK calls and definitions, and SSM
 * Automation documents, through the real STACK entry (as test/controls/stack-cases.test.ts runs its cases).
 */
import { annotation, runStack } from '../../helpers/stack';

const ID = 'CICD.STACK.5';

interface Result {
  status: string | undefined;
  findings: Array<{ logicalId?: string; path: string; message: string }>;
  unknowns: Array<{ logicalId?: string; path: string; why: string }>;
  message: string;
}

async function judge(template: Record<string, unknown>, scope: 'pipeline' | 'all'): Promise<Result> {
  const r = await runStack({ template: JSON.stringify(template), previousTemplate: '' }, { hookModel: { Scope: scope } });
  const o = r.evaluation?.outcomes.find((x) => x.control.id === ID);
  return { status: o?.status, findings: o?.findings ?? [], unknowns: o?.unknowns ?? [], message: annotation(r, ID)?.statusMessage ?? '' };
}

const where = (xs: Array<{ logicalId?: string; path: string }>) => xs.map((x) => `${x.logicalId}.${x.path}`);

const PARAMS = { Value: { Type: 'String' } };

function lambdaRole(): Record<string, unknown> {
  return { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] } } };
}

function providerFn(role: unknown): Record<string, unknown> {
  return { Type: 'AWS::Lambda::Function', Properties: { Role: role, Handler: 'index.handler', Runtime: 'nodejs20.x', Code: { ZipFile: 'x' } } };
}

/** A Lambda-backed custom resource Tweak whose provider ProviderFn has ProviderRole with the given statements attached. */
function lambdaBacked(statements: unknown[]): Record<string, unknown> {
  return {
    Tweak: { Type: 'Custom::Tweak', Properties: { ServiceToken: { 'Fn::GetAtt': ['ProviderFn', 'Arn'] } } },
    ProviderFn: providerFn({ 'Fn::GetAtt': ['ProviderRole', 'Arn'] }),
    ProviderRole: lambdaRole(),
    ProviderPolicy: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'p', Roles: [{ Ref: 'ProviderRole' }], PolicyDocument: { Statement: statements } } },
  };
}

const allow = (actions: string[]) => ({ Effect: 'Allow', Action: actions, Resource: '*' });

describe('Lambda-backed custom resources: the provider role', () => {
  const externalRole = { Tweak: { Type: 'Custom::Tweak', Properties: { ServiceToken: { 'Fn::GetAtt': ['ProviderFn', 'Arn'] } } }, ProviderFn: providerFn('arn:aws:iam::123456789012:role/platform-provider') };

  test('a provider function whose role is not defined in the stack is UNKNOWN for the custom resource (Scope all)', async () => {
    const r = await judge({ Resources: externalRole }, 'all');
    expect(r.status).toBe('UNKNOWN');
    expect(where(r.unknowns)).toEqual(['Tweak.ServiceToken']);
    expect(r.unknowns[0].why).toContain('ProviderFn');
  });

  test('a provider role given by a parameter is UNKNOWN too (Scope all)', async () => {
    const r = await judge({ Parameters: PARAMS, Resources: { ...externalRole, ProviderFn: providerFn({ Ref: 'Value' }) } }, 'all');
    expect(r.status).toBe('UNKNOWN');
    expect(where(r.unknowns)).toEqual(['Tweak.ServiceToken']);
    expect(r.unknowns[0].why).toContain('ProviderFn');
  });

  test('an unseen provider role of a custom resource outside the pipeline is not reported (Scope pipeline)', async () => {
    const r = await judge({ Resources: externalRole }, 'pipeline');
    expect(r.status).toBe('PASS');
    expect(r.unknowns).toEqual([]);
  });

  test('a Deny statement in the provider policy grants nothing', async () => {
    const r = await judge({ Resources: lambdaBacked([allow(['lambda:InvokeFunction']), { Effect: 'Deny', Action: ['codebuild:UpdateProject', 'iam:PutRolePolicy'], Resource: '*' }]) }, 'all');
    expect(r.status).toBe('PASS');
    expect(r.findings).toEqual([]);
  });

  test('an Allow with NotAction allows every change, so the provider may change guarded resources', async () => {
    const r = await judge({ Resources: lambdaBacked([{ Effect: 'Allow', NotAction: ['sts:AssumeRole'], Resource: '*' }]) }, 'pipeline');
    expect(r.status).toBe('FAIL');
    expect(where(r.findings)).toEqual(['Tweak.ServiceToken']);
    expect(r.findings[0].message).toContain('ProviderFn');
  });

  test('generic-service changes by a provider outside the pipeline pass with Scope pipeline and fail with Scope all', async () => {
    const template = { Resources: lambdaBacked([allow(['s3:PutBucketPolicy'])]) };
    const narrow = await judge(template, 'pipeline');
    expect(narrow.status).toBe('PASS');
    const wide = await judge(template, 'all');
    expect(wide.status).toBe('FAIL');
    expect(where(wide.findings)).toEqual(['Tweak.ServiceToken']);
    expect(wide.findings[0].message).toContain('s3:PutBucketPolicy');
  });

  test('the changes a provider may make are listed in sorted order', async () => {
    const r = await judge({ Resources: lambdaBacked([allow(['iam:PutRolePolicy', 'codebuild:UpdateProject'])]) }, 'pipeline');
    expect(r.status).toBe('FAIL');
    expect(r.findings[0].message).toContain('codebuild:UpdateProject, iam:PutRolePolicy');
  });

  const SEVEN = ['iam:UpdateAssumeRolePolicy', 'iam:PutRolePolicy', 'iam:DetachRolePolicy', 'iam:DeleteRolePolicy', 'iam:DeleteRole', 'iam:CreateRole', 'iam:AttachRolePolicy'];

  test('six changes are all named, without a count', async () => {
    const r = await judge({ Resources: lambdaBacked([allow(SEVEN.slice(1))]) }, 'pipeline');
    expect(r.status).toBe('FAIL');
    const m = r.findings[0].message;
    expect(m).toContain('iam:AttachRolePolicy, iam:CreateRole, iam:DeleteRole, iam:DeleteRolePolicy, iam:DetachRolePolicy, iam:PutRolePolicy');
    expect(m).not.toContain('…');
    expect(m).not.toContain('(6)');
  });

  test('beyond six changes the first six (sorted) are named and the total counted', async () => {
    const r = await judge({ Resources: lambdaBacked([allow(SEVEN)]) }, 'pipeline');
    expect(r.status).toBe('FAIL');
    const m = r.findings[0].message;
    expect(m).toContain('iam:AttachRolePolicy, iam:CreateRole, iam:DeleteRole, iam:DeleteRolePolicy, iam:DetachRolePolicy, iam:PutRolePolicy, … (7)');
    expect(m).not.toContain('iam:UpdateAssumeRolePolicy');
  });
});

describe('AwsCustomResource SDK calls that cannot be read', () => {
  /** Patch: a Custom::AWS whose provider may only read; `create` is its Create call. */
  function aws(create: unknown): Record<string, unknown> {
    return {
      Patch: { Type: 'Custom::AWS', Properties: { ServiceToken: { 'Fn::GetAtt': ['ProviderFn', 'Arn'] }, Create: create } },
      ProviderFn: providerFn({ 'Fn::GetAtt': ['ProviderRole', 'Arn'] }),
      ProviderRole: lambdaRole(),
    };
  }

  test('a call given by a parameter is UNKNOWN at its property (Scope all)', async () => {
    const r = await judge({ Parameters: PARAMS, Resources: aws({ Ref: 'Value' }) }, 'all');
    expect(r.status).toBe('UNKNOWN');
    expect(where(r.unknowns)).toEqual(['Patch.Create']);
  });

  test('an unreadable call of a custom resource outside the pipeline is not reported (Scope pipeline)', async () => {
    const r = await judge({ Parameters: PARAMS, Resources: aws({ Ref: 'Value' }) }, 'pipeline');
    expect(r.status).toBe('PASS');
    expect(r.unknowns).toEqual([]);
  });

  test('a call without a service is UNKNOWN', async () => {
    const r = await judge({ Resources: aws('{"action":"updateProject","parameters":{"name":"p"}}') }, 'all');
    expect(r.status).toBe('UNKNOWN');
    expect(where(r.unknowns)).toEqual(['Patch.Create']);
  });

  test('a call without an action is UNKNOWN', async () => {
    const r = await judge({ Resources: aws('{"service":"CodeBuild","parameters":{"name":"p"}}') }, 'all');
    expect(r.status).toBe('UNKNOWN');
    expect(where(r.unknowns)).toEqual(['Patch.Create']);
  });
});

describe('state machines and schedules whose definition cannot be read', () => {
  const machine = (props: Record<string, unknown>) => ({ Machine: { Type: 'AWS::StepFunctions::StateMachine', Properties: { RoleArn: 'arn:aws:iam::123456789012:role/sfn', ...props } } });

  test('a DefinitionString given by a parameter is UNKNOWN (Scope all)', async () => {
    const r = await judge({ Parameters: PARAMS, Resources: machine({ DefinitionString: { Ref: 'Value' } }) }, 'all');
    expect(r.status).toBe('UNKNOWN');
    expect(where(r.unknowns)).toEqual(['Machine.DefinitionString']);
  });

  test('an unreadable definition of a state machine outside the pipeline is not reported (Scope pipeline)', async () => {
    const r = await judge({ Parameters: PARAMS, Resources: machine({ DefinitionString: { Ref: 'Value' } }) }, 'pipeline');
    expect(r.status).toBe('PASS');
    expect(r.unknowns).toEqual([]);
  });

  test('a definition in S3 is UNKNOWN (Scope all)', async () => {
    const r = await judge({ Resources: machine({ DefinitionS3Location: { Bucket: 'defs', Key: 'machine.json' } }) }, 'all');
    expect(r.status).toBe('UNKNOWN');
    expect(where(r.unknowns)).toEqual(['Machine.DefinitionS3Location']);
  });

  test('a schedule whose target ARN is a parameter has no aws-sdk call to judge', async () => {
    const r = await judge(
      { Parameters: PARAMS, Resources: { Nightly: { Type: 'AWS::Scheduler::Schedule', Properties: { ScheduleExpression: 'rate(1 day)', FlexibleTimeWindow: { Mode: 'OFF' }, Target: { Arn: { Ref: 'Value' }, RoleArn: 'arn:aws:iam::123456789012:role/s' } } } } },
      'all',
    );
    expect(r.status).toBe('PASS');
  });
});

describe('SSM documents', () => {
  const doc = (props: Record<string, unknown>) => ({ Type: 'AWS::SSM::Document', Properties: props });
  const apiStep = (inputs: Record<string, unknown>) => ({ name: 'call', action: 'aws:executeAwsApi', inputs });
  const automation = (steps: unknown[]) => doc({ DocumentType: 'Automation', Content: { schemaVersion: '0.3', mainSteps: steps } });

  test('YAML text with a space before the colons is read', async () => {
    const yaml = "schemaVersion: '0.3'\nmainSteps:\n  - name: drop\n    action: aws:executeAwsApi\n    inputs:\n      Service : codepipeline\n      Api : DeletePipeline\n      name: p\n";
    const r = await judge({ Resources: { Doc: doc({ DocumentType: 'Automation', DocumentFormat: 'YAML', Content: yaml }) } }, 'pipeline');
    expect(r.status).toBe('FAIL');
    expect(where(r.findings)).toEqual(['Doc.Content']);
    expect(r.findings[0].message).toContain('codepipeline:DeletePipeline');
  });

  test('YAML text with several spaces after the colons is read', async () => {
    const yaml = "schemaVersion: '0.3'\nmainSteps:\n  - name: drop\n    action: aws:executeAwsApi\n    inputs:\n      Service:   codepipeline\n      Api:   DeletePipeline\n      name: p\n";
    const r = await judge({ Resources: { Doc: doc({ DocumentType: 'Automation', DocumentFormat: 'YAML', Content: yaml }) } }, 'pipeline');
    expect(r.status).toBe('FAIL');
    expect(r.findings[0].message).toContain('codepipeline:DeletePipeline');
  });

  test('YAML text whose Service is an Automation parameter is UNKNOWN (Scope all)', async () => {
    const yaml = "schemaVersion: '0.3'\nmainSteps:\n  - name: drop\n    action: aws:executeAwsApi\n    inputs:\n      Service: '{{ Svc }}'\n      Api: DeletePipeline\n";
    const r = await judge({ Resources: { Doc: doc({ DocumentType: 'Automation', DocumentFormat: 'YAML', Content: yaml }) } }, 'all');
    expect(r.status).toBe('UNKNOWN');
    expect(where(r.unknowns)).toEqual(['Doc.Content']);
  });

  test('YAML text whose Api is an Automation parameter is UNKNOWN (Scope all)', async () => {
    const yaml = "schemaVersion: '0.3'\nmainSteps:\n  - name: drop\n    action: aws:executeAwsApi\n    inputs:\n      Service: codepipeline\n      Api: '{{ Api }}'\n";
    const r = await judge({ Resources: { Doc: doc({ DocumentType: 'Automation', DocumentFormat: 'YAML', Content: yaml }) } }, 'all');
    expect(r.status).toBe('UNKNOWN');
    expect(where(r.unknowns)).toEqual(['Doc.Content']);
  });

  test('YAML text without executeAwsApi steps passes', async () => {
    const yaml = "schemaVersion: '0.3'\nmainSteps:\n  - name: wait\n    action: aws:sleep\n    inputs:\n      Duration: PT1M\n";
    const r = await judge({ Resources: { Doc: doc({ DocumentType: 'Automation', DocumentFormat: 'YAML', Content: yaml }) } }, 'all');
    expect(r.status).toBe('PASS');
  });

  test('an Automation document without content, or with content that is no document, passes', async () => {
    expect((await judge({ Resources: { Doc: doc({ DocumentType: 'Automation' }) } }, 'all')).status).toBe('PASS');
    expect((await judge({ Resources: { Doc: doc({ DocumentType: 'Automation', Content: [1, 2] }) } }, 'all')).status).toBe('PASS');
    expect((await judge({ Resources: { Doc: doc({ DocumentType: 'Automation', Content: { schemaVersion: '0.3' } }) } }, 'all')).status).toBe('PASS');
  });

  test('steps other than aws:executeAwsApi are not judged (Scope all)', async () => {
    const r = await judge({ Resources: { Doc: automation([{ name: 'wait', action: 'aws:sleep', inputs: { Duration: 'PT1M' } }, apiStep({ Service: 'codebuild', Api: 'BatchGetProjects' })]) } }, 'all');
    expect(r.status).toBe('PASS');
    expect(r.unknowns).toEqual([]);
  });

  test('steps without an action, or that are not objects, are skipped', async () => {
    const r = await judge({ Resources: { Doc: automation([{ name: 'noop' }, { name: 'odd', action: 3 }, 'step', apiStep({ Service: 'codebuild', Api: 'BatchGetProjects' })]) } }, 'all');
    expect(r.status).toBe('PASS');
    expect(r.unknowns).toEqual([]);
  });

  test('the step is matched in any letter case and named without an association when none runs it', async () => {
    const r = await judge({ Resources: { Doc: automation([{ name: 'call', action: 'AWS:ExecuteAwsApi', inputs: { Service: 'codebuild', Api: 'UpdateProject' } }]) } }, 'pipeline');
    expect(r.status).toBe('FAIL');
    expect(where(r.findings)).toEqual(['Doc.Content.mainSteps[0].inputs']);
    expect(r.findings[0].message).toContain('codebuild:UpdateProject');
    expect(r.findings[0].message).not.toContain('association');
  });

  test('a Command document is not an Automation: its steps are not judged', async () => {
    const r = await judge({ Resources: { Doc: doc({ DocumentType: 'Command', Content: { schemaVersion: '0.3', mainSteps: [apiStep({ Service: 'codebuild', Api: 'UpdateProject' })] } }) } }, 'all');
    expect(r.status).toBe('PASS');
    expect(r.findings).toEqual([]);
  });

  test('a document whose type the template does not decide is judged as an Automation', async () => {
    const r = await judge({ Parameters: PARAMS, Resources: { Doc: doc({ DocumentType: { Ref: 'Value' }, Content: { schemaVersion: '0.3', mainSteps: [apiStep({ Service: 'codebuild', Api: 'UpdateProject' })] } }) } }, 'pipeline');
    expect(r.status).toBe('FAIL');
    expect(where(r.findings)).toEqual(['Doc.Content.mainSteps[0].inputs']);
  });

  test('a step whose Service is a parameter is UNKNOWN (Scope all)', async () => {
    const r = await judge({ Parameters: PARAMS, Resources: { Doc: automation([apiStep({ Service: { Ref: 'Value' }, Api: 'UpdateProject' })]) } }, 'all');
    expect(r.status).toBe('UNKNOWN');
    expect(where(r.unknowns)).toEqual(['Doc.Content.mainSteps[0].inputs']);
  });

  test('a step whose Api is a parameter is UNKNOWN (Scope all)', async () => {
    const r = await judge({ Parameters: PARAMS, Resources: { Doc: automation([apiStep({ Service: 'codebuild', Api: { Ref: 'Value' } })]) } }, 'all');
    expect(r.status).toBe('UNKNOWN');
    expect(where(r.unknowns)).toEqual(['Doc.Content.mainSteps[0].inputs']);
  });

  test('an undecided step of a document outside the pipeline is not reported (Scope pipeline)', async () => {
    const r = await judge({ Parameters: PARAMS, Resources: { Doc: automation([apiStep({ Service: { Ref: 'Value' }, Api: 'UpdateProject' })]) } }, 'pipeline');
    expect(r.status).toBe('PASS');
    expect(r.unknowns).toEqual([]);
  });

  test('only SSM documents are read as documents: a hosted configuration holding Automation text passes', async () => {
    const text = "mainSteps:\n  - action: aws:executeAwsApi\n    inputs:\n      Service: codepipeline\n      Api: DeletePipeline\n";
    const r = await judge({ Resources: { Config: { Type: 'AWS::AppConfig::HostedConfigurationVersion', Properties: { ApplicationId: 'a', ConfigurationProfileId: 'p', ContentType: 'text/plain', Content: text } } } }, 'all');
    expect(r.status).toBe('PASS');
    expect(r.findings).toEqual([]);
  });
});

describe('SSM Automation documents the template does not show', () => {
  const automation = (content: unknown) => ({ Type: 'AWS::SSM::Document', Properties: { DocumentType: 'Automation', Content: content } });
  const PARAMETERS = { DocContent: { Type: 'String' }, Steps: { Type: 'String' }, UseIt: { Type: 'String' } };
  const cases: Array<[string, unknown, string]> = [
    ['Content given by a parameter', { Ref: 'DocContent' }, 'Doc.Content'],
    ['Content chosen by an undecided Fn::If', { 'Fn::If': ['Use', { schemaVersion: '0.3', mainSteps: [] }, { Ref: 'DocContent' }] }, 'Doc.Content'],
    ['mainSteps given by a parameter', { schemaVersion: '0.3', mainSteps: { Ref: 'Steps' } }, 'Doc.Content'],
    ['a step given by a parameter', { schemaVersion: '0.3', mainSteps: [{ Ref: 'Steps' }] }, 'Doc.Content.mainSteps[0]'],
  ];
  test.each(cases)('%s is UNKNOWN under Scope all', async (_name, content, at) => {
    const r = await judge({ Parameters: PARAMETERS, Conditions: { Use: { 'Fn::Equals': [{ Ref: 'UseIt' }, 'yes'] } }, Resources: { Doc: automation(content) } }, 'all');
    expect(r.status).toBe('UNKNOWN');
    expect(where(r.unknowns)).toEqual([at]);
  });
  test.each(cases)('%s is not judged under Scope pipeline (an SSM document alone is no pipeline resource)', async (_name, content) => {
    const r = await judge({ Parameters: PARAMETERS, Conditions: { Use: { 'Fn::Equals': [{ Ref: 'UseIt' }, 'yes'] } }, Resources: { Doc: automation(content) } }, 'pipeline');
    expect(r.status).toBe('PASS');
  });
  test('mainSteps that is no list (and no intrinsic) has no steps to judge', async () => {
    const r = await judge({ Resources: { Doc: automation({ schemaVersion: '0.3', mainSteps: 'none' }) } }, 'all');
    expect(r.status).toBe('PASS');
    expect(r.unknowns).toEqual([]);
  });
  test('a document whose steps are all readable and call nothing guarded still passes', async () => {
    const r = await judge({ Resources: { Doc: automation({ schemaVersion: '0.3', mainSteps: [{ name: 'wait', action: 'aws:sleep', inputs: { Duration: 'PT1M' } }] }) } }, 'all');
    expect(r.status).toBe('PASS');
  });
});
