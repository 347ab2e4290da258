import { projectSources } from '../../predicates/codebuild';
import { defineControl, type Finding, type ResourceView } from '../types';

function evaluate(view: ResourceView): Finding[] {
  const findings: Finding[] = [];
  for (const source of projectSources(view)) {
    if (source.bool('InsecureSsl') !== true) continue;
    const path = source.pathOf('InsecureSsl');
    findings.push({ path, message: `${path} is true: TLS certificates of the source host are not verified` });
  }
  return findings;
}

export const codebuildSourceTlsVerified = defineControl({
  id: 'CICD.CODEBUILD.10',
  slug: 'source-tls-verified',
  title: 'CodeBuild verifies the TLS certificate of every source host',
  resourceTypes: ['AWS::CodeBuild::Project'],
  severity: 'HIGH',
  risks: ['CICD-SEC-4', 'CICD-SEC-9'],
  requirement: 'Inputs to the pipeline are validated: source code comes only from authenticated repositories (S6).',
  rationale:
    'InsecureSsl makes CodeBuild accept any certificate when it fetches source from a GitHub Enterprise or self-managed GitLab host. Anyone able to intercept the connection can then serve modified source code that the pipeline builds and deploys. Checked for Source and every SecondarySources entry.',
  remediation:
    'Remove InsecureSsl from Source and SecondarySources (or set it to false). For a self-signed host certificate, install the certificate (Source.Auth or a custom image trust store) instead of disabling verification.',
  cdkHint: 'remove ignoreSslErrors: true from codebuild.Source.gitHubEnterprise({ httpsCloneUrl, ignoreSslErrors })',
  check({ resource }) {
    return evaluate(resource);
  },
});
