import { globMatch } from '../../predicates/glob';
import { actionLabel, actionStackTarget, pipelineActions } from '../../predicates/pipeline';
import { hasPipelineVariable, platformGlobOfNestedStack, platformGlobOfStack, platformGlobOfStackSet, stackNameGlob } from '../../predicates/platform-stacks';
import { isIntrinsic } from '../../predicates/values';
import { defineControl, type Finding, type ResourceView } from '../types';

/** `{{resolve:…}}` anywhere in a value: resolved at deployment, from a store the team may write. */
const DYNAMIC_REFERENCE = /\{\{resolve:[^}]*\}\}/g;

type Kind = 'stack' | 'stackset';

/**
 * One name the template gives a stack or stack set, judged against PlatformStackNames. `undefined` (absent or
 * empty) names nothing: CodePipeline and CloudFormation reject a CloudFormation action or a stack set without
 * one, so there is no stack to judge.
 */
function judgeName(view: ResourceView, rel: string, kind: Kind, platform: readonly string[], what: string): Finding[] {
  const raw = view.get(rel);
  if (raw === undefined || raw === null) return [];
  if (isIntrinsic(raw)) {
    view.strOf(raw, rel); // records the UNKNOWN (a parameter, an undecided Fn::If, an import)
    return [];
  }
  const value = view.strOf(raw, rel);
  if (value === undefined || value.trim() === '') return [];
  const dynamic = DYNAMIC_REFERENCE.test(value);
  DYNAMIC_REFERENCE.lastIndex = 0;
  const name = stackNameGlob(value.replace(DYNAMIC_REFERENCE, '*'));
  const path = view.pathOf(rel);
  let glob: string | undefined;
  let via = '';
  if (kind === 'stack') {
    glob = platformGlobOfStack(name, platform);
  } else {
    const hit = platformGlobOfStackSet(name, platform);
    glob = hit?.glob;
    if (hit) via = hit.instances ? ' (its instance stacks are named StackSet-<stack set name>-<id>)' : ' (the stack set is named like the platform\'s)';
  }
  if (glob === undefined) return [];
  if (dynamic) {
    view.unknown(rel, 'a dynamic reference is resolved only at deployment, and its value can be a platform stack name');
    return [];
  }
  const runtime = hasPipelineVariable(value) ? ', whatever the pipeline variable resolves to in a run' : '';
  const noun = kind === 'stack' ? 'stack' : 'stack set';
  return [{ path, message: `${what} names ${noun} ${value.trim()}, which can match the platform's rollout stacks (PlatformStackNames ${glob})${via}${runtime}: a stack under a platform name may declare hooks and change this hook's configuration (CICD.CFN.2)` }];
}

function pipelineFindings(view: ResourceView, platform: readonly string[]): Finding[] {
  const out: Finding[] = [];
  for (const a of pipelineActions(view)) {
    const target = actionStackTarget(a);
    if (target === undefined) continue;
    out.push(...judgeName(a.view, target.rel, target.kind, platform, `${a.view.pathOf(target.rel)} ${actionLabel(a)}`));
  }
  return out;
}

function nestedStackFindings(view: ResourceView, logicalId: string, stackName: string | undefined, platform: readonly string[]): Finding[] {
  // Cloud Control creates a top-level stack under the StackName it is given; in a template CloudFormation rejects
  // StackName and names the nested stack after its parent and logical ID
  if (view.get('StackName') !== undefined && view.get('StackName') !== null) return judgeName(view, 'StackName', 'stack', platform, 'StackName');
  if (stackName === undefined || stackName === '' || logicalId === '') return [];
  const glob = platformGlobOfNestedStack(stackName, logicalId, platform);
  if (glob === undefined) return [];
  return [
    {
      path: '',
      message: `nested stack ${logicalId} of stack ${stackName} is named ${stackName}-${logicalId}-<suffix> (CloudFormation may shorten it), which can match the platform's rollout stacks (PlatformStackNames ${glob}): a stack under a platform name may declare hooks and change this hook's configuration (CICD.CFN.2)`,
    },
  ];
}

export const cfnNoPlatformStackNames = defineControl({
  id: 'CICD.CFN.3',
  slug: 'cfn-no-platform-stack-names',
  title: 'Team stacks and pipelines create no stack under a platform stack name',
  resourceTypes: ['AWS::CodePipeline::Pipeline', 'AWS::CloudFormation::StackSet', 'AWS::CloudFormation::Stack'],
  severity: 'CRITICAL',
  // a stack under a platform name matters wherever it comes from, pipeline-related or not
  ignoresScope: true,
  risks: ['CICD-SEC-1', 'CICD-SEC-2'],
  requirement: 'The guard cannot be switched off by the teams it guards: only the platform creates stacks under the platform\'s stack names.',
  rationale:
    "PlatformStackNames (globs, default none) names the platform's rollout stacks, and the name is the only signal the hook has that a stack is the platform's: a hook request carries the stack's name, not who created it or from which template. CICD.CFN.2 lets those stacks declare hooks, hook configurations and registry extensions (a HookTypeConfig can set this hook's HookInvocationStatus to DISABLED), and CICD.IAM.19 keeps their names out of the policies the hook judges. A team that creates a stack under a platform name has both: the stack's template comes from the team's source. So a stack or stack set that a team's stack or pipeline creates or changes fails when its name can match a PlatformStackNames glob: a CodePipeline action of provider CloudFormation (Configuration.StackName, every ActionMode, DELETE_ONLY on a platform stack included; a stack ARN counts by its name), CloudFormationStackSet or CloudFormationStackInstances (Configuration.StackSetName), an AWS::CloudFormation::StackSet (StackSetName); a stack set counts by its own name and by its instance stacks, which StackSets name StackSet-<stack set name>-<id>. An AWS::CloudFormation::Stack in a template is a nested stack named <parent stack name>-<logical ID>-<suffix> (CloudFormation shortens long names; every shortening of the logical ID counts, of the parent's name when it is over 64 characters): a parent named pipeline with a nested stack guard makes pipeline-guard-1A2B3C4D5E6F, so a nested stack can take a platform name without its parent having one; through Cloud Control its StackName is the name. A CodePipeline variable (#{variables.Env}, #{SourceVariables.BranchName}) is resolved per run by whoever starts the run or pushes the branch, so it counts as any text; a name the template does not resolve (a parameter, an undecided Fn::If, a dynamic reference that could give a platform name) is UNKNOWN. CodePipeline requires StackName and StackSetName and CloudFormation a StackSetName, so an absent one names no stack and passes. The platform's own stacks (the request's stack matches PlatformStackNames) may do all of this; a request outside any stack (Cloud Control) is judged. With PlatformStackNames empty nothing is protected by name and the control passes. What remains: a principal with cloudformation:CreateStack or CreateStackSet rights outside the guarded templates (a console user, a CodeBuild project or Lambda function with such a role, an SSM Automation aws:createStack step) can still create a stack under a platform name; CICD.IAM.19 fails such rights in the roles a template declares, and the SCP of the deploy/ kit (CreateStack on the instance stacks denied) covers the rest (README, Risks that remain).",
  remediation:
    "Rename the stack or stack set so that no PlatformStackNames glob matches it (and for a nested stack, its parent or logical ID), or, if the platform team deploys it, deploy it from a stack whose name is in PlatformStackNames. Do not take a pipeline variable into a stack name whose other parts a platform glob can match.",
  parameters: ['PlatformStackNames'],
  check({ resource, resourceType, logicalId, stackName, settings }) {
    const platform = settings.PlatformStackNames ?? [];
    if (platform.length === 0) return [];
    // the platform's own stacks create and change the platform's stacks
    if (stackName !== undefined && stackName !== '' && platform.some((p) => globMatch(p, stackName))) return [];
    switch (resourceType) {
      case 'AWS::CodePipeline::Pipeline':
        return pipelineFindings(resource, platform);
      case 'AWS::CloudFormation::StackSet':
        return judgeName(resource, 'StackSetName', 'stackset', platform, 'StackSetName');
      default:
        return nestedStackFindings(resource, logicalId, stackName, platform);
    }
  },
});
