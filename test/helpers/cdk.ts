/**
 * Test-side bridge from a synthesized CDK cloud assembly to hook invocations, as CloudFormation would
 * deliver them: every intrinsic function resolved to a plausible physical value, AWS::NoValue removed,
 * primitives stringified, one RESOURCE invocation per resource whose type the hook targets.
 *
 * Resolution is the shipped resolver (src/template, the one `pipeline-guard check` runs) in strict mode:
 * anything it cannot resolve throws with the logical ID and property path, so a test never silently hands
 * the hook a half-resolved value.
 */
import { createHash } from 'node:crypto';
import type { CloudAssembly, CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';
import { targetNamesFor } from '../../src/engine/schema';
import type { HookResponse } from '../../src/protocol/wire';
import { partitionOf, Resolver, stringifyPrimitives } from '../../src/template/resolve';
import { StackModel } from '../../src/template/stack';
import { buildRequest, invokeHook, type TestAction } from './requests';

export interface SynthStack {
  /** The stack's display path (e.g. `DefaultPipeline/Prod/App`), unique within the assembly tree. */
  path: string;
  stackName: string;
  account: string;
  region: string;
  template: Record<string, unknown>;
}

/** Every CloudFormation stack of an assembly, including the nested stage assemblies of CDK Pipelines. */
export function stacksOf(assembly: CloudAssembly): SynthStack[] {
  const out: SynthStack[] = [];
  const visit = (a: CloudAssembly): void => {
    for (const s of a.stacks as CloudFormationStackArtifact[]) {
      out.push({
        path: s.hierarchicalId,
        stackName: s.stackName,
        account: s.environment.account,
        region: s.environment.region,
        template: s.template as Record<string, unknown>,
      });
    }
    for (const n of a.nestedAssemblies) visit(n.nestedAssembly);
  };
  visit(assembly);
  return out.sort((x, y) => x.path.localeCompare(y.path));
}

// ---------------------------------------------------------------------------------------------------
// Resolution: the shipped resolver (src/template), strict, for one deployment
// ---------------------------------------------------------------------------------------------------

/** A deterministic UUID-shaped id (the stack ID of a synthesized stack). */
function uuidOf(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The parameter values of the test deployment: SSM-backed parameters resolve to a stored value (here a
 * plausible one; CDK's BootstrapVersion to a current bootstrap version), others take their Default. A
 * parameter with neither is left out, so the strict resolver throws on any Ref to it.
 */
export function deploymentParameters(template: Record<string, unknown>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const params = (template.Parameters ?? {}) as Record<string, Record<string, unknown>>;
  for (const [name, p] of Object.entries(params)) {
    const type = String(p.Type);
    if (type.startsWith('AWS::SSM::Parameter::Value')) out[name] = name === 'BootstrapVersion' ? '30' : `resolved-ssm-${String(p.Default ?? name)}`;
    else if (p.Default !== undefined) out[name] = type.startsWith('List<') || type === 'CommaDelimitedList' ? String(p.Default).split(',') : String(p.Default);
  }
  return out;
}

/** The shipped resolver in strict mode, for the deployment of one synthesized stack. */
export function resolverFor(s: SynthStack): Resolver {
  const pseudo = { accountId: s.account, region: s.region, partition: partitionOf(s.region), stackName: s.stackName, stackId: stackIdOf(s) };
  return new Resolver(s.template, pseudo, { strict: true, parameters: deploymentParameters(s.template) });
}

/** Every resource CloudFormation would create (resource-level Conditions applied), properties fully resolved. */
export function resolvedResources(s: SynthStack): Array<{ logicalId: string; type: string; properties: Record<string, unknown> }> {
  const resolver = resolverFor(s);
  return new StackModel(s.template)
    .resources()
    .filter((r) => r.condition === undefined || resolver.condition(r.condition))
    .map((r) => ({ logicalId: r.logicalId, type: r.type, properties: resolver.properties(r.logicalId) }));
}

// ---------------------------------------------------------------------------------------------------
// Running an assembly through the hook
// ---------------------------------------------------------------------------------------------------

export interface ResourceInvocation {
  stack: SynthStack;
  logicalId: string;
  type: string;
  properties: Record<string, unknown>;
  response: HookResponse;
  logs: string[];
}

export function stackIdOf(s: SynthStack): string {
  return `arn:aws:cloudformation:${s.region}:${s.account}:stack/${s.stackName}/${uuidOf(s.path)}`;
}

/** The resources of a stack that CloudFormation would hand to the hook on `action`, resolved and stringified. */
export function hookTargets(s: SynthStack, action: TestAction = 'CREATE'): Array<{ logicalId: string; type: string; properties: Record<string, unknown> }> {
  const targeted = new Set(targetNamesFor(action));
  return resolvedResources(s)
    .filter((r) => targeted.has(r.type))
    .map((r) => ({ ...r, properties: stringifyPrimitives(r.properties) }));
}

/** Invoke the hook for every targeted resource of every stack (sequentially, in a stable order). */
export async function runAssembly(stacks: readonly SynthStack[], hookModel: unknown = null, action: TestAction = 'CREATE'): Promise<ResourceInvocation[]> {
  const out: ResourceInvocation[] = [];
  for (const s of stacks) {
    for (const t of hookTargets(s, action)) {
      const request = buildRequest({ type: t.type, properties: t.properties, logicalId: t.logicalId, hookModel, action, stackId: stackIdOf(s) });
      request.awsAccountId = s.account;
      const { response, logs } = await invokeHook(request);
      out.push({ stack: s, logicalId: t.logicalId, type: t.type, properties: t.properties, response, logs });
    }
  }
  return out;
}

/**
 * One line per FAILED outcome: `${stack}/${logicalId} ${controlId}` for each FAILED annotation, and
 * `${stack}/${logicalId} ERROR ${errorCode}` for a FAILED answer that is not a compliance verdict.
 */
export function failedLines(results: readonly ResourceInvocation[]): string[] {
  const lines: string[] = [];
  for (const r of results) {
    const where = `${r.stack.path}/${r.logicalId}`;
    if (r.response.hookStatus === 'FAILED' && r.response.errorCode !== 'NonCompliant') lines.push(`${where} ERROR ${r.response.errorCode ?? '?'}`);
    for (const a of r.response.annotations ?? []) if (a.status === 'FAILED') lines.push(`${where} ${a.annotationName}`);
  }
  return lines.sort();
}

/** Human-readable detail of the failures (for assertion messages): line, status message. */
export function failureDetail(results: readonly ResourceInvocation[]): string {
  const out: string[] = [];
  for (const r of results) {
    const where = `${r.stack.path}/${r.logicalId} (${r.type})`;
    if (r.response.hookStatus === 'FAILED' && r.response.errorCode !== 'NonCompliant') out.push(`${where} ERROR ${r.response.errorCode}: ${r.response.message}`);
    for (const a of r.response.annotations ?? []) if (a.status === 'FAILED') out.push(`${where} ${a.annotationName}: ${a.statusMessage}`);
  }
  return out.join('\n');
}
