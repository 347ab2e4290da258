import { publicPolicyFindings } from '../../predicates/resource-policy';
import { defineControl } from '../types';

export const ecrPolicyNotPublic = defineControl({
  id: 'CICD.ECR.4',
  slug: 'ecr-policy-not-public',
  title: 'ECR repository, public repository, repository-template and registry policies do not grant access to everyone',
  resourceTypes: ['AWS::ECR::Repository', 'AWS::ECR::RegistryPolicy', 'AWS::ECR::RepositoryCreationTemplate', 'AWS::ECR::PublicRepository'],
  severity: 'HIGH',
  risks: ['CICD-SEC-9', 'CICD-SEC-2'],
  requirement: 'Artifact integrity and access control (OWASP CICD-SEC-9, CICD-SEC-2): only known accounts and services may pull or push images.',
  rationale:
    'An Allow statement for the principal "*" (or {"AWS": "*"}) without a condition that pins the caller opens the repository to every AWS account: images (and the secrets baked into them) can be pulled by anyone, and with push actions anyone can replace the images the pipeline deploys. A repository creation template\'s RepositoryPolicy (a JSON string) becomes the policy of every repository created on push and is judged the same way. An ECR Public repository (AWS::ECR::PublicRepository) is pullable by anyone by design; its RepositoryPolicyText decides who may push, i.e. publish images under the account\'s name, and is judged the same way.',
  remediation:
    'In RepositoryPolicyText (AWS::ECR::Repository, AWS::ECR::PublicRepository) or PolicyText (AWS::ECR::RegistryPolicy), name the allowed accounts or roles as Principal {"AWS": "arn:aws:iam::<account>:root"}, or keep "*" only with a condition such as StringEquals aws:PrincipalOrgID <your organisation id>.',
  check({ resource, resourceType }) {
    const path = resourceType === 'AWS::ECR::RegistryPolicy' ? 'PolicyText' : resourceType === 'AWS::ECR::RepositoryCreationTemplate' ? 'RepositoryPolicy' : 'RepositoryPolicyText';
    return publicPolicyFindings(resource, path, resourceType === 'AWS::ECR::RegistryPolicy');
  },
});
