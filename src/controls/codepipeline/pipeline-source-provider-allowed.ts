import { matchesAny } from '../../predicates/glob';
import { actionLabel, isSourceAction, pipelineActions, type PipelineAction } from '../../predicates/pipeline';
import { defineControl, type Finding, type ResourceView } from '../types';

/**
 * Entries without a slash name AWS-owned providers (`CodeStarSourceConnection`); other owners are
 * listed as `Owner/Provider` (`Custom/MySource`), so a custom action type named like an AWS provider
 * does not inherit its approval.
 */
function allowed(a: PipelineAction, patterns: readonly string[]): boolean {
  const opts = { caseInsensitive: true };
  if (a.owner === 'AWS' && matchesAny(patterns.filter((p) => !p.includes('/')), a.provider, opts)) return true;
  return matchesAny(patterns.filter((p) => p.includes('/')), `${a.owner}/${a.provider}`, opts);
}

function evaluateSources(view: ResourceView, patterns: readonly string[]): Finding[] {
  const findings: Finding[] = [];
  for (const a of pipelineActions(view)) {
    if (!isSourceAction(a)) continue;
    const path = a.view.pathOf('ActionTypeId');
    if (a.provider === '' || a.owner === '') {
      findings.push({ path, message: `${path} ${actionLabel(a)} has no ${a.provider === '' ? 'Provider' : 'Owner'}` });
    } else if (!allowed(a, patterns)) {
      const who = a.owner === 'AWS' ? `Provider ${a.provider}` : `${a.owner}/${a.provider}`;
      const hint = a.owner.toLowerCase() === 'thirdparty' && a.provider.toLowerCase() === 'github'
        ? ' (GitHub version 1 authenticates with an OAuth token; use CodeStarSourceConnection)'
        : '';
      findings.push({ path, message: `${path} ${actionLabel(a)}: ${who} is not in AllowedSourceProviders${hint}` });
    }
  }
  return findings;
}

export const codepipelineSourceProviderAllowed = defineControl({
  id: 'CICD.CODEPIPELINE.3',
  slug: 'pipeline-source-provider-allowed',
  title: 'CodePipeline source actions use only allowed source providers',
  resourceTypes: ['AWS::CodePipeline::Pipeline'],
  severity: 'HIGH',
  risks: ['CICD-SEC-8', 'CICD-SEC-4'],
  requirement: 'Trusted sources only: pipeline inputs are validated and come from source systems the platform approved (SEC11-BP07).',
  rationale:
    'The source action decides which code the pipeline builds and deploys with its privileged roles. A provider outside the approved list — GitHub version 1 with a personal OAuth token, a custom action type backed by a job worker the platform does not run, a third-party integration — moves that decision to a system whose access control, branch protection and audit trail the platform cannot see, opening the way to poisoned pipeline execution.',
  remediation:
    'Use a provider from AllowedSourceProviders for every Source action (default CodeStarSourceConnection, CodeConnections, CodeCommit, S3, ECR) with ActionTypeId.Owner AWS. For GitHub use a CodeStar/CodeConnections connection. The platform lists other owners as Owner/Provider, e.g. Custom/MySource.',
  cdkHint: "pipelines.CodePipelineSource.connection('org/repo', 'main', { connectionArn })",
  parameters: ['AllowedSourceProviders'],
  check({ resource, settings }) {
    return evaluateSources(resource, settings.AllowedSourceProviders);
  },
});
