import { globMatch } from '../../predicates/glob';
import { actionLabel, isSourceAction, pipelineActions } from '../../predicates/pipeline';
import { defineControl, type Finding, type ResourceView } from '../types';

const CONNECTION_PROVIDERS = new Set(['codestarsourceconnection', 'codeconnections']);

const ARN = 'Configuration.ConnectionArn';

function evaluateConnections(view: ResourceView, patterns: readonly string[]): Finding[] {
  const findings: Finding[] = [];
  for (const a of pipelineActions(view)) {
    if (!isSourceAction(a)) continue;
    const raw = a.view.get(ARN);
    const isConnection = CONNECTION_PROVIDERS.has(a.provider.toLowerCase());
    if (!isConnection && (raw === undefined || raw === null)) continue;
    const arn = a.view.strOf(raw, ARN);
    const path = a.view.pathOf(ARN);
    if (arn === undefined || arn.trim() === '') {
      findings.push({ path, message: `${path} ${actionLabel(a)} is missing` });
    } else if (!patterns.some((p) => globMatch(p, arn.trim()))) {
      findings.push({ path, message: `${path} ${actionLabel(a)} is ${arn.trim()}, which is not in AllowedConnectionArns` });
    }
  }
  return findings;
}

export const codepipelineSourceConnectionAllowed = defineControl({
  id: 'CICD.CODEPIPELINE.5',
  slug: 'pipeline-source-connection-allowed',
  title: 'CodePipeline source actions use only approved connections',
  resourceTypes: ['AWS::CodePipeline::Pipeline'],
  severity: 'HIGH',
  risks: ['CICD-SEC-8', 'CICD-SEC-4'],
  requirement: 'Trusted sources only: pipelines read code through the connections the platform created and vetted (the organisation\'s Git host, not a personal account).',
  rationale:
    'A connection ARN decides which Git host and which installation the pipeline pulls from. A developer-created connection can point at a personal GitHub account or another organisation, so code that never went through the organisation\'s branch protection and review is built and deployed with the pipeline\'s roles. When the platform lists its connections in AllowedConnectionArns, every CodeStarSourceConnection/CodeConnections source action must use one of them.',
  remediation:
    "Set Configuration.ConnectionArn of the source action to a connection from AllowedConnectionArns (ask the platform team for the ARN of the organisation's connection).",
  cdkHint: "pipelines.CodePipelineSource.connection('org/repo', 'main', { connectionArn }) with the platform's connectionArn",
  parameters: ['AllowedConnectionArns'],
  check({ resource, settings }) {
    const patterns = settings.AllowedConnectionArns;
    if (patterns.length === 0) return [];
    return evaluateConnections(resource, patterns);
  },
});
