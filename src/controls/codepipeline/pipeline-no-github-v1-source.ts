import { actionLabel, isSourceAction, pipelineActions } from '../../predicates/pipeline';
import { defineControl, type Finding, type ResourceView } from '../types';

function evaluateGithubV1(view: ResourceView): Finding[] {
  const findings: Finding[] = [];
  for (const a of pipelineActions(view)) {
    if (!isSourceAction(a) || a.owner.toLowerCase() !== 'thirdparty' || a.provider.toLowerCase() !== 'github') continue;
    const path = a.view.pathOf('ActionTypeId');
    findings.push({ path, message: `${path} ${actionLabel(a)} is GitHub version 1 (Owner ThirdParty, Provider GitHub), which authenticates with a long-lived OAuth token` });
  }
  return findings;
}

export const codepipelineNoGithubV1Source = defineControl({
  id: 'CICD.CODEPIPELINE.4',
  slug: 'pipeline-no-github-v1-source',
  title: 'CodePipeline source actions do not use GitHub version 1 (OAuth token)',
  resourceTypes: ['AWS::CodePipeline::Pipeline'],
  severity: 'HIGH',
  risks: ['CICD-SEC-6', 'CICD-SEC-8'],
  requirement: 'Short-lived credentials only and trusted sources: the pipeline reads GitHub through a managed connection, not through a personal token.',
  rationale:
    'The GitHub version 1 action (Owner ThirdParty, Provider GitHub) authenticates with Configuration.OAuthToken, a long-lived personal OAuth or access token that carries its owner\'s rights to every repository they can reach, never expires on its own, and is not recommended by AWS. A leaked token gives write access to the source of every pipeline it feeds. CodeStar/CodeConnections connections use a GitHub App installation scoped to selected repositories. This control cannot be allow-listed through AllowedSourceProviders.',
  remediation:
    'Replace the Source action with ActionTypeId {Category: Source, Owner: AWS, Provider: CodeStarSourceConnection, Version: 1} and Configuration {ConnectionArn, FullRepositoryId, BranchName}; remove Configuration.OAuthToken and revoke the token.',
  cdkHint: "pipelines.CodePipelineSource.connection('org/repo', 'main', { connectionArn }) instead of pipelines.CodePipelineSource.gitHub",
  check({ resource }) {
    return evaluateGithubV1(resource);
  },
});
