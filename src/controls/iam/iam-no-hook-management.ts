import { grantedHookActions } from '../../predicates/hook-rights';
import { allows, evaluateStatements, IDENTITY_POLICY_TYPES, identityPolicies } from '../../predicates/iam';
import { globMatch } from '../../predicates/glob';
import { defineControl, type ResourceView } from '../types';

function findings(view: ResourceView, resourceType: string) {
  return evaluateStatements(view, identityPolicies(view, resourceType), (st) => {
    if (!allows(st)) return undefined;
    const hits = grantedHookActions(st);
    if (hits.length === 0) return undefined;
    const shown = hits.slice(0, 4).map((a) => {
      const pattern = st.notAction ? 'NotAction' : st.actions.find((p) => globMatch(p, a.toLowerCase()));
      return pattern === undefined || pattern === a.toLowerCase() ? a : `${a} (via ${pattern})`;
    });
    const more = hits.length > shown.length ? ` and ${hits.length - shown.length} more` : '';
    return `grants CloudFormation hook/type-management action${hits.length > 1 ? 's' : ''} ${shown.join(', ')}${more}: the holder can switch off or replace this hook`;
  });
}

export const iamNoHookManagement = defineControl({
  id: 'CICD.IAM.19',
  slug: 'iam-no-hook-management',
  title: 'No IAM policy grants the rights to register, configure, deactivate or replace CloudFormation hooks and types',
  resourceTypes: IDENTITY_POLICY_TYPES,
  severity: 'CRITICAL',
  // the rights to switch this hook off matter wherever they are, pipeline-related or not
  ignoresScope: true,
  risks: ['CICD-SEC-1', 'CICD-SEC-2'],
  requirement: 'The guard cannot be switched off by the teams it guards: hook and registry-type management stays with the platform.',
  rationale:
    "Whoever may call cloudformation:SetTypeConfiguration can set this hook's HookInvocationStatus to DISABLED or its FailureMode to WARN; DeactivateType and DeregisterType remove it; RegisterType and SetTypeDefaultVersion replace its code or roll it back to an older version; ActivateType, PublishType and TestType bring in other types. Every control of this hook is void once a role the team's stack creates holds any of them. The list is every CloudFormation action of access level Write or Permissions management that operates on a registry type, from the IAM catalogue (documented in src/predicates/hook-rights.ts; Describe/List/BatchDescribe actions are reads). Action patterns are judged by what they match (cloudformation:*, cloudformation:Set*, *:Deactivate*, cloudformation:?eregisterType, *, NotAction), on any resource and under any condition: a type ARN is no narrowing when the type is this hook. Attached AWS managed policies are judged by content (AWSCloudFormationFullAccess, AdministratorAccess). Resource policies cannot grant CloudFormation actions (each service's resource policy accepts only its own actions), so identity policies are where the right lives. The platform's own rollout stacks do not create such roles: the StackSet's execution role is managed outside the team's stacks.",
  remediation:
    'Remove the cloudformation type-management actions (SetTypeConfiguration, ActivateType, DeactivateType, RegisterType, DeregisterType, SetTypeDefaultVersion, PublishType, TestType) from the statement: list the CloudFormation actions the role needs (CreateChangeSet, DescribeStacks, …) instead of cloudformation:* or *.',
  cdkHint: "new iam.PolicyStatement({ actions: ['cloudformation:DescribeStacks', 'cloudformation:CreateChangeSet', ...] }) instead of actions: ['cloudformation:*']",
  check({ resource, resourceType }) {
    return findings(resource, resourceType);
  },
});
