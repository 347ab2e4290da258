import { envVarMap, plaintextSecrets } from '../../predicates/env-vars';
import { actionLabel, actionKey, pipelineActions, withWeakening, type KeyedEvaluation, type KeyedFinding } from '../../predicates/pipeline';
import { looksLikeSecretName, redactSecrets } from '../../predicates/secret';
import { isIntrinsic, isRecord, isSecretReference, own } from '../../predicates/values';
import { defineControl, type ResourceView } from '../types';

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

function evaluateConfigSecrets(view: ResourceView): KeyedEvaluation {
  const findings: KeyedFinding[] = [];
  const seen = new Set<string>();
  for (const a of pipelineActions(view)) {
    const config = own(a.raw, 'Configuration');
    if (!isRecord(config)) continue;
    const where = actionLabel(a);
    for (const name of Object.keys(config)) {
      if (name === ENV_KEY) continue;
      const raw = config[name];
      const path = `${a.path}.Configuration.${name}`;
      const key = `${actionKey(a)}/${name}`;
      if (JSON_MAP_KEYS.has(name)) {
        if (isIntrinsic(raw)) {
          view.strOf(raw, path); // records the path as UNKNOWN
          continue;
        }
        if (typeof raw !== 'string') continue;
        seen.add(key);
        if (redactSecrets(raw) !== raw) {
          findings.push({ key, path, message: `${path} ${where} contains a value that looks like a credential` });
          continue;
        }
        const map = parseObject(raw);
        if (map === undefined) {
          // ParameterOverrides must be a JSON object; UserParameters is free text by contract.
          if (name === 'ParameterOverrides' && raw.trim() !== '') findings.push({ key, path, message: `${path} ${where} is not a JSON object` });
          continue;
        }
        const vars = envVarMap(map, path);
        for (const v of vars) seen.add(`${key}/${v.name}`);
        for (const hit of plaintextSecrets(vars)) {
          const what = hit.why === 'name' ? 'has a secret-looking name and a literal value' : 'has a value that looks like a credential';
          findings.push({ key: `${key}/${hit.name}`, path: hit.path, message: `${hit.path} ${where} ${what}` });
        }
        continue;
      }
      if (looksLikeSecretName(name)) {
        if (raw === undefined || raw === null) continue;
        const value = view.strOf(raw, path);
        if (value === undefined) continue; // unresolved: recorded as UNKNOWN
        seen.add(key);
        const v = value.trim();
        if (v === '' || isSecretReference(v) || /^arn:[a-z-]+:/.test(v)) continue;
        findings.push({ key, path, message: `${path} ${where} is a literal value; it must be a {{resolve:secretsmanager:…}} or {{resolve:ssm-secure:…}} reference` });
        continue;
      }
      if (typeof raw === 'string') {
        seen.add(key);
        if (redactSecrets(raw) !== raw) findings.push({ key, path, message: `${path} ${where} contains a value that looks like a credential` });
      }
    }
  }
  return { findings, seen };
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
  check({ resource, previous }) {
    return withWeakening(evaluateConfigSecrets(resource), previous ? evaluateConfigSecrets(previous) : undefined, 'it was a reference before this update');
  },
});
