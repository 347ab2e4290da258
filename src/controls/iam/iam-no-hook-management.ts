import { grantedHookActions, platformStackGrant } from '../../predicates/hook-rights';
import { allows, evaluateStatements, hasNarrowingCondition, IDENTITY_POLICY_TYPES, identityPolicies } from '../../predicates/iam';
import type { Statement } from '../../predicates/policy';
import { globMatch } from '../../predicates/glob';
import { defineControl, type ResourceView } from '../types';

/** `cloudformation:SetTypeConfiguration (via cloudformation:set*), … and 3 more` for messages. */
function shownActions(st: Statement, hits: readonly string[]): string {
  const shown = hits.slice(0, 4).map((a) => {
    const pattern = st.notAction ? 'NotAction' : st.actions.find((p) => globMatch(p, a.toLowerCase()));
    return pattern === undefined || pattern === a.toLowerCase() ? a : `${a} (via ${pattern})`;
  });
  const more = hits.length > shown.length ? ` and ${hits.length - shown.length} more` : '';
  return `${shown.join(', ')}${more}`;
}

function findings(view: ResourceView, resourceType: string, platformStackNames: readonly string[]) {
  return evaluateStatements(view, identityPolicies(view, resourceType), (st) => {
    if (!allows(st)) return undefined;
    const out: string[] = [];
    const hits = grantedHookActions(st);
    if (hits.length > 0) out.push(`grants CloudFormation hook/type-management action${hits.length > 1 ? 's' : ''} ${shownActions(st, hits)}: the holder can switch off or replace this hook`);
    const stacks = platformStackGrant(st, platformStackNames);
    if (stacks && !hasNarrowingCondition(st, ['aws:resourcetag/*'])) {
      out.push(`grants stack-change action${stacks.actions.length > 1 ? 's' : ''} ${shownActions(st, stacks.actions)} on ${st.notResource ? 'NotResource (every other stack)' : 'a resource'} that can name the platform's rollout stacks (PlatformStackNames ${stacks.platform}): the holder can update or delete the stacks that register and configure this hook`);
    }
    return out.length > 0 ? out : undefined;
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
    "Whoever may call cloudformation:SetTypeConfiguration can set this hook's HookInvocationStatus to DISABLED or its FailureMode to WARN; DeactivateType and DeregisterType remove it; RegisterType and SetTypeDefaultVersion replace its code or roll it back to an older version; ActivateType, PublishType and TestType bring in other types. Every control of this hook is void once a role the team's stack creates holds any of them. The list is every CloudFormation action of access level Write or Permissions management that operates on a registry type, from the IAM catalogue (documented in src/predicates/hook-rights.ts; Describe/List/BatchDescribe actions are reads). Action patterns are judged by what they match (cloudformation:*, cloudformation:Set*, *:Deactivate*, cloudformation:?eregisterType, *, NotAction), on any resource and under any condition: a type ARN is no narrowing when the type is this hook. Attached AWS managed policies are judged by content (AWSCloudFormationFullAccess, AdministratorAccess). Resource policies cannot grant CloudFormation actions (each service's resource policy accepts only its own actions), so identity policies are where the right lives. The platform's own rollout stacks do not create such roles: the StackSet's execution role is managed outside the team's stacks. The stacks that hold the hook's registration and configuration are as much a switch: where PlatformStackNames names them, any stack-change action (every CloudFormation Write, Permissions management or Tagging action of the catalogue but type management and the few that name no stack: CreateStack, UpdateStack, DeleteStack, CreateChangeSet/ExecuteChangeSet, ContinueUpdateRollback, SetStackPolicy, CreateStackSet, CreateStackInstances, TagResource, …) on a resource that can name one of them (*, NotResource, arn:aws:cloudformation:*:*:stack/*, a name glob that overlaps a PlatformStackNames glob, or a stack set whose instance stacks, named StackSet-<stack set name>-<id>, can match one) fails too, unless an aws:ResourceTag condition narrows it (the team cannot tag the platform's stacks).",
  remediation:
    'Remove the cloudformation type-management actions (SetTypeConfiguration, ActivateType, DeactivateType, RegisterType, DeregisterType, SetTypeDefaultVersion, PublishType, TestType) from the statement: list the CloudFormation actions the role needs (CreateChangeSet, DescribeStacks, …) instead of cloudformation:* or *.',
  cdkHint: "new iam.PolicyStatement({ actions: ['cloudformation:DescribeStacks', 'cloudformation:CreateChangeSet', ...] }) instead of actions: ['cloudformation:*']",
  parameters: ['PlatformStackNames'],
  check({ resource, resourceType, settings }) {
    return findings(resource, resourceType, settings.PlatformStackNames ?? []);
  },
});
