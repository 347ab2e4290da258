import { isDynamicReference, isSecretReference } from '../../predicates/values';
import { defineControl } from '../types';

const PATH = 'SecretString';

export const secretNotInTemplate = defineControl({
  id: 'CICD.SECRETS.2',
  slug: 'secret-not-in-template',
  title: 'Secrets Manager secret values are generated, not written into the template',
  resourceTypes: ['AWS::SecretsManager::Secret'],
  severity: 'HIGH',
  risks: ['CICD-SEC-6'],
  requirement: 'Insufficient credential hygiene (OWASP CICD-SEC-6): secret values never live in source control, templates or deployment parameters.',
  rationale:
    'A SecretString in the template is a secret committed to the repository and copied into every synthesized template, CloudFormation stack history and pipeline artifact. Values passed in as stack parameters travel through build logs and deployment tooling as well.',
  remediation:
    'Remove SecretString and use GenerateSecretString (with SecretStringTemplate and GenerateStringKey for JSON secrets), or create the secret empty and set the value out of band with secretsmanager:PutSecretValue. A secret whose value must be imported is exempted by the platform team.',
  cdkHint:
    'generateSecretString: { secretStringTemplate, generateStringKey } on secretsmanager.Secret instead of secretStringValue / secretObjectValue',
  exemptionHint: "the secret's value must be imported as it is and cannot be set out of band (secretsmanager:PutSecretValue)",
  check({ resource }) {
    const value = resource.str(PATH);
    if (value === undefined || value.trim() === '' || isSecretReference(value)) return [];
    const what = isDynamicReference(value)
      ? `${PATH} is a dynamic reference to a plaintext parameter, not to Secrets Manager`
      : `${PATH} holds a literal secret value in the template`;
    return [{ path: PATH, message: `${what}; use GenerateSecretString` }];
  },
});
