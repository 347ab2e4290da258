import { publicPolicyFindings } from '../../predicates/resource-policy';
import { defineControl } from '../types';

export const kmsKeyPolicyNoPublicPrincipal = defineControl({
  id: 'CICD.KMS.3',
  slug: 'kms-key-policy-no-public-principal',
  title: 'KMS key and replica key policies grant nothing to any principal without a condition that limits the caller',
  resourceTypes: ['AWS::KMS::Key', 'AWS::KMS::ReplicaKey'],
  severity: 'HIGH',
  risks: ['CICD-SEC-2', 'CICD-SEC-9'],
  requirement: 'Pipeline identities follow least privilege (SEC11-BP07); only the pipeline and its deploy roles may use the keys that protect artifacts.',
  rationale:
    'A key policy statement that allows "*", {"AWS": "*"}, {"AWS": ["*"]} or a NotPrincipal lets every AWS account decrypt artifacts or, with kms:PutKeyPolicy, take over the key. A condition counts only if it ties the caller to an account, organisation, source ARN or endpoint with a positive operator. The account root principal (arn:aws:iam::<account>:root, CDK\'s default key policy) is not a wildcard: it delegates to the account\'s IAM policies and passes. An absent KeyPolicy on a key gets the AWS default policy (account root) and passes; a replica key (AWS::KMS::ReplicaKey) must carry its KeyPolicy (CloudFormation requires it) and is judged by the same rule; KeyPolicy given as a JSON string is parsed, and an unreadable one fails.',
  remediation:
    'Replace Principal "*" in KeyPolicy by the account root (arn:aws:iam::<account>:root) or the role ARNs that use the key, or restrict the statement with a condition such as StringEquals aws:PrincipalAccount, aws:PrincipalOrgID or aws:SourceArn with concrete values.',
  check({ resource, resourceType }) {
    return publicPolicyFindings(resource, 'KeyPolicy', resourceType === 'AWS::KMS::ReplicaKey');
  },
});
