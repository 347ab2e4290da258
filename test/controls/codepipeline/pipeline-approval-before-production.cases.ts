import { defineCases } from '../../helpers/cases';
import { approvalAction, buildAction, cfnDeploy, hardenedPipeline, PIPELINE_ACCOUNT, PROD_ACCOUNT, role, stage, UAT_ACCOUNT, withProd, withStages } from './builders';

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
    { name: 'deploy RunOrder unresolved (local check only)', properties: withProd([approvalAction('Approve', 1), createUpdate('Deploy', PROD_ACCOUNT, 1, { RunOrder: { Ref: 'Order' } })]), expect: 'UNKNOWN', typedOnly: true },
  ],
});
