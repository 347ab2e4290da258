import { evaluateStatements, IDENTITY_POLICY_TYPES, identityPolicies } from '../../predicates/iam';
import { escalationLevel } from '../../predicates/identity-grants';
import { defineControl, type ResourceView } from '../types';

function findings(view: ResourceView, resourceType: string) {
  return evaluateStatements(view, identityPolicies(view, resourceType), escalationLevel);
}

export const iamNoPrivilegeEscalation = defineControl({
  id: 'CICD.IAM.4',
  slug: 'iam-no-privilege-escalation',
  title: 'IAM policies grant no privilege-escalation actions on all resources',
  resourceTypes: IDENTITY_POLICY_TYPES,
  severity: 'CRITICAL',
  risks: ['CICD-SEC-2', 'CICD-SEC-5'],
  requirement: 'Least-privilege pipeline roles: a pipeline identity cannot give itself more permissions.',
  rationale:
    'Actions such as iam:CreatePolicyVersion, iam:PutRolePolicy, iam:AttachRolePolicy, iam:CreateAccessKey, iam:UpdateAssumeRolePolicy, sts:AssumeRole or lambda:UpdateFunctionCode on every resource let a compromised build step escalate to any permission in the account. Every IAM action of access level Permissions management in the IAM action catalogue counts as well (attach, detach, put and delete policies, policy versions, boundaries, trust policies). Patterns match with * and ? anywhere and in any case (iam:?ut*, iam:Put*Policy, iam:*Role*, *:Put*Policy, NotAction); "every resource" is judged by what the pattern matches: *, NotResource, or an ARN pattern matching every resource of a kind in one account or in any (arn:aws:iam::111111111111:role/*, arn:aws:iam::*:role*, arn:*:iam::*:*). sts:AssumeRole and similar data-plane escalations are accepted with a resource-tag or resource-account condition (as CDK Pipelines scopes its asset-publishing roles).',
  remediation:
    'Name the exact resource ARNs (e.g. the one role the step assumes: arn:aws:iam::111111111111:role/cdk-hnb659fds-deploy-role-111111111111-eu-west-1) or add a condition on iam:ResourceTag/aws:ResourceTag; permission-management actions (iam:Put*Policy, iam:Attach*Policy, iam:CreatePolicyVersion) do not belong in a pipeline role at all.',
  check({ resource, resourceType }) {
    return findings(resource, resourceType);
  },
});
