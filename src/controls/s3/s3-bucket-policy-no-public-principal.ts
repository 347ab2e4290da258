import { publicPolicyFindings } from '../../predicates/resource-policy';
import { defineControl } from '../types';

export const s3BucketPolicyNoPublicPrincipal = defineControl({
  id: 'CICD.S3.6',
  slug: 's3-bucket-policy-no-public-principal',
  title: 'S3 bucket policies grant nothing to any principal without a condition that limits the caller',
  resourceTypes: ['AWS::S3::BucketPolicy'],
  severity: 'HIGH',
  risks: ['CICD-SEC-2', 'CICD-SEC-9'],
  requirement: 'Pipeline identities follow least privilege (SEC11-BP07); artifact buckets are reachable only by the pipeline and its deploy roles.',
  rationale:
    'An Allow statement whose principal is "*", {"AWS": "*"}, {"AWS": ["*"]} or a NotPrincipal opens the bucket to every AWS account or to anonymous callers: artifacts can be read, and with write actions replaced before deployment. A condition counts only if it ties the caller to an account, organisation, source ARN or network endpoint with a positive operator (aws:SecureTransport or a StringNotEquals do not). Every statement is evaluated (a leading Deny hides nothing), and JSON-string documents are parsed; an unreadable document fails.',
  remediation:
    'Replace Principal "*" by the account or role ARNs that need access, or add a condition such as StringEquals aws:PrincipalOrgID / aws:SourceAccount / aws:SourceArn to the statement.',
  check({ resource }) {
    return publicPolicyFindings(resource, 'PolicyDocument');
  },
});
