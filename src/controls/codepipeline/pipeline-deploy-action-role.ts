import { actionLabel, isDeployAction, pipelineActions } from '../../predicates/pipeline';
import { defineControl, type Finding, type ResourceView } from '../types';

function evaluateRoles(view: ResourceView): Finding[] {
  const findings: Finding[] = [];
  for (const a of pipelineActions(view)) {
    // Only AWS-owned actions can have a role of their own.
    if (a.owner !== 'AWS' || !isDeployAction(a)) continue;
    // Presence only: the ARN is usually a Fn::GetAtt the hook cannot (and need not) resolve.
    const role = a.view.get('RoleArn');
    if (role === undefined || role === null || (typeof role === 'string' && role.trim() === '')) {
      const path = a.view.pathOf('RoleArn');
      findings.push({ path, message: `${path} ${actionLabel(a)} is missing: the deploy runs with the pipeline role` });
    }
  }
  return findings;
}

export const codepipelineDeployActionRole = defineControl({
  id: 'CICD.CODEPIPELINE.11',
  slug: 'pipeline-deploy-action-role',
  title: 'CodePipeline deploy actions run with their own role',
  resourceTypes: ['AWS::CodePipeline::Pipeline'],
  severity: 'MEDIUM',
  risks: ['CICD-SEC-5', 'CICD-SEC-2'],
  requirement: 'Pipeline identities follow least privilege (SEC11-BP07): each deployment target has its own role, scoped to that environment.',
  rationale:
    'A deploy action without RoleArn runs with the pipeline\'s service role, which must then hold deploy rights for every environment and every stage at once: any action of the pipeline — including build and invoke steps that run untrusted code paths — acts with production permissions, and a production account cannot trust a dedicated deploy role only. Per-action roles (CDK Pipelines creates them) keep each environment\'s rights with the action that needs them. The pipeline-level RoleArn is required by CloudFormation and not checked here.',
  remediation:
    'Give every Deploy action a RoleArn of a role dedicated to that target environment (for cross-account deploys a role in the target account that trusts only the pipeline role), and remove deploy permissions from the pipeline role.',
  cdkHint:
    'CDK Pipelines and codepipeline-actions give each deploy action its own role by default; keep usePipelineRoleForActions: false on codepipeline.Pipeline',
  check({ resource }) {
    return evaluateRoles(resource);
  },
});
