import { globMatch } from '../../predicates/glob';
import { REGISTRY_RESOURCE_TYPES, targetsThisHook } from '../../predicates/hook-rights';
import { defineControl, type Finding, type ResourceView } from '../types';

/** What the declaration registers or configures, for the message (never a value but the type's name). */
function subject(view: ResourceView, resourceType: string): string {
  for (const key of ['TypeName', 'Alias', 'TypeNameAlias', 'ModuleName', 'TypeArn', 'TypeVersionArn', 'PublicTypeArn', 'Arn']) {
    const v = view.get(key);
    if (typeof v === 'string' && /^[A-Za-z0-9:/._-]{1,256}$/.test(v)) return ` (${key} ${v})`;
  }
  return resourceType === 'AWS::CloudFormation::HookTypeConfig' ? ' (the configuration of a hook type)' : '';
}

function findings(view: ResourceView, resourceType: string, stackName: string | undefined, platform: readonly string[]): Finding[] {
  const declared = `${resourceType}${subject(view, resourceType)}`;
  if (stackName === undefined || stackName === '') {
    // not a stack operation (Cloud Control API): the setting names stacks, so only a declaration that acts on
    // this hook (or may: its type is not spelt out) fails; other types are the caller's own type-management
    // rights, which CICD.IAM.19 keeps out of every policy the hook judges
    if (targetsThisHook((k) => view.get(k)) === 'no') return [];
    return [{ path: '', message: `${declared} acts on this hook (or its target is not spelt out) outside any stack: only the platform's rollout stacks (PlatformStackNames) may register, configure or replace it` }];
  }
  if (platform.some((p) => globMatch(p, stackName))) return [];
  const kind = resourceType.slice('AWS::CloudFormation::'.length);
  return [
    {
      path: '',
      message: `stack ${stackName} declares ${declared}: only the platform's rollout stacks (PlatformStackNames) may register, configure or create hooks and registry extensions; a ${kind} here can switch off or replace this hook, act on every stack of the account, or bring in a type whose changes this hook never sees`,
    },
  ];
}

export const cfnNoHookDeclarations = defineControl({
  id: 'CICD.CFN.2',
  slug: 'cfn-no-hook-declarations',
  title: 'Only the platform stacks declare CloudFormation hooks, hook configurations and registry extensions',
  resourceTypes: REGISTRY_RESOURCE_TYPES,
  severity: 'CRITICAL',
  // a hook declaration matters in any stack, pipeline-related or not
  ignoresScope: true,
  risks: ['CICD-SEC-1', 'CICD-SEC-2'],
  requirement: 'The guard cannot be switched off by the teams it guards: hook and registry-type management stays with the platform.',
  rationale:
    "A stack that declares AWS::CloudFormation::HookTypeConfig for this hook's type can set HookInvocationStatus DISABLED or FailureMode WARN; HookVersion registers new code for a hook type and HookDefaultVersion makes an older or foreign version the one that runs; LambdaHook and GuardHook create hooks that see (and can block) every stack of the account. TypeActivation, ResourceVersion, ResourceDefaultVersion, ModuleVersion, ModuleDefaultVersion and PublicTypeVersion bring other extensions into the registry: a public or private resource type runs its own handler code with an execution role, and resources of a type this hook does not target change buckets, keys or policies where no control sees it (TypeActivation with Type HOOK activates a third-party hook). CloudFormation provisions them with the deployment role, which in a CDK or pipeline setup is commonly an administrator, so a rule on policies alone does not stop it. Only stacks whose name matches PlatformStackNames (globs, default none) may declare these types; every other stack fails, whatever type the resource names. Requests that are not part of a stack operation (Cloud Control API) carry no stack name: there a declaration fails when it acts on this hook (TypeName, TypeArn, TypeVersionArn, Alias, TypeNameAlias, PublicTypeArn, ModuleName or Arn in the PipelineGuard::CICD:: namespace) or does not spell out what it acts on; for other types the caller's own cloudformation type-management rights decide, and CICD.IAM.19 keeps them out of every policy the hook judges.",
  remediation:
    "Remove the hook or registry resource from the application's stack and ask the platform team to manage hooks and extensions from its rollout stacks; the platform adds those stacks' names to PlatformStackNames. Use CloudFormation's own resource types (or a Lambda-backed custom resource whose role this hook judges) instead of a registered extension.",
  parameters: ['PlatformStackNames'],
  check({ resource, resourceType, stackName, settings }) {
    return findings(resource, resourceType, stackName, settings.PlatformStackNames ?? []);
  },
});
