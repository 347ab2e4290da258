import { publicPolicyFindings, RESOURCE_POLICY_PATH, S3_POLICY_TYPES } from '../../predicates/resource-policy';
import { defineControl } from '../types';


/**
 * Policy-only resources CloudFormation cannot create without their document: an absent one cannot be checked and
 * fails closed. (An access point's Policy is optional; a bucket policy without PolicyDocument grants nothing here,
 * and CICD.IAM.21 fails it.)
 */
const DOCUMENT_REQUIRED: ReadonlySet<string> = new Set(['AWS::S3::MultiRegionAccessPointPolicy', 'AWS::S3ObjectLambda::AccessPointPolicy', 'AWS::S3Express::BucketPolicy']);

export const s3BucketPolicyNoPublicPrincipal = defineControl({
  id: 'CICD.S3.6',
  slug: 's3-bucket-policy-no-public-principal',
  title: 'S3 bucket, access point and directory bucket policies grant nothing to any principal without a condition that limits the caller',
  resourceTypes: S3_POLICY_TYPES,
  severity: 'HIGH',
  risks: ['CICD-SEC-2', 'CICD-SEC-9'],
  requirement: 'Pipeline identities follow least privilege (SEC11-BP07); artifact buckets are reachable only by the pipeline and its deploy roles.',
  rationale:
    'An Allow statement whose principal is "*", {"AWS": "*"}, {"AWS": ["*"]} or a NotPrincipal opens the bucket to every AWS account or to anonymous callers: artifacts can be read, and with write actions replaced before deployment. A condition counts only if it ties the caller to an account, organisation, source ARN or network endpoint with a positive operator (aws:SecureTransport or a StringNotEquals do not). Every other way to attach a policy to the objects is judged by the same rule: an access point (AWS::S3::AccessPoint Policy), a multi-Region access point over the bucket (AWS::S3::MultiRegionAccessPointPolicy Policy), an Object Lambda access point (AWS::S3ObjectLambda::AccessPointPolicy PolicyDocument), a directory bucket (AWS::S3Express::BucketPolicy PolicyDocument) and its access points (AWS::S3Express::AccessPoint Policy). Every statement is evaluated (a leading Deny hides nothing), and JSON-string documents are parsed; an unreadable document fails; a principal the template does not resolve is UNKNOWN. The multi-Region, Object Lambda and directory bucket policy resources exist only to carry their document (CloudFormation requires it): one without it cannot be checked and fails.',
  remediation:
    'In PolicyDocument (bucket, directory bucket or Object Lambda access point policy) or Policy (access point, multi-Region access point), replace Principal "*" by the account or role ARNs that need access, or add a condition such as StringEquals aws:PrincipalOrgID / aws:SourceAccount / aws:SourceArn to the statement.',
  check({ resource, resourceType }) {
    const path = RESOURCE_POLICY_PATH[resourceType];
    return path === undefined ? [] : publicPolicyFindings(resource, path, DOCUMENT_REQUIRED.has(resourceType));
  },
});
