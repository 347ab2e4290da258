import { ADMIN_MANAGED_POLICIES, managedPolicyNameOf, renderString, UNRESOLVED } from '../../predicates/iam';
import { defineControl, type Finding, type ResourceView } from '../types';

const ADMIN = new Map(ADMIN_MANAGED_POLICIES.map((n) => [n.toLowerCase(), n]));
const PSEUDO = Object.freeze({ 'AWS::Partition': 'aws' });

/**
 * `list` rather than `items`: an intrinsic ARN is not UNKNOWN by itself (a bare Ref names a customer managed
 * policy of this template, judged by the policy controls); only an AWS managed ARN the template does not spell out is.
 */
function findings(view: ResourceView): Finding[] {
  const out: Finding[] = [];
  const arns = view.list('ManagedPolicyArns');
  for (let i = 0; i < arns.length; i++) {
    const arn = renderString(arns[i], PSEUDO);
    if (arn === undefined) continue;
    const name = managedPolicyNameOf(arn);
    if (name === undefined) {
      // an AWS managed policy whose name the template does not spell out is undecidable locally
      if (arn.includes(UNRESOLVED) && /:iam::aws:policy\//.test(arn)) view.unknown(`ManagedPolicyArns[${i}]`, 'the managed policy ARN is not resolvable from the template');
      continue;
    }
    const admin = ADMIN.get(name.toLowerCase());
    if (admin) {
      const path = `ManagedPolicyArns[${i}]`;
      out.push({ path, message: `${path} attaches the AWS managed policy ${admin}, which grants administrator-level access` });
    }
  }
  return out;
}

export const iamNoAdminManagedPolicies = defineControl({
  id: 'CICD.IAM.2',
  slug: 'iam-no-admin-managed-policies',
  title: 'Roles, users and groups attach no AdministratorAccess, PowerUserAccess or IAMFullAccess managed policy',
  resourceTypes: ['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'],
  severity: 'CRITICAL',
  risks: ['CICD-SEC-2', 'CICD-SEC-5'],
  requirement: 'Least-privilege pipeline roles: no AWS managed administrator policies on pipeline identities.',
  rationale:
    'AdministratorAccess and PowerUserAccess grant (nearly) every action; IAMFullAccess lets the holder grant itself anything. Attached to a pipeline role they give every build step the power to take over the account. ARNs are matched in every partition (arn:aws, arn:aws-us-gov, arn:aws-cn) and policy names without regard to letter case.',
  remediation:
    'Remove the ARN from ManagedPolicyArns and grant the specific actions on the specific resources the step needs; for deployments use the CDK bootstrap deploy role via the pipeline, not an admin role.',
  cdkHint:
    "grant methods (bucket.grantRead(role)) or role.addToPolicy(new iam.PolicyStatement({ actions, resources })) instead of iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')",
  check({ resource }) {
    return findings(resource);
  },
});
