import { describeHit, envVarMap, plaintextSecrets } from '../../predicates/env-vars';
import { defineControl } from '../types';

const PATH = 'Environment.Variables';

export const lambdaEnvNoPlaintextSecrets = defineControl({
  id: 'CICD.LAMBDA.1',
  slug: 'lambda-env-no-plaintext-secrets',
  title: 'Lambda functions carry no plaintext secrets in environment variables',
  resourceTypes: ['AWS::Lambda::Function'],
  severity: 'HIGH',
  risks: ['CICD-SEC-6'],
  requirement: 'Insufficient credential hygiene (OWASP CICD-SEC-6): secrets used by pipeline and custom-resource functions come from Secrets Manager or SSM SecureString at run time, never from the template.',
  rationale:
    'Environment variable values are part of the template, the stack history and the function configuration: anyone with lambda:GetFunctionConfiguration or read access to the pipeline artifacts can read them. A token or password there is a long-lived credential outside any secret store.',
  remediation:
    'Store the value in Secrets Manager and pass only its ARN or name (for example DB_SECRET_ARN) in Environment.Variables; the function reads it at run time (the Parameters and Secrets Lambda extension caches it). Rotate any credential that was committed.',
  cdkHint: 'environment: { DB_SECRET_ARN: secret.secretArn } with secret.grantRead(fn) on lambda.Function',
  check({ resource }) {
    const vars = resource.obj(PATH);
    if (vars === undefined) return [];
    return plaintextSecrets(envVarMap(vars, PATH)).map((h) => ({ path: h.path, message: describeHit(h) }));
  },
});
