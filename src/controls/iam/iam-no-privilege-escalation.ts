import { evaluateStatements, IDENTITY_POLICY_TYPES, identityPolicies, statementLabel } from '../../predicates/iam';
import { escalationAmong } from '../../predicates/identity-grants';
import type { Statement } from '../../predicates/policy';
import { defineControl, type ResourceView } from '../types';

function findings(view: ResourceView, resourceType: string) {
  const sources = identityPolicies(view, resourceType);
  const statements = sources.flatMap((s) => s.policy.statements);
  const labels = new Map<Statement, string>(sources.flatMap((src) => src.policy.statements.map((st) => [st, statementLabel(src, st)] as const)));
  return evaluateStatements(view, sources, escalationAmong(statements, (s) => labels.get(s) ?? `Statement[${s.index}]`));
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
    'Actions such as iam:CreatePolicyVersion, iam:PutRolePolicy, iam:AttachRolePolicy, iam:CreateAccessKey, iam:UpdateAssumeRolePolicy, sts:AssumeRole or lambda:UpdateFunctionCode on every resource let a compromised build step escalate to any permission in the account. Every IAM action of access level Permissions management in the IAM action catalogue counts as well (attach, detach, put and delete policies, policy versions, boundaries, trust policies). Patterns match with * and ? anywhere and in any case (iam:?ut*, iam:Put*Policy, iam:*Role*, *:Put*Policy, NotAction); "every resource" is judged by what the pattern matches: *, NotResource, or an ARN pattern matching every resource of a kind in one account or in any (arn:aws:iam::111111111111:role/*, arn:aws:iam::*:role*, arn:*:iam::*:*); and, as actions are, resources are judged as a set: patterns that together match every role, user, policy, function, project, instance, key … of an account (role/A* … role/9*, one per first character; instance/i-0* … i-f*), judged against a corpus of names built from each service\'s naming rules (src/predicates/resource-corpus.ts), and a grant split over several statements of the resource\'s policies whose resources add up to every resource of a kind (under the same condition or one that does not narrow the action). sts:AssumeRole and similar data-plane escalations are accepted with a resource-tag or resource-account condition (as CDK Pipelines scopes its asset-publishing roles); iam:AttachRolePolicy with an iam:PolicyARN condition naming the policies it may attach, but not one whose values alone or together match every managed policy (arn:aws:iam::aws:policy/*, arn:aws:iam::111111111111:policy/*).',
  remediation:
    'Name the exact resource ARNs (e.g. the one role the step assumes: arn:aws:iam::111111111111:role/cdk-hnb659fds-deploy-role-111111111111-eu-west-1) or add a condition on iam:ResourceTag/aws:ResourceTag; permission-management actions (iam:Put*Policy, iam:Attach*Policy, iam:CreatePolicyVersion) do not belong in a pipeline role at all.',
  check({ resource, resourceType }) {
    return findings(resource, resourceType);
  },
});
