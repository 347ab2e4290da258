import { projectSources } from '../../predicates/codebuild';
import { urlCredentialProblems } from '../../predicates/url';
import { defineControl, type Finding } from '../types';

export const codebuildSourceLocationCredentials = defineControl({
  id: 'CICD.CODEBUILD.1',
  slug: 'source-location-credentials',
  title: 'CodeBuild source locations carry no credentials',
  resourceTypes: ['AWS::CodeBuild::Project'],
  severity: 'CRITICAL',
  risks: ['CICD-SEC-6', 'CICD-SEC-8'],
  requirement: 'Secrets are managed centrally and never stored in build configuration (S14, SEC11-BP07).',
  rationale:
    'A token or password in a repository URL (https://user:token@host/repo, ?access_token=...) is stored in clear in the project definition, shown to everyone who can read the project and copied into build logs. The check covers the primary Source and every SecondarySources entry of every type (GitHub, GitHub Enterprise, Bitbucket, GitLab, GitLab Self Managed, CodeCommit, S3), not only GitHub and Bitbucket as the Control Tower rule does.',
  remediation:
    'Remove the user-info and token query parameters from Source.Location / SecondarySources[].Location (use https://host/org/repo.git). Authenticate with Source.Auth {Type: CODECONNECTIONS, Resource: <connection ARN>} or an AWS::CodeBuild::SourceCredential whose Token is a {{resolve:secretsmanager:...}} reference, and rotate the exposed token.',
  cdkHint:
    "pipelines.CodePipelineSource.connection('org/repo', 'main', { connectionArn }) as the pipeline source instead of a repository URL with a token",
  check({ resource }) {
    const findings: Finding[] = [];
    for (const source of projectSources(resource)) {
      const location = source.str('Location');
      if (location === undefined) continue;
      const problems = urlCredentialProblems(location);
      if (problems.length === 0) continue;
      const path = source.pathOf('Location');
      findings.push({ path, message: `${path} ${problems.map((p) => p.reason).join('; ')}` });
    }
    return findings;
  },
});
