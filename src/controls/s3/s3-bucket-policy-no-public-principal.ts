import { publicPolicyFindings } from '../../predicates/resource-policy';
import { defineControl } from '../types';

export const s3BucketPolicyNoPublicPrincipal = defineControl({
  id: 'CICD.S3.6',
  slug: 's3-bucket-policy-no-public-principal',
  title: 'S3 bucket and access point policies grant nothing to any principal without a condition that limits the caller',
  resourceTypes: ['AWS::S3::BucketPolicy', 'AWS::S3::AccessPoint'],
  severity: 'HIGH',
  risks: ['CICD-SEC-2', 'CICD-SEC-9'],
  requirement: 'Pipeline identities follow least privilege (SEC11-BP07); artifact buckets are reachable only by the pipeline and its deploy roles.',
  rationale:
    'An Allow statement whose principal is "*", {"AWS": "*"}, {"AWS": ["*"]} or a NotPrincipal opens the bucket to every AWS account or to anonymous callers: artifacts can be read, and with write actions replaced before deployment. A condition counts only if it ties the caller to an account, organisation, source ARN or network endpoint with a positive operator (aws:SecureTransport or a StringNotEquals do not). An access point policy (AWS::S3::AccessPoint Policy) opens the bucket\'s objects through the access point just the same and is judged by the same rule. Every statement is evaluated (a leading Deny hides nothing), and JSON-string documents are parsed; an unreadable document fails; a principal the template does not resolve is UNKNOWN.',
  remediation:
    'In PolicyDocument (bucket policy) or Policy (access point), replace Principal "*" by the account or role ARNs that need access, or add a condition such as StringEquals aws:PrincipalOrgID / aws:SourceAccount / aws:SourceArn to the statement.',
  check({ resource, resourceType }) {
    return publicPolicyFindings(resource, resourceType === 'AWS::S3::AccessPoint' ? 'Policy' : 'PolicyDocument');
  },
});
