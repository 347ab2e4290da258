import { requireCustomerManagedKey } from '../../predicates/key-use';
import { defineControl } from '../types';

export const lambdaEnvCmk = defineControl({
  id: 'CICD.LAMBDA.2',
  slug: 'lambda-env-cmk',
  title: 'Lambda environment variables are encrypted with a customer-managed KMS key',
  resourceTypes: ['AWS::Lambda::Function'],
  severity: 'MEDIUM',
  risks: ['CICD-SEC-7', 'CICD-SEC-6'],
  requirement: 'Insecure system configuration (OWASP CICD-SEC-7): configuration that functions receive at rest is protected by a key the organisation controls.',
  rationale:
    'Without KmsKeyArn, environment variables are encrypted with the AWS-managed aws/lambda key, so anyone who can read the function configuration sees them in clear. A customer-managed key limits who can decrypt them and records every use.',
  remediation:
    'Set KmsKeyArn on the AWS::Lambda::Function to the ARN of a customer-managed KMS key and allow the function role kms:Decrypt on it, or remove Environment.Variables if the function needs none.',
  cdkHint: 'environmentEncryption: key on lambda.Function',
  check({ resource, facts }) {
    const vars = resource.obj('Environment.Variables');
    if (vars === undefined || Object.keys(vars).length === 0) return [];
    return requireCustomerManagedKey(resource, 'KmsKeyArn', 'alias/aws/lambda', facts);
  },
});
