import {
  changeKind,
  describeAction,
  gatedByApproval,
  isManualApproval,
  isProductionStageName,
  pipelineActions,
  runsInProductionAccount,
  type PipelineAction,
} from '../../predicates/pipeline';
import { defineControl, type Finding } from '../types';

/** Why no approval gates `a`: a parallel approval in its stage, or one that only comes later. */
function whyUngated(a: PipelineAction, actions: readonly PipelineAction[]): string {
  const approvals = actions.filter(isManualApproval);
  const parallel = approvals.find((x) => x.stageIndex === a.stageIndex && x.runOrder !== undefined && x.runOrder === a.runOrder);
  if (parallel) return `the Manual approval ${describeAction(parallel)} has the same RunOrder and runs in parallel`;
  if (a.runOrder === undefined) return 'its RunOrder is not a number, so no approval provably runs before it';
  const later = approvals.find((x) => x.stageIndex > a.stageIndex || (x.stageIndex === a.stageIndex && x.runOrder !== undefined && x.runOrder > a.runOrder!));
  if (later) return `the Manual approval ${describeAction(later)} comes after it`;
  return 'the pipeline has no Manual approval before it';
}

export const codepipelineApprovalBeforeProduction = defineControl({
  id: 'CICD.CODEPIPELINE.2',
  slug: 'pipeline-approval-before-production',
  title: 'Every production deployment in a CodePipeline runs after a Manual approval',
  resourceTypes: ['AWS::CodePipeline::Pipeline'],
  severity: 'HIGH',
  risks: ['CICD-SEC-1'],
  requirement: 'Manual approval between UAT and production (four-eyes): no change reaches production without a person approving it in the pipeline.',
  rationale:
    'Without an approval gate every commit that passes the automated stages is deployed to production, so a single developer (or a compromised source account or dependency) can ship to production alone. The gate only counts when it runs before the deploy: in an earlier stage, or in the production stage with a strictly lower RunOrder — an approval with the same RunOrder runs in parallel with the deploy and gates nothing, one after it is decoration. Production is recognised by stage name (ProductionStageNames) for Deploy actions and, for any action that can change an environment (Deploy, Build, Test, Invoke, Compute), by a role ARN (RoleArn or Configuration.RoleArn) in a ProductionAccountIds account. A CloudFormation CHANGE_SET_REPLACE action only prepares a change set for review and is not a deployment.',
  remediation:
    'Add an action with ActionTypeId {Category: Approval, Owner: AWS, Provider: Manual} before the production deploy: in an earlier stage, or in the production stage with a RunOrder lower than every deploy action there. In CDK Pipelines: pipeline.addStage(prodStage, { pre: [new pipelines.ManualApprovalStep("PromoteToProd")] }).',
  parameters: ['ProductionStageNames', 'ProductionAccountIds'],
  check({ resource, settings }) {
    const actions = pipelineActions(resource);
    const findings: Finding[] = [];
    for (const a of actions) {
      if (gatedByApproval(a, actions)) continue;
      const kind = changeKind(a);
      if (kind === 'none') continue;
      let why: string;
      if (kind === 'deploy' && isProductionStageName(a.stageName, settings.ProductionStageNames)) why = 'deploys to production (stage name matches ProductionStageNames)';
      else if (runsInProductionAccount(a, settings.ProductionAccountIds)) why = 'runs with a role in a ProductionAccountIds account';
      else continue;
      findings.push({ path: a.path, message: `${describeAction(a)} ${why} without a Manual approval before it: ${whyUngated(a, actions)}` });
    }
    return findings;
  },
});
