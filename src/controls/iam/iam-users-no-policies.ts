import { identityPolicies, managedPolicyNameOf, renderString, type PolicySource } from '../../predicates/iam';
import { defineControl, type Finding, type ResourceView } from '../types';

const PSEUDO = Object.freeze({ 'AWS::Partition': 'aws' });

/** A document that only denies (a quarantine policy) may be attached to a user. */
function denies(d: PolicySource): boolean {
  return !d.policy.error && d.policy.statements.length > 0 && d.policy.statements.every((s) => s.effect === 'Deny');
}

function denyOnly(view: ResourceView, resourceType: string): boolean {
  const docs = identityPolicies(view, resourceType);
  return docs.length > 0 && docs.every(denies);
}

function findings(view: ResourceView, resourceType: string): Finding[] {
  const out: Finding[] = [];
  if (resourceType === 'AWS::IAM::User') {
    for (const d of identityPolicies(view, resourceType)) {
      if (denies(d) || d.awsManaged !== undefined) continue; // AWS managed policies: ManagedPolicyArns below
      const path = d.path.slice(0, d.path.lastIndexOf('.PolicyDocument')); // Policies[0]
      out.push({ path, message: `${path} gives the user an inline policy that allows actions` });
    }
    // `list` rather than `items`: any managed policy but AWSDenyAll fails, written as an ARN or as a Ref
    const arns = view.list('ManagedPolicyArns');
    for (let i = 0; i < arns.length; i++) {
      const arn = renderString(arns[i], PSEUDO);
      if (arn !== undefined && managedPolicyNameOf(arn) === 'AWSDenyAll') continue;
      out.push({ path: `ManagedPolicyArns[${i}]`, message: `ManagedPolicyArns[${i}] attaches a managed policy directly to the user` });
    }
    return out;
  }
  if (resourceType === 'AWS::IAM::UserPolicy') {
    if (!denyOnly(view, resourceType)) out.push({ path: 'UserName', message: 'UserName: AWS::IAM::UserPolicy attaches a policy that allows actions directly to an IAM user' });
    return out;
  }
  // AWS::IAM::Policy / AWS::IAM::ManagedPolicy
  const users = view.list('Users');
  if (users.length > 0 && !denyOnly(view, resourceType)) out.push({ path: 'Users', message: `Users attaches this policy to ${users.length} IAM user${users.length > 1 ? 's' : ''}` });
  return out;
}

export const iamUsersNoPolicies = defineControl({
  id: 'CICD.IAM.13',
  slug: 'iam-users-no-policies',
  title: 'IAM users carry no permission policies (only deny-only quarantine policies)',
  resourceTypes: ['AWS::IAM::User', 'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::UserPolicy'],
  severity: 'HIGH',
  risks: ['CICD-SEC-2', 'CICD-SEC-6'],
  requirement: 'No long-term credentials: permissions belong to roles assumed with short-lived credentials, not to IAM users (G-09, IAM-10).',
  rationale:
    'Permissions on an IAM user are exercised with long-term credentials (access keys, console passwords). A pipeline stack that gives a user permissions (User.Policies, User.ManagedPolicyArns, Policy/ManagedPolicy.Users, AWS::IAM::UserPolicy) is building a long-lived identity for CI instead of using roles. Deny-only policies (e.g. AWSDenyAll, an inline Deny * used to quarantine a user) are accepted because they only take permissions away.',
  remediation:
    'Remove Policies/ManagedPolicyArns from the user and Users from the policy; give the workload an IAM role (CodeBuild service role, or OIDC federation for external CI) and attach the policy to that role (Roles: [...]).',
  check({ resource, resourceType }) {
    return findings(resource, resourceType);
  },
});
