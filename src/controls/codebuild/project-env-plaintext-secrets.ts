import { projectEnvVars } from '../../predicates/codebuild';
import { describeHit, isPlaintext, plaintextSecrets } from '../../predicates/env-vars';
import { looksLikeSecretName } from '../../predicates/secret';
import { describeUnresolved, isIntrinsic, isSecretReference } from '../../predicates/values';
import { defineControl, type Finding } from '../types';

export const codebuildProjectEnvPlaintextSecrets = defineControl({
  id: 'CICD.CODEBUILD.2',
  slug: 'project-env-plaintext-secrets',
  title: 'CodeBuild environment variables hold no plaintext secrets',
  resourceTypes: ['AWS::CodeBuild::Project'],
  severity: 'CRITICAL',
  risks: ['CICD-SEC-6'],
  requirement: 'Secrets are managed centrally and do not leak into build configuration or logs (S14, SEC11-BP07).',
  rationale:
    'PLAINTEXT environment variables (a variable without Type is PLAINTEXT) are stored in clear in the project and visible to anyone with codebuild:BatchGetProjects. The check flags variables whose name looks secret in any letter case (db_password, NPM_TOKEN, GITHUB_PAT; not PATH) and variables whose value looks like a credential whatever their name (AWS keys, GitHub/GitLab/Slack tokens, private keys, long random strings). A {{resolve:secretsmanager:...}} or {{resolve:ssm-secure:...}} value in a PLAINTEXT variable is also flagged: CloudFormation resolves it and CodeBuild then stores the secret in clear (the CDK refuses the same construct). ARNs and parameter names are references, not secrets.',
  remediation:
    'Set Type: SECRETS_MANAGER with Value <secret-id>:<json-key> (or Type: PARAMETER_STORE with a SecureString parameter name) for every secret variable, and rotate any value that was committed in plaintext.',
  cdkHint: "environmentVariables: { TOKEN: { type: codebuild.BuildEnvironmentVariableType.SECRETS_MANAGER, value: 'my-secret:token' } }",
  check({ resource }) {
    const vars = projectEnvVars(resource);
    const findings: Finding[] = plaintextSecrets(vars).map((h) => ({ path: h.path, message: describeHit(h) }));
    for (const v of vars) {
      if (!isPlaintext(v.type)) continue;
      if (isSecretReference(v.value)) {
        findings.push({ path: v.path, message: `${v.path} (${v.name}) resolves a secret reference into a PLAINTEXT variable, which stores the secret in clear` });
      } else if (isIntrinsic(v.value) && looksLikeSecretName(v.name)) {
        // the value of a secret-named variable that the template cannot resolve could be anything
        v.view.unknown(v.valueKey, describeUnresolved(v.value));
      }
    }
    return findings;
  },
});
