/**
 * Nested templates: a resource whose property carries a whole template inline (an
 * AWS::CloudFormation::StackSet's TemplateBody) deploys every resource of that template, in every account
 * and region of the set. The engine parses the inline template (src/template/parse.ts: JSON or YAML, strict)
 * and evaluates each resource of a targeted type with the same controls, through the per-resource
 * `evaluate` it is handed (as a CREATE: the stack instances create them). The control that declares the
 * property (`nestedTemplate`) receives the results and reports them; controls never import the engine.
 *
 * Limits: values inside the inline template that refer to its parameters or resources (Ref, Fn::GetAtt,
 * Fn::Sub) are not resolved and are UNKNOWN where a control needs them; a TemplateURL is not fetched (the
 * hook has no permissions); nesting is followed NESTED_DEPTH levels deep.
 */
import type { NestedTemplateResult } from '../controls/types';
import type { Action } from '../model';
import { isDynamicReference, isIntrinsic, isRecord } from '../predicates/values';
import { parseTemplateText } from '../template/parse';
import type { Evaluation, Target } from './evaluate';
import { joinPath } from './view';

export const NESTED_DEPTH = 3;

/** Parse and evaluate the template held at `path` of `properties` (undefined when the property is absent). */
export function evaluateNested(
  properties: Record<string, unknown>,
  path: string,
  target: Pick<Target, 'logicalId' | 'accountId' | 'stackName'>,
  run: (t: Target) => Evaluation,
  depth = 0,
): NestedTemplateResult | undefined {
  const raw = properties[path];
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return undefined;
  if (isIntrinsic(raw) || isDynamicReference(raw)) return { path, unresolved: true, resources: [] };
  if (depth >= NESTED_DEPTH) return { path, error: `nested more than ${NESTED_DEPTH} levels deep`, resources: [] };
  let template: unknown = raw;
  if (typeof raw === 'string') {
    try {
      template = parseTemplateText(raw, path).value;
    } catch (e) {
      return { path, error: e instanceof Error && e.name === 'TemplateError' ? 'is not a readable JSON or YAML template' : 'cannot be read', resources: [] };
    }
  }
  if (!isRecord(template)) return { path, error: 'is not a template (not an object)', resources: [] };
  const resources = template.Resources;
  if (resources === undefined) return { path, resources: [] };
  if (!isRecord(resources)) return { path, error: 'has a Resources section that is not an object', resources: [] };
  const out: NestedTemplateResult = { path, resources: [] };
  for (const [logicalId, r] of Object.entries(resources)) {
    if (!isRecord(r) || typeof r.Type !== 'string') continue;
    const props = r.Properties === undefined ? {} : r.Properties;
    const prefix = joinPath(path, `Resources.${logicalId}.Properties`);
    if (!isRecord(props)) {
      out.resources.push({ logicalId, resourceType: r.Type, prefix, outcomes: [{ controlId: '', status: 'UNKNOWN', findings: [], unknowns: [{ path: '', why: 'the Properties are not an object the template resolves' }] }] });
      continue;
    }
    const action: Action = 'CREATE';
    const evaluation = run({ resourceType: r.Type, logicalId: target.logicalId, action, properties: props, accountId: target.accountId, stackName: target.stackName });
    out.resources.push({
      logicalId,
      resourceType: r.Type,
      prefix,
      outcomes: evaluation.outcomes
        .filter((o) => (o.status === 'FAIL' || o.status === 'UNKNOWN') && !o.warnOnly)
        .map((o) => ({ controlId: o.control.id, status: o.status as 'FAIL' | 'UNKNOWN', findings: o.findings.map((f) => ({ path: f.path, message: f.message })), unknowns: o.unknowns })),
    });
  }
  return out;
}
