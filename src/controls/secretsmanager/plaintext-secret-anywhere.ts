import { secretsInProperties, subtreeSkipper } from '../../predicates/secret-scan';
import { isSecretReference } from '../../predicates/values';
import { defineControl, type Control, type Finding, type ResourceView } from '../types';

/**
 * Resource types only this control evaluates: runner definitions and stores a build reads its secrets from.
 * Every other type comes from the rest of the catalogue (see `plaintextSecretAnywhere`).
 */
export const SECRET_SCAN_ONLY_TYPES: readonly string[] = ['AWS::EC2::LaunchTemplate', 'AWS::ECS::TaskDefinition', 'AWS::Events::Connection', 'AWS::SSM::Parameter'];

/** EventBridge connection secrets: the service stores them in a Secrets Manager secret it creates. */
const CONNECTION_SECRETS: readonly string[] = ['AuthParameters.ApiKeyAuthParameters.ApiKeyValue', 'AuthParameters.OAuthParameters.ClientParameters.ClientSecret', 'AuthParameters.BasicAuthParameters.Password'];

/**
 * Subtrees another control already judges for secrets (reported there, not twice). List items are `[*]`.
 * A new secret-bearing property belongs here only when the control named beside it covers it fully.
 */
const OWNED: Readonly<Record<string, readonly string[]>> = {
  'AWS::CodeBuild::Project': [
    'Environment.EnvironmentVariables', // CICD.CODEBUILD.2
    'Source.Location', 'SecondarySources[*].Location', // CICD.CODEBUILD.1
    'Source.BuildSpec', 'SecondarySources[*].BuildSpec', // CICD.CODEBUILD.12
  ],
  'AWS::CodeBuild::SourceCredential': ['Token'],
  'AWS::CodePipeline::Pipeline': ['Stages[*].Actions[*].Configuration'], // CICD.CODEPIPELINE.6 and 7
  'AWS::CodePipeline::Webhook': ['AuthenticationConfiguration.SecretToken'],
  'AWS::Lambda::Function': ['Environment.Variables'], // CICD.LAMBDA.1
  'AWS::SecretsManager::Secret': ['SecretString'], // CICD.SECRETS.2
  'AWS::IAM::User': ['LoginProfile'],
  'AWS::CloudFormation::StackSet': ['TemplateBody'], // CICD.CFN.1 evaluates each inline resource with every control, this one included
  'AWS::Events::Connection': CONNECTION_SECRETS, // judged below as references
};

function ownedBy(resourceType: string): (path: string) => boolean {
  return subtreeSkipper(OWNED[resourceType] ?? []);
}

/** Properties whose value must be a `{{resolve:secretsmanager:…}}` reference whatever it looks like. */
function mustBeReferences(resourceType: string, resource: ResourceView): Finding[] {
  if (resourceType !== 'AWS::Events::Connection') return [];
  const findings: Finding[] = [];
  for (const path of CONNECTION_SECRETS) {
    const raw = resource.get(path);
    if (raw === undefined || raw === null) continue;
    const value = resource.strOf(raw, path); // unresolved: UNKNOWN, recorded by the read
    if (value === undefined || value.trim() === '') continue;
    if (isSecretReference(value) && /^\s*\{\{resolve:secretsmanager:[^}]*\}\}\s*$/.test(value)) continue;
    findings.push({ path, message: `${path} is a literal value (or not only a Secrets Manager reference); it must be a {{resolve:secretsmanager:…}} reference` });
  }
  return findings;
}

/**
 * CICD.SECRETS.4 over the given resource types (the catalogue passes every type some other control targets,
 * plus SECRET_SCAN_ONLY_TYPES), so a newly targeted type is scanned without anyone remembering to add it.
 */
export function plaintextSecretAnywhere(resourceTypes: readonly string[]): Control {
  return defineControl({
    id: 'CICD.SECRETS.4',
    slug: 'plaintext-secret-anywhere',
    title: 'No plaintext secret anywhere in a pipeline resource',
    resourceTypes: [...new Set([...resourceTypes, ...SECRET_SCAN_ONLY_TYPES])].sort(),
    severity: 'HIGH',
    risks: ['CICD-SEC-6'],
    requirement: 'Insufficient credential hygiene (OWASP CICD-SEC-6): no credential is written into a template, in any property, in any encoding.',
    rationale:
      'Secrets hide where per-property checks do not look: descriptions, tag values, pipeline variable defaults, a Secrets Manager GenerateSecretString.SecretStringTemplate, JSON or YAML held in a string, the user-info, query or fragment of a URL, an ARN, text after a {{resolve:…}} reference, a hex- or base64-encoded value (EC2 launch template user data), `export NAME=value` or `--password value` in a script, plain String SSM parameters, ECS container environment, EventBridge connection credentials. Every string of the resource is scanned at any depth for known credential formats (AWS access keys, GitHub, GitLab, Slack, npm, Stripe, Google, Docker Hub, PyPI tokens, private keys, JWTs, and their hex and base64 encodings) and for secret-looking names (password, token, api_key, … in any case) bound to literal values; names that carry a reference (…_SECRET_ARN, …_SECRET_NAME, …_PARAMETER_NAME, …_SECRET_ID) are not secrets. Properties that a dedicated control already judges (CodeBuild and Lambda environment variables, inline buildspecs, source locations, pipeline action configuration, SecretString) are reported there, not twice. An EventBridge connection\'s API key value, OAuth client secret and basic-auth password must be {{resolve:secretsmanager:…}} references. Findings name the property path and the variable name, never the value.',
    remediation:
      'Store the secret in Secrets Manager and pass a reference: a {{resolve:secretsmanager:…}} dynamic reference where CloudFormation needs the value, the secret ARN or name (…_SECRET_ARN) where a program reads it at run time, Secrets in an ECS container definition (valueFrom), env.secrets-manager in a buildspec. Use GenerateSecretString without literal secrets in SecretStringTemplate. Rotate every secret that was written into a template.',
    check({ resource, resourceType }) {
      const findings = mustBeReferences(resourceType, resource);
      for (const hit of secretsInProperties(resource.properties, ownedBy(resourceType))) {
        const path = resource.pathOf(hit.path);
        findings.push({ path, message: `${path} holds ${hit.reasons.join('; ')}` });
      }
      return findings;
    },
  });
}
