import { envVarList, plaintextSecrets } from '../../predicates/env-vars';
import { actionLabel, pipelineActions } from '../../predicates/pipeline';
import { isIntrinsic, isRecord, ownCI } from '../../predicates/values';
import { defineControl, type Finding, type ResourceView } from '../types';

const ENV = 'Configuration.EnvironmentVariables';

/** `Configuration.EnvironmentVariables`: a JSON string of `[{name, value, type}]` (a list is accepted as it is). */
function parseVariables(raw: string | unknown[]): unknown[] | undefined {
  if (Array.isArray(raw)) return raw;
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function evaluateActionEnv(view: ResourceView): Finding[] {
  const findings: Finding[] = [];
  for (const a of pipelineActions(view)) {
    const raw = a.view.get(ENV);
    if (raw === undefined || raw === null) continue;
    const path = a.view.pathOf(ENV);
    const where = actionLabel(a);
    // The variables are JSON text: parsed here, and the parsed list is walked as data, not as properties.
    const text = Array.isArray(raw) ? raw : a.view.strOf(raw, ENV);
    if (text === undefined) {
      if (!isIntrinsic(raw)) findings.push({ path, message: `${path} ${where} is not a JSON string` }); // unresolved: UNKNOWN, recorded by the read
      continue;
    }
    if (typeof text === 'string' && text.trim() === '') continue;
    const list = parseVariables(text);
    if (list === undefined) {
      findings.push({ path, message: `${path} ${where} is not a JSON list of {name, value, type}` });
      continue;
    }
    list.forEach((item, i) => {
      if (!isRecord(item) || typeof ownCI(item, 'name') !== 'string') {
        findings.push({ path: `${path}[${i}]`, message: `${path}[${i}] ${where} is not a {name, value, type} object` });
      }
    });
    for (const hit of plaintextSecrets(envVarList(list, path))) {
      const what = hit.why === 'name' ? 'is a PLAINTEXT variable with a secret-looking name' : 'has a PLAINTEXT value that looks like a credential';
      findings.push({ path: hit.path, message: `${hit.path} (${hit.name}) ${where} ${what}` });
    }
  }
  return findings;
}

export const codepipelineActionEnvSecrets = defineControl({
  id: 'CICD.CODEPIPELINE.6',
  slug: 'pipeline-action-env-secrets',
  title: 'CodePipeline action environment variables hold no plaintext secrets',
  resourceTypes: ['AWS::CodePipeline::Pipeline'],
  severity: 'HIGH',
  risks: ['CICD-SEC-6'],
  requirement: 'Secrets managed centrally: build actions receive secrets from Secrets Manager or Parameter Store, never as plaintext in the pipeline definition.',
  rationale:
    'A CodeBuild action\'s Configuration.EnvironmentVariables is stored in the pipeline definition and the template: anyone with codepipeline:GetPipeline or read access to the template, the CloudFormation console or the CDK repository reads PLAINTEXT values, and they appear in build logs and execution details. The value is a JSON string, so checks that only look at CodeBuild projects miss it; a missing type means PLAINTEXT. Names are matched case-insensitively and values are checked for credential shapes, so neither lowercase names nor innocuous names hide a token.',
  remediation:
    'Store the secret in Secrets Manager (or as an SSM SecureString) and pass it as {"name": "...", "value": "<secret-id or parameter name>", "type": "SECRETS_MANAGER"} (or "PARAMETER_STORE") in Configuration.EnvironmentVariables. Rotate any secret that was in the template.',
  cdkHint: "environmentVariables: { TOKEN: { type: codebuild.BuildEnvironmentVariableType.SECRETS_MANAGER, value: 'my-secret:token' } }",
  check({ resource }) {
    return evaluateActionEnv(resource);
  },
});
