import { isProductionName } from '../../predicates/production-names';
import { isIntrinsic, isRecord } from '../../predicates/values';
import { defineStackControl, type Finding, type StackCheckInput, type StackResourceView, type StackView } from '../types';
import { followAt } from './relations';

const GROUP = 'AWS::CodeDeploy::DeploymentGroup';
const CONFIG = 'AWS::CodeDeploy::DeploymentConfig';
const PIPELINE = 'AWS::CodePipeline::Pipeline';
const CODEDEPLOY_PROVIDERS = new Set(['codedeploy', 'codedeploytoecs']);

/**
 * Whether a deployment config of the stack moves everything at once, in effect: EC2/on-premises with
 * MinimumHealthyHosts 0 (FLEET_PERCENT or HOST_COUNT) or none; Lambda/ECS with TrafficRoutingConfig AllAtOnce,
 * none (AllAtOnce is the default), or a canary/linear step of 100 %. `undefined`: gradual. Reads the
 * template does not decide are recorded as UNKNOWN on the config's view (and count as gradual here).
 */
function allAtOnce(config: StackResourceView): { path: string; why: string } | undefined {
  const v = config.view;
  const platform = (v.str('ComputePlatform') ?? (v.has('ComputePlatform') ? undefined : 'Server'))?.trim().toLowerCase();
  if (platform === undefined) return undefined; // unresolved: UNKNOWN recorded
  if (platform === 'server') {
    if (!v.has('MinimumHealthyHosts')) return { path: 'MinimumHealthyHosts', why: 'MinimumHealthyHosts is missing: nothing keeps instances serving while the revision is installed' };
    const type = v.str('MinimumHealthyHosts.Type')?.trim().toUpperCase();
    const value = v.num('MinimumHealthyHosts.Value');
    if (value !== undefined && value <= 0) return { path: 'MinimumHealthyHosts.Value', why: `MinimumHealthyHosts is ${type ?? '(no Type)'} ${value}: every instance may take the new revision at once` };
    return undefined;
  }
  const shown = platform === 'ecs' ? 'ECS' : 'Lambda';
  if (!v.has('TrafficRoutingConfig')) return { path: 'TrafficRoutingConfig', why: `TrafficRoutingConfig is missing: ${shown} traffic shifts all at once by default` };
  const type = v.str('TrafficRoutingConfig.Type')?.trim().toLowerCase();
  if (type === 'allatonce') return { path: 'TrafficRoutingConfig.Type', why: `TrafficRoutingConfig.Type is AllAtOnce: all ${shown} traffic shifts to the new revision in one step` };
  const step = type === 'timebasedcanary' ? 'TrafficRoutingConfig.TimeBasedCanary.CanaryPercentage' : type === 'timebasedlinear' ? 'TrafficRoutingConfig.TimeBasedLinear.LinearPercentage' : undefined;
  if (step === undefined) return undefined;
  const percent = v.num(step);
  if (percent !== undefined && percent >= 100) return { path: step, why: `${step} is ${percent}: the first step shifts all traffic` };
  return undefined;
}

/** Why a deployment group is production, `undefined` when it is not; `unresolved` when the template does not say. */
function production(stack: StackView, group: StackResourceView, input: StackCheckInput): string | 'unresolved' | undefined {
  const { settings, accountId } = input;
  if (settings.ProductionAccountIds.includes(accountId)) return `account ${accountId} is in ProductionAccountIds`;
  const raw = group.view.get('DeploymentGroupName');
  let unresolved = false;
  if (typeof raw === 'string' && isProductionName(raw, settings.ProductionStageNames)) return 'its DeploymentGroupName matches ProductionStageNames';
  if (isIntrinsic(raw)) unresolved = true;
  let found: string | undefined;
  // production by destination: a production stage of a pipeline of the stack deploys to the group
  for (const p of stack.resources(PIPELINE)) {
    const stages = p.view.get('Stages');
    if (!Array.isArray(stages)) continue;
    stages.forEach((stage, i) => {
      if (!isRecord(stage) || !Array.isArray(stage.Actions)) return;
      stage.Actions.forEach((action, j) => {
        if (!isRecord(action)) return;
        const provider = isRecord(action.ActionTypeId) ? action.ActionTypeId.Provider : undefined;
        if (typeof provider !== 'string' || !CODEDEPLOY_PROVIDERS.has(provider.toLowerCase())) return;
        const path = `Stages[${i}].Actions[${j}].Configuration.DeploymentGroupName`;
        const target = isRecord(action.Configuration) ? action.Configuration.DeploymentGroupName : undefined;
        const toGroup = stack.refsAt(p.logicalId, path).some((r) => r.to === group.logicalId) || (typeof raw === 'string' && target === raw);
        if (!toGroup) return;
        if (typeof stage.Name === 'string') {
          if (isProductionName(stage.Name, settings.ProductionStageNames)) found ??= `stage ${stage.Name} of pipeline ${p.logicalId} deploys to it`;
        } else unresolved = true;
      });
    });
  }
  if (found) return found;
  return unresolved ? 'unresolved' : undefined;
}

export const stackProductionDeploymentConfigs = defineStackControl({
  id: 'CICD.STACK.9',
  slug: 'stack-production-deployment-configs',
  title: 'The deployment configs of the stack that production CodeDeploy deployment groups use do not deploy all at once in effect',
  resourceTypes: [GROUP, CONFIG, PIPELINE],
  severity: 'LOW',
  risks: ['CICD-SEC-1'],
  requirement: 'Insufficient flow control mechanisms (OWASP CICD-SEC-1): production releases shift gradually so that alarms and rollback can stop a bad release before it reaches everything.',
  rationale:
    'CICD.CODEDEPLOY.2 recognises the all-at-once configurations by their built-in names (CodeDeployDefault.AllAtOnce, LambdaAllAtOnce, ECSAllAtOnce); a custom AWS::CodeDeploy::DeploymentConfig with another name can do the same. At stack level the DeploymentConfigName of every production deployment group is followed through the template (Ref, a literal equal to the config\'s DeploymentConfigName, each branch of an Fn::If) to the config of the stack, which must not move everything at once in effect: EC2/on-premises MinimumHealthyHosts of 0 (FLEET_PERCENT or HOST_COUNT) or none, Lambda/ECS TrafficRoutingConfig AllAtOnce or none (the default is all at once), or a canary or linear step of 100 %. A group is production as CICD.CODEDEPLOY.2 says (the account is in ProductionAccountIds, or DeploymentGroupName matches ProductionStageNames) or when a production stage of a pipeline of the stack deploys to it (CodeDeploy or CodeDeployToECS action). A config name the template does not decide, or a custom config not defined in the stack, is UNKNOWN for a production group.',
  remediation:
    'Give the deployment config a gradual rollout: MinimumHealthyHosts FLEET_PERCENT above 0 (e.g. 75) or HOST_COUNT above 0 (EC2), or TrafficRoutingConfig TimeBasedCanary / TimeBasedLinear with a step below 100 % (Lambda, ECS); or use a built-in gradual configuration such as CodeDeployDefault.LambdaCanary10Percent5Minutes.',
  cdkHint:
    "new codedeploy.LambdaDeploymentConfig(this, 'Canary', { trafficRouting: new codedeploy.TimeBasedCanaryTrafficRouting({ interval: Duration.minutes(5), percentage: 10 }) }) (ECS: EcsDeploymentConfig; EC2: ServerDeploymentConfig with minimumHealthyHosts: codedeploy.MinimumHealthyHosts.percentage(75))",
  parameters: ['ProductionAccountIds', 'ProductionStageNames'],
  checkStack(input) {
    const { stack } = input;
    const findings: Finding[] = [];
    const verdicts = new Map<string, { path: string; why: string } | undefined>();
    const literal = (value: string, config: StackResourceView): boolean => config.view.get('DeploymentConfigName') === value;
    for (const group of stack.resources(GROUP)) {
      const rels = followAt(stack, group, 'DeploymentConfigName', [CONFIG], literal);
      // built-in names (CICD.CODEDEPLOY.2) and an absent config (the group's default) are judged per resource
      const custom = (rel: (typeof rels)[number]): boolean => rel.kind === 'resource' || rel.kind === 'unresolved' || (rel.kind === 'external' && !/^codedeploydefault\./i.test(rel.value.trim()));
      if (!rels.some(custom)) continue;
      // the config matters only for a production group: decide that first, so that others record nothing
      const prod = production(stack, group, input);
      if (prod === undefined) continue;
      const bad: Array<{ config: StackResourceView; path: string; why: string }> = [];
      let unseen: string | undefined;
      for (const rel of rels) {
        if (rel.kind === 'resource') {
          if (!verdicts.has(rel.resource.logicalId)) verdicts.set(rel.resource.logicalId, allAtOnce(rel.resource));
          const verdict = verdicts.get(rel.resource.logicalId);
          if (verdict) bad.push({ config: rel.resource, ...verdict });
        } else if (rel.kind === 'unresolved') unseen ??= 'the deployment config is decided only at deployment: whether it deploys all at once cannot be seen';
        else if (custom(rel)) unseen ??= 'the deployment config is not defined in this stack: whether it deploys all at once cannot be seen';
      }
      if (bad.length === 0 && unseen === undefined) continue;
      if (prod === 'unresolved') {
        stack.unknown(group.logicalId, 'DeploymentGroupName', 'whether the deployment group is production is decided only at deployment (its name, or the name of the stage that deploys to it)');
        continue;
      }
      if (unseen) stack.unknown(group.logicalId, 'DeploymentConfigName', `${unseen} (production: ${prod})`);
      for (const { config, path, why } of bad) {
        findings.push({ logicalId: config.logicalId, path, message: `the deployment config of production deployment group ${group.logicalId} (${prod}): ${why}` });
      }
    }
    return findings;
  },
});
