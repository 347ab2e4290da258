import { isProductionName } from '../../predicates/production-names';
import { defineControl } from '../types';

const PATH = 'DeploymentConfigName';
const ALL_AT_ONCE = new Set(['codedeploydefault.allatonce', 'codedeploydefault.lambdaallatonce', 'codedeploydefault.ecsallatonce']);

export const codedeployNoAllAtOnceInProduction = defineControl({
  id: 'CICD.CODEDEPLOY.2',
  slug: 'codedeploy-no-all-at-once-in-production',
  title: 'Production CodeDeploy deployment groups do not deploy all at once',
  resourceTypes: ['AWS::CodeDeploy::DeploymentGroup'],
  severity: 'LOW',
  risks: ['CICD-SEC-1'],
  requirement: 'Insufficient flow control mechanisms (OWASP CICD-SEC-1): production releases shift gradually (canary, linear, one at a time) so that alarms and rollback can stop a bad release before it reaches everything.',
  rationale:
    'An all-at-once configuration (CodeDeployDefault.AllAtOnce, LambdaAllAtOnce, ECSAllAtOnce) moves all production traffic or every instance to the new revision in one step; a broken or malicious release hits every user before any alarm can trigger a rollback.',
  remediation:
    'Set DeploymentConfigName to a gradual configuration, for example CodeDeployDefault.OneAtATime or HalfAtATime (EC2), CodeDeployDefault.LambdaCanary10Percent5Minutes (Lambda) or CodeDeployDefault.ECSCanary10Percent5Minutes (ECS). The control applies to accounts in ProductionAccountIds and to deployment groups whose DeploymentGroupName matches ProductionStageNames.',
  cdkHint:
    'deploymentConfig: codedeploy.LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES, codedeploy.EcsDeploymentConfig.CANARY_10PERCENT_5MINUTES or codedeploy.ServerDeploymentConfig.ONE_AT_A_TIME',
  parameters: ['ProductionAccountIds', 'ProductionStageNames'],
  check({ resource, settings, accountId }) {
    const name = resource.str('DeploymentGroupName');
    const production =
      settings.ProductionAccountIds.includes(accountId) || (name !== undefined && isProductionName(name, settings.ProductionStageNames));
    if (!production) return [];
    const allAtOnce = (v: string | undefined) => v !== undefined && ALL_AT_ONCE.has(v.trim().toLowerCase());
    const config = resource.str(PATH);
    if (!allAtOnce(config)) return [];
    const shown = config!.trim().replace(/^codedeploydefault\./i, 'CodeDeployDefault.');
    return [{ path: PATH, message: `${PATH} ${shown} deploys to all of production at once` }];
  },
});
