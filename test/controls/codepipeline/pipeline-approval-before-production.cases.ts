import { defineCases } from '../../helpers/cases';
import { approvalAction, buildAction, cfnDeploy, hardenedPipeline, PIPELINE_ACCOUNT, PROD_ACCOUNT, role, stage, UAT_ACCOUNT, withProd, withStages, type Json } from './builders';

const prodDeploy = (runOrder: number) => cfnDeploy(PROD_ACCOUNT, 'Prod-Svc', runOrder, 'Svc.');
const head = (hardenedPipeline().Stages as Record<string, unknown>[]).slice(0, 2);
const uat = stage('UAT', cfnDeploy(UAT_ACCOUNT, 'UAT-Svc', 1));
/** A single CREATE_UPDATE CloudFormation deploy action. */
const createUpdate = (name: string, account: string, runOrder?: number, extra: Record<string, unknown> = {}) => ({
  Name: name,
  ActionTypeId: { Category: 'Deploy', Owner: 'AWS', Provider: 'CloudFormation', Version: '1' },
  Configuration: { StackName: 'Svc', ActionMode: 'CREATE_UPDATE', TemplatePath: 'Synth_Output::Svc.template.json', RoleArn: role(account, 'cfn-exec') },
  RoleArn: role(PIPELINE_ACCOUNT, 'deploy-action-role'),
  ...(runOrder === undefined ? {} : { RunOrder: runOrder }),
  ...extra,
});
const accounts = { ProductionAccountIds: [PROD_ACCOUNT] };

/** An action of any type in a stage whose name says nothing about production. */
const typed = (Name: string, Category: string, Provider: string, Configuration: Json, extra: Json = {}): Json => ({
  Name,
  ActionTypeId: { Category, Owner: 'AWS', Provider, Version: '1' },
  Configuration,
  RoleArn: role(PIPELINE_ACCOUNT, `${Name}-action-role`),
  RunOrder: 1,
  ...extra,
});
const neutral = (...actions: Json[]) => withStages([...head, uat, stage('Rollout', actions)]);
const stackSet = (DeploymentTargets: string, Provider = 'CloudFormationStackSet') =>
  typed('Fleet', 'Deploy', Provider, {
    StackSetName: 'baseline',
    TemplatePath: 'Synth_Output::baseline.template.json',
    PermissionModel: 'SELF_MANAGED',
    AdministrationRoleArn: role(PIPELINE_ACCOUNT, 'AWSCloudFormationStackSetAdministrationRole'),
    DeploymentTargets,
    Regions: 'eu-west-1,eu-central-1',
  });
const invoke = (FunctionName: string) => typed('Flip', 'Invoke', 'Lambda', { FunctionName, UserParameters: '{"flag":"on"}' });

/** A CodePipeline V2 stage condition: one rule, the given Result. */
const rule = (Name = 'GateCheck', Provider = 'LambdaInvoke') => ({ Name, RuleTypeId: { Category: 'Rule', Owner: 'AWS', Provider, Version: '1' }, Configuration: { FunctionName: 'gate-check' } });
const conditions = (Result: unknown, Provider?: string) => ({ Conditions: [{ Result, Rules: [rule(undefined, Provider)] }] });
/** Source, Build, UAT, Approve (Stages[3], with the given stage conditions), Prod (Stages[4]) deploying without an approval of its own. */
const approveStage = (extra: Json) => withProd(prodDeploy(1), [{ ...stage('Approve', [approvalAction('Approve')]), ...extra }]);

export default defineCases({
  controlId: 'CICD.CODEPIPELINE.2',
  resourceType: 'AWS::CodePipeline::Pipeline',
  cases: [
    { name: 'CDK Pipelines ManualApprovalStep as a pre-step of Prod (lower RunOrder)', properties: hardenedPipeline(), expect: 'PASS' },
    { name: 'approval in its own stage between UAT and Prod', properties: withProd(prodDeploy(1), [stage('Approve', [approvalAction('Approve')])]), expect: 'PASS' },
    { name: 'approval in an earlier stage before UAT still gates Prod', properties: withStages([...head, stage('Gate', [approvalAction('Gate')]), uat, stage('Prod', prodDeploy(1))]), expect: 'PASS' },
    {
      name: 'CDK ConfirmPermissionsBroadening: check build before its approval, deploy after',
      properties: withProd([approvalAction('A2', 1), buildAction({ Name: 'Check.Check', RunOrder: 1 }), approvalAction('Check.Confirm', 2), ...prodDeploy(3)]),
      expect: 'PASS',
    },
    { name: 'change set prepared before the approval, executed after it', properties: withProd([prodDeploy(1)[0], approvalAction('Review', 2), { ...prodDeploy(2)[1], RunOrder: 3 }]), expect: 'PASS' },
    { name: 'CDK Pipelines default: Prod without any approval', properties: withProd(prodDeploy(1)), expect: 'FAIL', messageIncludes: ['stage Prod', 'action Svc.Deploy', 'no Manual approval'] },
    {
      name: 'approval with the same RunOrder as the prod deploy runs in parallel',
      properties: withProd([createUpdate('Deploy', PROD_ACCOUNT, 1), approvalAction('Approve', 1)]),
      expect: 'FAIL',
      messageIncludes: ['Stages[3].Actions[0] (stage Prod, action Deploy)', 'same RunOrder'],
    },
    {
      name: 'approval without RunOrder next to a deploy without RunOrder (both default to 1)',
      properties: withProd([createUpdate('Deploy', PROD_ACCOUNT), approvalAction('Approve', 1, { RunOrder: undefined })]),
      expect: 'FAIL',
      messageIncludes: 'same RunOrder',
    },
    { name: 'approval same RunOrder as the change-set execute', properties: withProd([approvalAction('Approve', 2), ...prodDeploy(1)]), expect: 'FAIL', messageIncludes: ['action Svc.Deploy', 'same RunOrder'] },
    { name: 'approval after the prod deploy in the same stage', properties: withProd([createUpdate('Deploy', PROD_ACCOUNT, 1), approvalAction('Approve', 2)]), expect: 'FAIL', messageIncludes: 'comes after it' },
    { name: 'approval in a stage after Prod', properties: withStages([...head, uat, stage('Prod', prodDeploy(1)), stage('SignOff', [approvalAction('SignOff')])]), expect: 'FAIL', messageIncludes: ['stage Prod', 'comes after it'] },
    {
      name: 'custom (non-Manual) approval does not count',
      properties: withProd([approvalAction('Approve', 1, { ActionTypeId: { Category: 'Approval', Owner: 'Custom', Provider: 'Manual', Version: '1' } }), ...prodDeploy(2)]),
      expect: 'FAIL',
    },
    { name: 'stage name in upper case (PRODUCTION) without approval', properties: withStages([...head, uat, stage('PRODUCTION', prodDeploy(1))]), expect: 'FAIL', messageIncludes: 'stage PRODUCTION' },
    { name: 'stage named prd-eu without approval', properties: withStages([...head, uat, stage('prd-eu', prodDeploy(1))]), expect: 'FAIL' },
    { name: 'stage named GoLive without approval', properties: withStages([...head, uat, stage('GoLive', prodDeploy(1))]), expect: 'FAIL' },
    { name: 'no production stage: UAT and Staging deploy without approval', properties: withStages([...head, uat, stage('Staging', cfnDeploy(UAT_ACCOUNT, 'Stg-Svc', 1))]), expect: 'PASS' },
    { name: 'Stages missing', absent: ['Stages'], properties: { ...hardenedPipeline(), Stages: undefined }, expect: 'PASS' },
    { name: 'Prod stage with an empty action list', properties: withProd([]), expect: 'PASS' },
    { name: 'Stages is junk (numbers and strings)', properties: { ...hardenedPipeline(), Stages: [1, 'x', null] }, expect: 'PASS' },
    {
      name: 'custom ProductionStageNames: Prod is not production any more',
      properties: withProd(prodDeploy(1)),
      config: { ProductionStageNames: ['Production'] },
      expect: 'PASS',
    },
    {
      name: 'deploy role in a production account although the stage is called Blue',
      properties: withStages([...head, uat, stage('Blue', [createUpdate('Deploy', PIPELINE_ACCOUNT, 1, { RoleArn: role(PROD_ACCOUNT, 'deploy') })])]),
      config: accounts,
      expect: 'FAIL',
      messageIncludes: ['stage Blue', 'ProductionAccountIds'],
    },
    {
      name: 'CloudFormation Configuration.RoleArn in a production account (CDK Pipelines shape)',
      properties: withStages([...head, uat, stage('Blue', [createUpdate('Deploy', PROD_ACCOUNT, 1)])]),
      config: accounts,
      expect: 'FAIL',
      messageIncludes: 'ProductionAccountIds',
    },
    {
      name: 'production account deploy gated by an approval in an earlier stage',
      properties: withStages([...head, uat, stage('Gate', [approvalAction('Gate')]), stage('Blue', [createUpdate('Deploy', PROD_ACCOUNT, 1)])]),
      config: accounts,
      expect: 'PASS',
    },
    {
      name: 'CodeBuild action running with a production-account role before the approval',
      properties: withProd([buildAction({ Name: 'Migrate', RoleArn: role(PROD_ACCOUNT, 'db-migrate') }), approvalAction('Approve', 2), ...prodDeploy(3)]),
      config: accounts,
      expect: 'FAIL',
      messageIncludes: 'action Migrate',
    },
    {
      name: 'Lambda invoke with a production-account role and no approval',
      properties: withStages([...head, uat, stage('Ops', [{ Name: 'Flip', ActionTypeId: { Category: 'Invoke', Owner: 'AWS', Provider: 'Lambda', Version: '1' }, Configuration: { FunctionName: 'flip' }, RoleArn: role(PROD_ACCOUNT, 'invoke'), RunOrder: 1 }])]),
      config: accounts,
      expect: 'FAIL',
      messageIncludes: 'action Flip',
    },
    { name: 'smoke-test CodeBuild in Prod before the approval with a pipeline-account role', properties: withProd([buildAction({ Name: 'Smoke' }), approvalAction('Approve', 1), ...prodDeploy(2)]), expect: 'PASS' },
    {
      name: 'update removes the approval before Prod',
      properties: withProd(prodDeploy(2)),
      previous: hardenedPipeline(),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
      messageIncludes: 'without a Manual approval before it',
    },
    {
      name: 'update moves the approval to the same RunOrder as the deploy',
      properties: withProd([approvalAction('PromoteToProd', 3), ...prodDeploy(2)]),
      previous: hardenedPipeline(),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
      messageIncludes: 'same RunOrder',
    },
    { name: 'update adds the approval', properties: hardenedPipeline(), previous: withProd(prodDeploy(1)), actions: ['UPDATE'], expect: 'PASS' },
    // ---- production by destination (ProductionAccountIds), whatever the stage is called ----
    {
      name: 'StackSet whose deployment targets include a production account',
      properties: neutral(stackSet('222222222222, 333333333333')),
      config: accounts,
      expect: 'FAIL',
      messageIncludes: ['stage Rollout', 'Stages[3].Actions[0].Configuration.DeploymentTargets', 'production account 333333333333'],
    },
    { name: 'StackSet deployment targets as a JSON list', properties: neutral(stackSet('["222222222222","333333333333"]')), config: accounts, expect: 'FAIL', messageIncludes: 'DeploymentTargets' },
    { name: 'StackSet targeting only non-production accounts', properties: neutral(stackSet('222222222222,444444444444')), config: accounts, expect: 'PASS' },
    {
      name: 'StackInstances targeting an OU (fail closed: its accounts cannot be seen)',
      properties: neutral(stackSet('ou-ab12-cdef3456', 'CloudFormationStackInstances')),
      config: accounts,
      expect: 'FAIL',
      messageIncludes: 'organizational unit',
    },
    { name: 'StackSet targeting the organization root', properties: neutral(stackSet('r-ab12')), config: accounts, expect: 'FAIL', messageIncludes: 'organizational unit or root' },
    { name: 'StackSet targets read from an artifact file', properties: neutral(stackSet('Synth_Output::targets.json')), config: accounts, expect: 'FAIL', messageIncludes: 'artifact file' },
    { name: 'StackSet OU targets without ProductionAccountIds: production by account is off', properties: neutral(stackSet('ou-ab12-cdef3456')), expect: 'PASS' },
    {
      name: 'StackSet with a production target behind an approval in an earlier stage',
      properties: withStages([...head, uat, stage('Gate', [approvalAction('Gate')]), stage('Rollout', [stackSet('333333333333')])]),
      config: accounts,
      expect: 'PASS',
    },
    {
      name: 'Invoke action calling a function ARN in a production account with a pipeline-account role',
      properties: neutral(invoke(`arn:aws:lambda:eu-west-1:${PROD_ACCOUNT}:function:flip-feature`)),
      config: accounts,
      expect: 'FAIL',
      messageIncludes: ['action Flip', 'Configuration.FunctionName', 'production account 333333333333'],
    },
    { name: 'Invoke action with a partial function ARN (account:function:name)', properties: neutral(invoke(`${PROD_ACCOUNT}:function:flip-feature`)), config: accounts, expect: 'FAIL', messageIncludes: 'FunctionName' },
    { name: 'Invoke action with a GovCloud function ARN', properties: neutral(invoke(`arn:aws-us-gov:lambda:us-gov-west-1:${PROD_ACCOUNT}:function:flip`)), config: accounts, expect: 'FAIL' },
    { name: 'Invoke action calling a function by name (the pipeline account)', properties: neutral(invoke('flip-feature')), config: accounts, expect: 'PASS' },
    { name: 'Invoke action calling a function ARN in the UAT account', properties: neutral(invoke(`arn:aws:lambda:eu-west-1:${UAT_ACCOUNT}:function:flip`)), config: accounts, expect: 'PASS' },
    {
      name: 'Step Functions action running a state machine in a production account',
      properties: neutral(typed('Migrate', 'Invoke', 'StepFunctions', { StateMachineArn: `arn:aws:states:eu-west-1:${PROD_ACCOUNT}:stateMachine:migrate`, InputType: 'Literal', Input: '{}' })),
      config: accounts,
      expect: 'FAIL',
      messageIncludes: 'StateMachineArn',
    },
    {
      name: 'ECS deploy to a cluster ARN in a production account',
      properties: neutral(typed('Roll', 'Deploy', 'ECS', { ClusterName: `arn:aws:ecs:eu-west-1:${PROD_ACCOUNT}:cluster/web`, ServiceName: 'web', FileName: 'imagedefinitions.json' })),
      config: accounts,
      expect: 'FAIL',
      messageIncludes: 'ClusterName',
    },
    {
      name: 'CodeDeploy to another account through a production-account role',
      properties: neutral(typed('Roll', 'Deploy', 'CodeDeploy', { ApplicationName: 'web', DeploymentGroupName: 'web-blue' }, { RoleArn: role(PROD_ACCOUNT, 'codedeploy-cross-account') })),
      config: accounts,
      expect: 'FAIL',
      messageIncludes: ['Stages[3].Actions[0].RoleArn', 'role in production account'],
    },
    {
      name: 'Build action handed a production deploy role in its environment variables (JSON text)',
      properties: neutral(buildAction({ Name: 'Release' }, { EnvironmentVariables: JSON.stringify([{ name: 'DEPLOY_ROLE', type: 'PLAINTEXT', value: role(PROD_ACCOUNT, 'deploy') }]) })),
      config: accounts,
      expect: 'FAIL',
      messageIncludes: ['action Release', 'EnvironmentVariables'],
    },
    {
      name: 'CloudFormation deploy whose ParameterOverrides name a production role ARN',
      properties: neutral(createUpdate('Deploy', UAT_ACCOUNT, 1, { Configuration: { StackName: 'Svc', ActionMode: 'CREATE_UPDATE', RoleArn: role(UAT_ACCOUNT, 'cfn'), ParameterOverrides: JSON.stringify({ TargetRole: role(PROD_ACCOUNT, 'writer') }) } })),
      config: accounts,
      expect: 'FAIL',
      messageIncludes: 'ParameterOverrides',
    },
    {
      name: 'typed Configuration with a list of ARNs',
      properties: neutral(typed('Fan', 'Invoke', 'Lambda', { FunctionName: 'fan', Targets: ['x', { Arn: `arn:aws:sqs:eu-west-1:${PROD_ACCOUNT}:q` }] })),
      config: accounts,
      expect: 'FAIL',
      typedOnly: true,
      messageIncludes: 'Configuration.Targets[1].Arn',
    },
    {
      name: 'Invoke action without Configuration (pipeline-account role)',
      absent: ['Stages[3].Actions[0].Configuration'],
      properties: neutral({ ...invoke('x'), Configuration: undefined }),
      config: accounts,
      expect: 'PASS',
    },
    // ---- stage names are words ----
    ...['Deploy_Prod', 'DeployProd', 'ProdEU', 'prod-eu-west-1', 'Production2', 'deploy.prd', 'PROD'].map((name) => ({
      name: `stage ${name} deploys to production (default word patterns)`,
      properties: withStages([...head, uat, stage(name, prodDeploy(1))]),
      expect: 'FAIL' as const,
      messageIncludes: [`stage ${name}`, 'stage name matches ProductionStageNames'],
    })),
    ...['NonProd', 'PreProd', 'ProductCatalogDev', 'Pre-Production', 'non_prod', 'Products', 'ProdLike', 'Reproduce'].map((name) => ({
      name: `regression: stage ${name} deploying to a non-production account without approval`,
      properties: withStages([...head, uat, stage(name, cfnDeploy(UAT_ACCOUNT, 'Stg-Svc', 1))]),
      config: accounts,
      expect: 'PASS' as const,
    })),
    {
      name: 'NonProd stage whose deploy role is in a production account',
      properties: withStages([...head, uat, stage('NonProd', cfnDeploy(PROD_ACCOUNT, 'Svc', 1))]),
      config: accounts,
      expect: 'FAIL',
      messageIncludes: ['stage NonProd', 'production account 333333333333'],
    },
    { name: 'a platform glob keeps whole-name semantics (*prod* matches NonProd)', properties: withStages([...head, uat, stage('NonProd', prodDeploy(1))]), config: { ProductionStageNames: ['*prod*'] }, expect: 'FAIL' },
    { name: 'a platform word pattern (GoLive) matches Deploy-Go-Live', properties: withStages([...head, uat, stage('Deploy-Go-Live', prodDeploy(1))]), config: { ProductionStageNames: ['GoLive'] }, expect: 'FAIL' },
    // ---- stage conditions that skip or pass over the approval ----
    {
      name: 'approval stage with a BeforeEntry condition that can SKIP it',
      properties: approveStage({ BeforeEntry: conditions('SKIP') }),
      expect: 'FAIL',
      messageIncludes: ['stage Prod', 'Stages[3].BeforeEntry.Conditions[0].Result is SKIP', 'can be skipped'],
    },
    { name: 'BeforeEntry Result skip in lower case with spaces', properties: approveStage({ BeforeEntry: conditions(' skip ', 'VariableCheck') }), expect: 'FAIL', messageIncludes: 'is SKIP' },
    { name: 'approval stage OnFailure Result SKIP (a rejection is passed over)', properties: approveStage({ OnFailure: { Result: 'SKIP' } }), expect: 'FAIL', messageIncludes: 'Stages[3].OnFailure.Result is SKIP' },
    { name: 'approval stage OnFailure condition with Result SKIP', properties: approveStage({ OnFailure: conditions('SKIP') }), expect: 'FAIL', messageIncludes: 'Stages[3].OnFailure.Conditions[0].Result' },
    { name: 'approval stage OnSuccess condition with Result SKIP', properties: approveStage({ OnSuccess: conditions('SKIP') }), expect: 'FAIL', messageIncludes: 'OnSuccess.Conditions[0].Result' },
    { name: 'approval stage condition with an undocumented Result (fail closed)', properties: approveStage({ BeforeEntry: conditions('CONTINUE') }), expect: 'FAIL', messageIncludes: 'is CONTINUE' },
    {
      name: 'production-account deploy after a skippable approval stage',
      properties: withStages([...head, uat, { ...stage('Gate', [approvalAction('Gate')]), BeforeEntry: conditions('SKIP') }, stage('Blue', [createUpdate('Deploy', PROD_ACCOUNT, 1)])]),
      config: accounts,
      expect: 'FAIL',
      messageIncludes: ['stage Blue', 'can be skipped'],
    },
    { name: 'approval stage with a BeforeEntry FAIL condition (deployment window)', properties: approveStage({ BeforeEntry: conditions('FAIL', 'DeploymentWindow') }), expect: 'PASS' },
    { name: 'approval stage OnFailure RETRY (the approval is asked again)', properties: approveStage({ OnFailure: { Result: 'RETRY', RetryConfiguration: { RetryMode: 'FAILED_ACTIONS' } } }), expect: 'PASS' },
    { name: 'approval stage OnFailure ROLLBACK and OnSuccess FAIL', properties: approveStage({ OnFailure: { Result: 'ROLLBACK' }, OnSuccess: conditions('FAIL', 'CloudWatchAlarm') }), expect: 'PASS' },
    {
      name: 'condition without a Result on the approval stage',
      absent: ['Stages[3].BeforeEntry.Conditions[0].Result'],
      properties: approveStage({ BeforeEntry: { Conditions: [{ Rules: [rule()] }] } }),
      expect: 'PASS',
    },
    {
      name: 'SKIP on the production stage itself skips its approval and its deploy together',
      properties: withStages([...head, uat, { ...stage('Prod', [approvalAction('PromoteToProd', 1), ...prodDeploy(2)]), BeforeEntry: conditions('SKIP'), OnFailure: { Result: 'SKIP' } }]),
      expect: 'PASS',
    },
    {
      name: 'SKIP on a stage between the approval and the production deploy skips only that stage',
      properties: withProd(prodDeploy(1), [stage('Approve', [approvalAction('Approve')]), { ...stage('Verify', [buildAction({ Name: 'Verify' })]), BeforeEntry: conditions('SKIP') }]),
      expect: 'PASS',
    },
    {
      name: 'update adds a SKIP condition to the approval stage',
      properties: approveStage({ BeforeEntry: conditions('SKIP') }),
      previous: approveStage({}),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
      messageIncludes: 'can be skipped',
    },
    { name: 'approval stage condition Result unresolved (local check only)', properties: approveStage({ BeforeEntry: conditions({ Ref: 'GateResult' }) }), expect: 'UNKNOWN', typedOnly: true },
    {
      name: 'function ARN unresolved in a neutral stage (local check only)',
      properties: neutral(invoke({ 'Fn::ImportValue': 'flip-arn' } as unknown as string)),
      config: accounts,
      expect: 'UNKNOWN',
      typedOnly: true,
    },
    { name: 'deploy RunOrder unresolved (local check only)', properties: withProd([approvalAction('Approve', 1), createUpdate('Deploy', PROD_ACCOUNT, 1, { RunOrder: { Ref: 'Order' } })]), expect: 'UNKNOWN', typedOnly: true },
  ],
});
