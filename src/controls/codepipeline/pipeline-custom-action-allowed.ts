import { matchesAny } from '../../predicates/glob';
import { actionLabel, isSourceAction, pipelineActions } from '../../predicates/pipeline';
import { defineControl, type Finding, type ResourceView } from '../types';

/**
 * Every action whose owner is not AWS (Custom: a job worker somebody runs; ThirdParty: a partner
 * integration) must be allow-listed as `Owner/Category/Provider` in AllowedCustomActionTypes, whatever its
 * category. Source actions are left to AllowedSourceProviders (CICD.CODEPIPELINE.3), so one action is
 * never judged by two lists. An action without an Owner cannot be proven AWS-owned.
 */
function evaluateOwners(view: ResourceView, patterns: readonly string[]): Finding[] {
  const findings: Finding[] = [];
  for (const a of pipelineActions(view)) {
    if (a.owner === 'AWS' || isSourceAction(a)) continue;
    const path = a.view.pathOf('ActionTypeId');
    if (a.owner === '') {
      findings.push({ path, message: `${path} ${actionLabel(a)} has no Owner, so it cannot be proven to be an AWS-owned action` });
      continue;
    }
    const type = `${a.owner}/${a.category || '?'}/${a.provider || '?'}`;
    if (a.category !== '' && a.provider !== '' && matchesAny(patterns, type, { caseInsensitive: true })) continue;
    findings.push({ path, message: `${path} ${actionLabel(a)}: ${type} is not in AllowedCustomActionTypes (actions of owners other than AWS run on infrastructure the platform does not control)` });
  }
  return findings;
}

export const codepipelineCustomActionAllowed = defineControl({
  id: 'CICD.CODEPIPELINE.12',
  slug: 'pipeline-custom-action-allowed',
  title: 'CodePipeline custom and third-party actions of every category are allow-listed',
  resourceTypes: ['AWS::CodePipeline::Pipeline'],
  severity: 'HIGH',
  risks: ['CICD-SEC-8', 'CICD-SEC-4', 'CICD-SEC-1'],
  requirement: 'Only integrations the platform approved run in a pipeline (SEC11-BP07): code and artifacts enter, are built, tested, approved and deployed only through trusted action types.',
  rationale:
    'An action with Owner Custom is executed by whatever job worker polls for its action type — a machine the pipeline owner runs, outside the platform\'s control — and one with Owner ThirdParty by a partner service. Such an action receives the pipeline\'s artifacts and the credentials of the job, and its result decides whether the pipeline goes on: in a Build or Test category it can replace the artifact that is deployed, in an Approval category it can approve a production deploy on its own, in a Deploy or Invoke category it deploys. Source actions are already judged by AllowedSourceProviders; this control covers every other category, so code cannot enter (or a gate cannot be faked) through a non-Source custom action. An action without an Owner is reported too.',
  remediation:
    'Use AWS-owned action types (CodeBuild, CloudFormation, CodeDeploy, ECS, Lambda, Manual approval…). When the platform runs and trusts a custom or third-party integration, it lists it in AllowedCustomActionTypes as Owner/Category/Provider, for example Custom/Build/JenkinsBuild or ThirdParty/Test/*.',
  parameters: ['AllowedCustomActionTypes'],
  check({ resource, settings }) {
    return evaluateOwners(resource, settings.AllowedCustomActionTypes);
  },
});
