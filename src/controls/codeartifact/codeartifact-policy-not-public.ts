import { publicPolicyFindings } from '../../predicates/resource-policy';
import { defineControl } from '../types';

export const codeartifactPolicyNotPublic = defineControl({
  id: 'CICD.CODEARTIFACT.3',
  slug: 'codeartifact-policy-not-public',
  title: 'CodeArtifact domain and repository policies do not grant access to everyone',
  resourceTypes: ['AWS::CodeArtifact::Domain', 'AWS::CodeArtifact::Repository'],
  severity: 'HIGH',
  risks: ['CICD-SEC-3', 'CICD-SEC-2'],
  requirement: 'Dependency chain integrity (OWASP CICD-SEC-3): only known accounts may read from or publish to the internal package registry.',
  rationale:
    'An Allow statement for the principal "*" without a condition that pins the caller lets any AWS account read the organisation\'s private packages, and with publish actions lets anyone plant a package version that every build then installs.',
  remediation:
    'In PermissionsPolicyDocument name the allowed accounts or roles as Principal {"AWS": "arn:aws:iam::<account>:root"}, or keep "*" only with a condition such as StringEquals aws:PrincipalOrgID <your organisation id>.',
  check({ resource }) {
    return publicPolicyFindings(resource, 'PermissionsPolicyDocument');
  },
});
