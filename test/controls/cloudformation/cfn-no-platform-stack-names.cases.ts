import { defineCases } from '../../helpers/cases';
import { cfnDeploy, PIPELINE_ACCOUNT, sourceAction, stage, withStages, type Json } from '../codepipeline/builders';

/**
 * CICD.CFN.3. The request's stack is the harness's `ci-pipeline`, logical ID `Resource` unless a case says
 * otherwise; KIT is the deploy/ kit's PlatformStackNames.
 */
const KIT = { PlatformStackNames: ['pipeline-guard-*', 'StackSet-pipeline-guard-*', 'registry-hook', 'lambda-hook'] };
const INSTANCES_ONLY = { PlatformStackNames: ['StackSet-pipeline-guard-*'] };
const PIPELINE = 'AWS::CodePipeline::Pipeline';
const STACK_SET = 'AWS::CloudFormation::StackSet';
const STACK = 'AWS::CloudFormation::Stack';

/** A CDK Pipelines-shaped pipeline whose Deploy stage runs the Prepare/Deploy pair for `stack` (Stages[1].Actions[0..1]). */
const deploying = (stack: unknown): Json => {
  const [prepare, deploy] = cfnDeploy(PIPELINE_ACCOUNT, 'Svc', 1);
  const cfg = (a: Json): Json => ({ ...a, Configuration: { ...(a.Configuration as Json), StackName: stack } });
  return withStages([stage('Source', [sourceAction()]), stage('Deploy', [cfg(prepare), cfg(deploy)])]);
};
/** A single CloudFormation action of the given mode (DELETE_ONLY, CREATE_UPDATE). */
const cfnAction = (config: Json): Json => ({
  Name: 'Cfn',
  ActionTypeId: { Category: 'Deploy', Owner: 'AWS', Provider: 'CloudFormation', Version: '1' },
  Configuration: { RoleArn: `arn:aws:iam::${PIPELINE_ACCOUNT}:role/cfn-exec`, ...config },
  RunOrder: 1,
});
const withAction = (action: Json): Json => withStages([stage('Source', [sourceAction()]), stage('Deploy', [action])]);
/** A CloudFormationStackSet or CloudFormationStackInstances action for `name`. */
const stackSetAction = (provider: string, name: unknown): Json =>
  withAction({
    Name: 'Baseline',
    ActionTypeId: { Category: 'Deploy', Owner: 'AWS', Provider: provider, Version: '1' },
    Configuration: { StackSetName: name, TemplatePath: 'Synth_Output::baseline.yaml', DeploymentTargets: PIPELINE_ACCOUNT, Regions: 'eu-west-1' },
    InputArtifacts: [{ Name: 'Synth_Output' }],
    RunOrder: 1,
  });
const stackSet = (name?: unknown): Json => ({
  ...(name === undefined ? {} : { StackSetName: name }),
  PermissionModel: 'SERVICE_MANAGED',
  AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
  TemplateURL: 'https://s3.eu-west-1.amazonaws.com/team-templates/baseline.yaml',
});
/** A nested stack as a template declares it (no StackName: CloudFormation rejects one there). */
const nested = (): Json => ({ TemplateURL: 'https://s3.eu-west-1.amazonaws.com/team-templates/app.yaml', Parameters: { Env: 'dev' } });
/** A stack created through Cloud Control: its StackName is its name. */
const named = (name: unknown): Json => ({ StackName: name, TemplateURL: 'https://s3.eu-west-1.amazonaws.com/team-templates/app.yaml' });

export default defineCases({
  controlId: 'CICD.CFN.3',
  resourceTypes: [PIPELINE, STACK_SET, STACK],
  cases: [
    // CodePipeline: CloudFormation actions (StackName)
    { name: 'deploying the team\'s own stacks passes', resourceType: PIPELINE, properties: deploying('Prod-Svc'), config: KIT, expect: 'PASS' },
    { name: 'a stack name a platform glob matches fails', resourceType: PIPELINE, properties: deploying('pipeline-guard-evil'), config: KIT, expect: 'FAIL', messageIncludes: ['Stages[1].Actions[0].Configuration.StackName', 'Stages[1].Actions[1].Configuration.StackName', 'pipeline-guard-evil', 'PlatformStackNames pipeline-guard-*'] },
    { name: 'the exact name of a platform stack fails', resourceType: PIPELINE, properties: deploying('registry-hook'), config: KIT, expect: 'FAIL', messageIncludes: 'PlatformStackNames registry-hook' },
    { name: 'a stack named like a platform stack set\'s instances fails', resourceType: PIPELINE, properties: deploying('StackSet-pipeline-guard-1'), config: INSTANCES_ONLY, expect: 'FAIL', messageIncludes: 'StackSet-pipeline-guard-*' },
    { name: 'DELETE_ONLY on a platform stack named by its ARN fails', resourceType: PIPELINE, properties: withAction(cfnAction({ ActionMode: 'DELETE_ONLY', StackName: 'arn:aws:cloudformation:eu-west-1:111111111111:stack/lambda-hook/2b0c8a30-1c2d-11f0-9d3e-0a1b2c3d4e5f' })), config: KIT, expect: 'FAIL', messageIncludes: ['Stages[1].Actions[0].Configuration.StackName', 'PlatformStackNames lambda-hook'] },
    { name: 'a stack name that is a pipeline variable can be any name: fails', resourceType: PIPELINE, properties: withAction(cfnAction({ ActionMode: 'CREATE_UPDATE', StackName: '#{variables.TargetStack}', TemplatePath: 'Synth_Output::app.yaml' })), config: KIT, expect: 'FAIL', messageIncludes: 'whatever the pipeline variable resolves to' },
    { name: 'a pipeline variable after a team prefix cannot make a platform name: passes', resourceType: PIPELINE, properties: withAction(cfnAction({ ActionMode: 'CREATE_UPDATE', StackName: 'team-app-#{variables.Env}', TemplatePath: 'Synth_Output::app.yaml' })), config: KIT, expect: 'PASS' },
    { name: 'names are case-sensitive (Pipeline-Guard-evil is not pipeline-guard-*)', resourceType: PIPELINE, properties: deploying('Pipeline-Guard-evil'), config: KIT, expect: 'PASS' },
    { name: 'without PlatformStackNames (the default) nothing is protected by name: passes', resourceType: PIPELINE, properties: deploying('pipeline-guard-evil'), expect: 'PASS' },
    { name: 'the platform\'s own stack may deploy platform stacks', resourceType: PIPELINE, properties: deploying('pipeline-guard-registry-hook'), config: { PlatformStackNames: ['pipeline-guard-*', 'ci-pipeline'] }, expect: 'PASS' },
    { name: 'a stack name from a parameter is UNKNOWN', resourceType: PIPELINE, typedOnly: true, properties: deploying({ Ref: 'TargetStack' }), config: KIT, expect: 'UNKNOWN' },
    { name: 'a stack name from an undecided Fn::If is UNKNOWN', resourceType: PIPELINE, typedOnly: true, properties: deploying({ 'Fn::If': ['IsPlatform', 'pipeline-guard-x', 'team-app'] }), config: KIT, expect: 'UNKNOWN' },
    // a CloudFormation action without StackName: CodePipeline rejects the pipeline, no stack is named
    { name: 'a CloudFormation action without StackName names no stack: passes', resourceType: PIPELINE, properties: withAction(cfnAction({ ActionMode: 'CREATE_UPDATE' })), absent: ['Stages[1].Actions[0].Configuration.StackName'], config: KIT, expect: 'PASS' },
    { name: 'update that points a deploy action at a platform stack', resourceType: PIPELINE, properties: deploying('pipeline-guard-evil'), previous: deploying('Prod-Svc'), actions: ['UPDATE'], config: KIT, expect: 'FAIL', weakened: true },
    // CodePipeline: stack-set actions (StackSetName)
    { name: 'a CloudFormationStackSet action whose instance stacks get platform names fails', resourceType: PIPELINE, properties: stackSetAction('CloudFormationStackSet', 'pipeline-guard-evil'), config: INSTANCES_ONLY, expect: 'FAIL', messageIncludes: ['Stages[1].Actions[0].Configuration.StackSetName', 'StackSet-<stack set name>-<id>'] },
    { name: 'a CloudFormationStackInstances action on the platform\'s stack set fails', resourceType: PIPELINE, properties: stackSetAction('CloudFormationStackInstances', 'pipeline-guard-registry-hook'), config: KIT, expect: 'FAIL', messageIncludes: 'Configuration.StackSetName' },
    { name: 'a stack-set action for a team stack set passes', resourceType: PIPELINE, properties: stackSetAction('CloudFormationStackSet', 'team-baseline'), config: KIT, expect: 'PASS' },

    // AWS::CloudFormation::StackSet (StackSetName)
    { name: 'a team stack set passes', resourceType: STACK_SET, properties: stackSet('ci-baseline'), config: KIT, expect: 'PASS' },
    { name: 'a stack set whose instance stacks get platform names fails', resourceType: STACK_SET, properties: stackSet('pipeline-guard-evil'), config: INSTANCES_ONLY, expect: 'FAIL', messageIncludes: ['StackSetName', 'pipeline-guard-evil', 'StackSet-<stack set name>-<id>'] },
    { name: 'a stack set named like the platform\'s own fails', resourceType: STACK_SET, properties: stackSet('pipeline-guard-registry-hook'), config: KIT, expect: 'FAIL', messageIncludes: 'PlatformStackNames' },
    { name: 'a stack set whose instances only start like the platform\'s passes (pipeline-guar)', resourceType: STACK_SET, properties: stackSet('pipeline-guar'), config: INSTANCES_ONLY, expect: 'PASS' },
    { name: 'the platform\'s own stack may declare its stack set', resourceType: STACK_SET, properties: stackSet('pipeline-guard-registry-hook'), config: { PlatformStackNames: ['StackSet-pipeline-guard-*', 'ci-*'] }, expect: 'PASS' },
    { name: 'a stack set name from a parameter is UNKNOWN', resourceType: STACK_SET, typedOnly: true, properties: stackSet({ Ref: 'StackSetName' }), config: KIT, expect: 'UNKNOWN' },
    { name: 'a stack set name from a dynamic reference (resolved at deployment) is UNKNOWN', resourceType: STACK_SET, properties: stackSet('{{resolve:ssm:/team/stack-set-name}}'), config: KIT, expect: 'UNKNOWN' },
    { name: 'a dynamic reference after a team prefix cannot make a platform name: passes', resourceType: STACK_SET, properties: stackSet('team-{{resolve:ssm:/team/env}}'), config: KIT, expect: 'PASS' },
    { name: 'StackSetName missing names no stack set (CloudFormation requires it): passes', resourceType: STACK_SET, properties: stackSet(), absent: ['StackSetName'], config: KIT, expect: 'PASS' },
    { name: 'without PlatformStackNames a platform-looking stack set passes', resourceType: STACK_SET, properties: stackSet('pipeline-guard-evil'), expect: 'PASS' },

    // AWS::CloudFormation::Stack: nested stacks are <parent>-<logical ID>-<suffix>; Cloud Control names them
    { name: 'a nested stack of a team stack passes', resourceType: STACK, properties: nested(), absent: ['StackName'], logicalId: 'AppStack', config: KIT, expect: 'PASS' },
    { name: 'a nested stack whose parent name is a platform prefix without the dash fails (ci-pipeline-<id>-<suffix>)', resourceType: STACK, properties: nested(), logicalId: 'AppStack', config: { PlatformStackNames: ['ci-pipeline-*'] }, expect: 'FAIL', messageIncludes: ['nested stack AppStack of stack ci-pipeline', 'PlatformStackNames ci-pipeline-*'] },
    { name: 'a nested stack whose logical ID completes a platform name fails (ci-pipeline + guard)', resourceType: STACK, properties: nested(), logicalId: 'guard', config: { PlatformStackNames: ['ci-pipeline-guard-*'] }, expect: 'FAIL', messageIncludes: 'ci-pipeline-guard-*' },
    { name: 'a logical ID CloudFormation may shorten to a platform name fails (guardrails → guard)', resourceType: STACK, properties: nested(), logicalId: 'guardrails', config: { PlatformStackNames: ['ci-pipeline-guard-*'] }, expect: 'FAIL' },
    { name: 'logical IDs are case-sensitive too (Guard is not guard)', resourceType: STACK, properties: nested(), logicalId: 'Guard', config: { PlatformStackNames: ['ci-pipeline-guard-*'] }, expect: 'PASS' },
    { name: 'a stack created through Cloud Control under a platform name fails', resourceType: STACK, properties: named('pipeline-guard-evil'), config: KIT, expect: 'FAIL', messageIncludes: ['StackName', 'pipeline-guard-evil'] },
    { name: 'a stack created through Cloud Control under a team name passes', resourceType: STACK, properties: named('team-app'), config: KIT, expect: 'PASS' },
    { name: 'a StackName from a parameter is UNKNOWN', resourceType: STACK, typedOnly: true, properties: named({ Ref: 'Name' }), config: KIT, expect: 'UNKNOWN' },
    { name: 'the platform\'s own stack may nest platform stacks', resourceType: STACK, properties: nested(), logicalId: 'Hook', config: { PlatformStackNames: ['ci-pipeline', 'ci-pipeline-*'] }, expect: 'PASS' },
    { name: 'without PlatformStackNames any nested stack passes', resourceType: STACK, properties: named('pipeline-guard-evil'), expect: 'PASS' },
  ],
});
