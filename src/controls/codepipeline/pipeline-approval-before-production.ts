import {
  changeKind,
  describeAction,
  gatedByApproval,
  isManualApproval,
  isProductionStageName,
  pipelineStages,
  productionDestination,
  stageBypass,
  type PipelineAction,
  type StageBypass,
} from '../../predicates/pipeline';
import { defineControl, type Finding, type ResourceView } from '../types';

/** Which stages holding a Manual approval can be skipped or passed over (read once per stage, on demand). */
class Bypasses {
  private readonly memo = new Map<number, StageBypass | null>();
  constructor(private readonly view: ResourceView) {}
  of(stageIndex: number): StageBypass | undefined {
    let b = this.memo.get(stageIndex);
    if (b === undefined) {
      b = stageBypass(this.view, `Stages[${stageIndex}]`) ?? null;
      this.memo.set(stageIndex, b);
    }
    return b ?? undefined;
  }
}

/** Why no approval gates `a`: a parallel approval in its stage, one in a stage that can be skipped, or one that only comes later. */
function whyUngated(a: PipelineAction, actions: readonly PipelineAction[], bypasses: Bypasses): string {
  const approvals = actions.filter(isManualApproval);
  const parallel = approvals.find((x) => x.stageIndex === a.stageIndex && x.runOrder !== undefined && x.runOrder === a.runOrder);
  if (parallel) return `the Manual approval ${describeAction(parallel)} has the same RunOrder and runs in parallel`;
  if (a.runOrder === undefined) return 'its RunOrder is not a number, so no approval provably runs before it';
  const skipped = approvals.find((x) => x.stageIndex < a.stageIndex && bypasses.of(x.stageIndex) !== undefined);
  if (skipped) {
    const b = bypasses.of(skipped.stageIndex)!;
    return `the Manual approval ${describeAction(skipped)} is in a stage that can be skipped or passed over (${b.path} is ${b.result})`;
  }
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
    'Without an approval gate every commit that passes the automated stages is deployed to production, so a single developer (or a compromised source account or dependency) can ship to production alone. The gate only counts when it runs before the deploy: in an earlier stage, or in the production stage with a strictly lower RunOrder — an approval with the same RunOrder runs in parallel with the deploy and gates nothing, one after it is decoration. An approval in an earlier stage does not count when a condition of its stage can skip it or pass over its rejection: a Result of SKIP (BeforeEntry skips the stage when its rules do not pass; OnFailure/OnSuccess) or any Result CodePipeline does not document; FAIL, ROLLBACK and RETRY hold the execution. Production is recognised by destination for any action that can change an environment (Deploy, Build, Test, Invoke, Compute): a role (RoleArn, Configuration.RoleArn), any ARN in its Configuration (function, cluster, state machine, key…) or a StackSet deployment target in a ProductionAccountIds account — an OU, root or targets file counts as production, since its accounts cannot be seen; and, for Deploy actions, by a stage name matching ProductionStageNames (words: Prod, prod-eu, DeployProd, ProdEU, never NonProd or PreProd). A CloudFormation CHANGE_SET_REPLACE action only prepares a change set for review and is not a deployment.',
  remediation:
    'Add an action with ActionTypeId {Category: Approval, Owner: AWS, Provider: Manual} before the production deploy: in an earlier stage whose conditions never SKIP, or in the production stage with a RunOrder lower than every deploy action there.',
  cdkHint: "pipeline.addStage(prodStage, { pre: [new pipelines.ManualApprovalStep('PromoteToProd')] })",
  parameters: ['ProductionStageNames', 'ProductionAccountIds'],
  check({ resource, settings }) {
    const actions: PipelineAction[] = [];
    for (const stage of pipelineStages(resource)) for (const a of stage.actions) actions.push(a);
    const bypasses = new Bypasses(resource);
    const skippable = (stageIndex: number) => bypasses.of(stageIndex) !== undefined;
    const findings: Finding[] = [];
    const earlierStagesSkipped = () => true;
    for (const a of actions) {
      // Cheapest first: an approval earlier in the action's own stage gates it whatever the conditions say.
      if (gatedByApproval(a, actions, earlierStagesSkipped)) continue;
      const kind = changeKind(a);
      if (kind === 'none') continue;
      if (gatedByApproval(a, actions, skippable)) continue;
      let why: string;
      if (kind === 'deploy' && isProductionStageName(a.stageName, settings.ProductionStageNames)) why = 'deploys to production (stage name matches ProductionStageNames)';
      else {
        const d = productionDestination(a, settings.ProductionAccountIds);
        if (d === undefined) continue;
        why = `acts in production (${d.path} ${d.why}, ProductionAccountIds)`;
      }
      findings.push({ path: a.path, message: `${describeAction(a)} ${why} without a Manual approval before it: ${whyUngated(a, actions, bypasses)}` });
    }
    return findings;
  },
});
