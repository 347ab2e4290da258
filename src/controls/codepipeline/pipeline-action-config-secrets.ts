import { envVarMap, plaintextSecrets } from '../../predicates/env-vars';
import { actionLabel, pipelineActions } from '../../predicates/pipeline';
import { looksLikeSecretName, redactSecrets } from '../../predicates/secret';
import { secretsInText } from '../../predicates/secret-scan';
import { isRecord, isSecretReference } from '../../predicates/values';
import { defineControl, type Finding, type ResourceView } from '../types';

/** Checked by CICD.CODEPIPELINE.6. */
const ENV_KEY = 'EnvironmentVariables';
/** JSON maps of names to values that may carry secrets by name. */
const JSON_MAP_KEYS = new Set(['ParameterOverrides', 'UserParameters']);

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return isRecord(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

function evaluateConfigSecrets(view: ResourceView): Finding[] {
  const findings: Finding[] = [];
  for (const a of pipelineActions(view)) {
    const config = a.view.at('Configuration');
    const values = config.properties;
    const names = Object.keys(values);
    if (names.length === 0) continue;
    const where = actionLabel(a);
    for (const name of names) {
      if (name === ENV_KEY) continue;
      const raw = values[name];
      if (JSON_MAP_KEYS.has(name)) {
        const text = config.strOf(raw, name);
        if (text === undefined) continue; // not text, or unresolved (UNKNOWN, recorded by the read)
        const path = config.pathOf(name);
        if (redactSecrets(text) !== text) {
          findings.push({ path, message: `${path} ${where} contains a value that looks like a credential` });
          continue;
        }
        const map = parseObject(text);
        if (map === undefined) {
          // ParameterOverrides must be a JSON object; UserParameters is free text by contract.
          if (name === 'ParameterOverrides' && text.trim() !== '') findings.push({ path, message: `${path} ${where} is not a JSON object` });
          continue;
        }
        const hits = plaintextSecrets(envVarMap(map, path));
        for (const hit of hits) {
          const what = hit.why === 'name' ? 'has a secret-looking name and a literal value' : 'has a value that looks like a credential';
          findings.push({ path: hit.path, message: `${hit.path} ${where} ${what}` });
        }
        // deeper than the top-level map: nested JSON, JSON in strings, URLs, encodings (the shared scanner)
        const deeper = hits.length === 0 ? secretsInText(text) : [];
        if (deeper.length > 0) findings.push({ path, message: `${path} ${where} contains ${deeper.join('; ')}` });
        continue;
      }
      if (looksLikeSecretName(name)) {
        const value = config.strOf(raw, name);
        if (value === undefined) continue; // absent, or unresolved (UNKNOWN, recorded by the read)
        const v = value.trim();
        if (v === '' || isSecretReference(v) || /^arn:[a-z-]+:/.test(v)) continue;
        const path = config.pathOf(name);
        findings.push({ path, message: `${path} ${where} is a literal value; it must be a {{resolve:secretsmanager:…}} or {{resolve:ssm-secure:…}} reference` });
        continue;
      }
      // any other key: a literal string with the shape of a credential (unresolved values cannot be one)
      if (typeof raw === 'string' && secretsInText(raw).length > 0) {
        const path = config.pathOf(name);
        findings.push({ path, message: `${path} ${where} contains a value that looks like a credential` });
      }
    }
  }
  return findings;
}

export const codepipelineActionConfigSecrets = defineControl({
  id: 'CICD.CODEPIPELINE.7',
  slug: 'pipeline-action-config-secrets',
  title: 'CodePipeline action configuration passes secrets only as Secrets Manager or SSM SecureString references',
  resourceTypes: ['AWS::CodePipeline::Pipeline'],
  severity: 'HIGH',
  risks: ['CICD-SEC-6'],
  requirement: 'Secrets managed centrally; secrets do not leak: tokens and passwords in action configuration come from Secrets Manager or SSM SecureString.',
  rationale:
    'Action configuration is stored in the template and the pipeline definition. A literal OAuthToken, password or secret token there is readable by everyone who can read the template, the CDK repository or the CloudFormation console, and survives in the template history long after rotation. Secret-named keys (OAuthToken, SecretToken, Password, … in any letter case) must be dynamic references; JSON maps such as ParameterOverrides and UserParameters are parsed and checked by name and value; any other value that has the shape of a known credential (AWS access key, GitHub or GitLab token, private key) fails too.',
  remediation:
    'Store the secret in Secrets Manager and reference it: OAuthToken: "{{resolve:secretsmanager:<secret-id>:SecretString:<json-key>}}" (or {{resolve:ssm-secure:<parameter>}}); for ParameterOverrides let the deployed stack resolve the secret itself ({{resolve:secretsmanager:…}} in its template) instead of overriding a parameter with it. Rotate any secret that was in the template.',
  cdkHint: "SecretValue.secretsManager('my-secret', { jsonField: 'token' }) for a secret-valued action property (never a plain string)",
  check({ resource }) {
    return evaluateConfigSecrets(resource);
  },
});
