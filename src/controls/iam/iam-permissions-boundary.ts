import { renderString, UNRESOLVED } from '../../predicates/iam';
import { isIntrinsic } from '../../predicates/values';
import { defineControl, type ResourceView } from '../types';

type State = { ok: true } | { ok: false; reason: 'missing' | 'case' | 'other' | 'unknown' };

/** The partition segment of the configured ARN (the engine substituted ${AWS::Partition} with the request's). */
function partitionOf(arn: string): string {
  return arn.split(':')[1] ?? 'aws';
}

function state(view: ResourceView, required: string, accountId: string): State {
  const raw = view.get('PermissionsBoundary');
  if (raw === undefined || raw === null || raw === '') return { ok: false, reason: 'missing' };
  let value: string | undefined;
  if (isIntrinsic(raw)) {
    value = renderString(raw, { 'AWS::Partition': partitionOf(required), 'AWS::AccountId': accountId });
    if (value === undefined || value.includes(UNRESOLVED)) {
      view.unknown('PermissionsBoundary', 'the permissions boundary ARN is not resolvable from the template');
      return { ok: false, reason: 'unknown' };
    }
  } else {
    value = view.strOf(raw, 'PermissionsBoundary');
  }
  if (value === undefined) return { ok: false, reason: 'other' };
  if (value.trim() === required) return { ok: true };
  return { ok: false, reason: value.trim().toLowerCase() === required.toLowerCase() ? 'case' : 'other' };
}

export const iamPermissionsBoundary = defineControl({
  id: 'CICD.IAM.10',
  slug: 'iam-permissions-boundary',
  title: 'IAM roles and users carry the platform permissions boundary (when one is configured)',
  resourceTypes: ['AWS::IAM::Role', 'AWS::IAM::User'],
  severity: 'HIGH',
  risks: ['CICD-SEC-5', 'CICD-SEC-2'],
  requirement: 'Least-privilege pipeline roles: every principal a pipeline creates is capped by the platform boundary (G-05).',
  rationale:
    'A permissions boundary caps what a role or user can ever do, whatever policies are attached later; without it a pipeline that may create roles can mint an unbounded principal and escalate through it. The check runs on create and on update for both roles and users, so an update cannot drop the boundary, and it never exempts by RoleName. ARNs compare exactly (an ARN differing only in letter case fails, because IAM condition keys such as iam:PermissionsBoundary compare case-sensitively); ${AWS::Partition} and ${AWS::AccountId} in the configured ARN are substituted. When PermissionsBoundaryArn is empty (the default) this control passes every resource.',
  remediation:
    'Set PermissionsBoundary to the platform boundary ARN from the hook configuration (PermissionsBoundaryArn, e.g. arn:aws:iam::111111111111:policy/pipeline-boundary).',
  cdkHint: "iam.PermissionsBoundary.of(stack).apply(iam.ManagedPolicy.fromManagedPolicyName(stack, 'Boundary', 'pipeline-boundary'))",
  parameters: ['PermissionsBoundaryArn'],
  check({ resource, settings, accountId }) {
    const required = settings.PermissionsBoundaryArn.trim();
    if (required === '') return [];
    const now = state(resource, required, accountId);
    if (now.ok) return [];
    let message: string;
    switch (now.reason) {
      case 'missing':
        message = `PermissionsBoundary is missing: the platform requires ${required} (PermissionsBoundaryArn)`;
        break;
      case 'case':
        message = `PermissionsBoundary differs from the required ${required} in letter case (ARNs compare case-sensitively)`;
        break;
      case 'unknown':
        message = 'PermissionsBoundary cannot be checked (unresolved value)';
        break;
      default:
        message = `PermissionsBoundary is not the platform boundary ${required} (PermissionsBoundaryArn)`;
    }
    return [{ path: 'PermissionsBoundary', message }];
  },
});
