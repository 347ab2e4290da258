import { projectSources } from '../../predicates/codebuild';
import { isDynamicReference } from '../../predicates/values';
import { defineControl, type Finding } from '../types';

const ARN = /^arn:[a-z0-9-]+:[a-z0-9-]+:[a-z0-9-]*:\d{0,12}:\S+$/i;

export const codebuildSourceAuthResourceArn = defineControl({
  id: 'CICD.CODEBUILD.11',
  slug: 'source-auth-resource-arn',
  title: 'CodeBuild source authentication references a connection or secret, never a raw token',
  resourceTypes: ['AWS::CodeBuild::Project'],
  severity: 'CRITICAL',
  risks: ['CICD-SEC-6', 'CICD-SEC-2'],
  requirement: 'Secrets are managed centrally; pipelines use short-lived, centrally managed credentials (S2, S14).',
  rationale:
    'Source.Auth.Resource names the credential CodeBuild uses for the repository: a CodeConnections connection ARN or a Secrets Manager secret ARN. Older CDK versions and hand-written templates put an OAuth token there, where it is stored in clear in the project. A {{resolve:...}} reference in this field is resolved by CloudFormation into the same clear-text value and fails as well. Checked for Source and every SecondarySources entry.',
  remediation:
    'Set Source.Auth {Type: CODECONNECTIONS, Resource: arn:aws:codeconnections:<region>:<account>:connection/<id>} or {Type: SECRETS_MANAGER, Resource: <secret ARN>}, remove the token and rotate it.',
  check({ resource }) {
    const findings: Finding[] = [];
    for (const source of projectSources(resource)) {
      const value = source.str('Auth.Resource');
      if (value === undefined || value.trim() === '') continue;
      const v = value.trim();
      const path = source.pathOf('Auth.Resource');
      if (isDynamicReference(v)) findings.push({ path, message: `${path} is a dynamic reference that CloudFormation resolves into a clear-text value; use an ARN` });
      else if (!ARN.test(v)) findings.push({ path, message: `${path} is not an ARN (a connection or secret ARN belongs here, never a token)` });
    }
    return findings;
  },
});
