import { defineControl, type Finding } from '../types';

const ARN = /^arn:[a-z0-9-]+:[a-z0-9-]+:[a-z0-9-]*:\d{0,12}:\S+$/i;
const SECRETS_MANAGER_REF = /^\s*\{\{resolve:secretsmanager:[^}]+\}\}\s*$/i;

export const codebuildSourceCredentialSecretReference = defineControl({
  id: 'CICD.CODEBUILD.18',
  slug: 'source-credential-secret-reference',
  title: 'CodeBuild source credentials come from Secrets Manager or a connection, never a literal token',
  resourceTypes: ['AWS::CodeBuild::SourceCredential'],
  severity: 'CRITICAL',
  risks: ['CICD-SEC-6', 'CICD-SEC-2'],
  requirement: 'No long-term credentials in pipeline stacks; secrets are managed centrally (S2, S14).',
  rationale:
    'A SourceCredential with a personal access token or password written into the template leaks the token to everyone who can read the template, its repository and the stack (including previous versions). Decision: for AuthType PERSONAL_ACCESS_TOKEN and BASIC_AUTH the Token must be a {{resolve:secretsmanager:...}} reference; ssm-secure references are not accepted because Secrets Manager is the platform store with rotation and resource policies. For CODECONNECTIONS and SECRETS_MANAGER the Token must be the connection or secret ARN. Any other or missing AuthType is held to the Secrets Manager rule. The preferred forms are CODECONNECTIONS (no long-lived token at all) and SECRETS_MANAGER.',
  remediation:
    'Use AuthType: CODECONNECTIONS with Token: <connection ARN>, or AuthType: SECRETS_MANAGER with Token: <secret ARN>. If a token is unavoidable, store it in Secrets Manager and set Token: "{{resolve:secretsmanager:<secret-id>:SecretString:token}}". Rotate any token that was in the template.',
  cdkHint: "new codebuild.GitHubSourceCredentials(this, 'Creds', { accessToken: SecretValue.secretsManager('github-token') })",
  check({ resource }) {
    const findings: Finding[] = [];
    const authType = resource.str('AuthType')?.trim().toUpperCase();
    const token = resource.str('Token');
    const t = token?.trim() ?? '';
    if (authType === 'CODECONNECTIONS' || authType === 'SECRETS_MANAGER') {
      if (!ARN.test(t)) findings.push({ path: 'Token', message: `Token must be the ${authType === 'CODECONNECTIONS' ? 'connection' : 'secret'} ARN for AuthType ${authType}` });
      return findings;
    }
    if (token === undefined && resource.get('Token') !== undefined) return findings; // unresolved: recorded as UNKNOWN
    if (!SECRETS_MANAGER_REF.test(t)) {
      const kind = authType !== undefined && /^[A-Z_]{1,32}$/.test(authType) ? authType : 'this AuthType';
      findings.push({ path: 'Token', message: t === '' ? `Token is missing; for ${kind} it must be a {{resolve:secretsmanager:...}} reference` : `Token for ${kind} is not a {{resolve:secretsmanager:...}} reference (a literal token is stored in the template)` });
    }
    return findings;
  },
});
