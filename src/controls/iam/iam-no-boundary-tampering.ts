import {
  allows,
  BOUNDARY_REMOVAL_ACTIONS,
  BOUNDARY_REPLACE_ACTIONS,
  coversResource,
  evaluateStatements,
  IDENTITY_POLICY_TYPES,
  identityPolicies,
  onlyWildcards,
  POLICY_EDIT_ACTIONS,
  PRINCIPAL_CREATE_ACTIONS,
} from '../../predicates/iam';
import { conditionValues, grantsAction, type Statement } from '../../predicates/policy';
import { isIntrinsic, isRecord } from '../../predicates/values';
import { defineControl, type ResourceView } from '../types';

const POSITIVE = /^(foranyvalue:)?(stringequals|stringlike|arnequals|arnlike)(ignorecase)?$/i;

/**
 * Does the statement require a boundary with a positive iam:PermissionsBoundary condition (and, when the
 * platform configured one, that very ARN)? Unresolved condition values count as pinned (locally undecidable).
 */
function pinsBoundary(st: Statement, required: string): boolean {
  const values = conditionValues(st, 'iam:PermissionsBoundary').filter((v) => POSITIVE.test(v.operator) && !onlyWildcards(v.value));
  let unresolved = false;
  for (const [op, block] of Object.entries(st.condition ?? {})) {
    if (!POSITIVE.test(op) || !isRecord(block)) continue;
    for (const [k, v] of Object.entries(block)) if (k.toLowerCase() === 'iam:permissionsboundary' && [v].flat().some(isIntrinsic)) unresolved = true;
  }
  if (values.length === 0) return unresolved;
  if (required === '') return true;
  return unresolved || values.every((v) => v.value === required);
}

function findings(view: ResourceView, resourceType: string, required: string) {
  return evaluateStatements(view, identityPolicies(view, resourceType), (st) => {
    if (!allows(st)) return undefined;
    const out: string[] = [];
    const removal = BOUNDARY_REMOVAL_ACTIONS.filter((a) => grantsAction(st, a));
    if (removal.length > 0) out.push(`allows ${removal.join(', ')}: a principal could remove its permissions boundary`);
    const replace = BOUNDARY_REPLACE_ACTIONS.filter((a) => grantsAction(st, a));
    if (replace.length > 0 && !pinsBoundary(st, required)) out.push(`allows ${replace.join(', ')} without an iam:PermissionsBoundary condition naming the platform boundary`);
    const create = PRINCIPAL_CREATE_ACTIONS.filter((a) => grantsAction(st, a));
    if (create.length > 0 && !pinsBoundary(st, required)) out.push(`allows ${create.join(', ')} without an iam:PermissionsBoundary condition naming the platform boundary`);
    if (required !== '') {
      const edit = POLICY_EDIT_ACTIONS.filter((a) => grantsAction(st, a));
      if (edit.length > 0 && coversResource(st, required)) out.push(`allows ${edit.join(', ')} on the platform boundary policy itself`);
    }
    return out;
  });
}

export const iamNoBoundaryTampering = defineControl({
  id: 'CICD.IAM.11',
  slug: 'iam-no-boundary-tampering',
  title: 'IAM policies do not let a principal remove, replace or escape the permissions boundary',
  resourceTypes: IDENTITY_POLICY_TYPES,
  severity: 'HIGH',
  risks: ['CICD-SEC-5', 'CICD-SEC-2'],
  requirement: 'Least-privilege pipeline roles: the permissions boundary cannot be removed from inside the pipeline (G-05).',
  rationale:
    'A boundary is only a cap if the capped principal cannot lift it: iam:DeleteRolePermissionsBoundary / iam:DeleteUserPermissionsBoundary remove it, iam:PutRolePermissionsBoundary / iam:PutUserPermissionsBoundary replace it, iam:CreateRole / iam:CreateUser without an iam:PermissionsBoundary condition mint an uncapped principal, and editing the boundary policy itself (iam:CreatePolicyVersion on its ARN) widens the cap for everyone. Wildcards that cover these actions (iam:*, iam:Delete*, NotAction) count. When PermissionsBoundaryArn is configured the condition must name that ARN.',
  remediation:
    'Remove the boundary-changing actions; grant iam:CreateRole / iam:PutRolePermissionsBoundary only with "Condition": {"StringEquals": {"iam:PermissionsBoundary": "arn:aws:iam::111111111111:policy/pipeline-boundary"}}; never grant policy-version actions on the boundary policy.',
  parameters: ['PermissionsBoundaryArn'],
  check({ resource, resourceType, settings }) {
    return findings(resource, resourceType, settings.PermissionsBoundaryArn.trim());
  },
});
