import { publicPolicyFindings } from '../../predicates/resource-policy';
import { defineControl, type Finding } from '../types';

export const secretResourcePolicyNotPublic = defineControl({
  id: 'CICD.SECRETS.3',
  slug: 'secret-resource-policy-not-public',
  title: 'Secrets Manager resource policies grant nothing to any principal and block public policies',
  resourceTypes: ['AWS::SecretsManager::ResourcePolicy'],
  severity: 'CRITICAL',
  risks: ['CICD-SEC-6', 'CICD-SEC-2'],
  requirement: 'Insufficient credential hygiene (OWASP CICD-SEC-6): pipeline secrets are readable only by the pipeline roles that need them.',
  rationale:
    'A secret\'s resource policy that allows "*", {"AWS": "*"}, a wildcard account (arn:aws:iam::*:root) or a NotPrincipal without a condition that limits the caller lets any AWS account read the deploy credentials, tokens or keys stored in it. The policy is judged by the same normaliser and condition predicate as bucket, key and registry policies; a JSON-string document is parsed, an unreadable or missing one fails, a principal the template does not resolve is UNKNOWN. BlockPublicPolicy must be true: Secrets Manager then refuses a policy that grants broad access, so a later PutResourcePolicy outside CloudFormation cannot open the secret either (the API documents that public policies are not blocked by default).',
  remediation:
    'In AWS::SecretsManager::ResourcePolicy name the roles that read the secret in ResourcePolicy (Principal {"AWS": "arn:aws:iam::<account>:role/<role>"}), or keep "*" only with StringEquals aws:PrincipalOrgID / aws:PrincipalAccount, and set BlockPublicPolicy: true.',
  check({ resource }) {
    const findings: Finding[] = publicPolicyFindings(resource, 'ResourcePolicy', true);
    const block = resource.bool('BlockPublicPolicy'); // an unresolved value is recorded UNKNOWN
    if (block !== true) {
      const why = block === false ? 'is false' : resource.has('BlockPublicPolicy') ? 'is not a readable boolean' : 'is not set (public policies are not blocked by default)';
      findings.push({ path: 'BlockPublicPolicy', message: `BlockPublicPolicy ${why}: Secrets Manager would accept a policy that opens the secret to everyone` });
    }
    return findings;
  },
});
