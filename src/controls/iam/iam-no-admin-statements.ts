import { allows, evaluateStatements, IDENTITY_POLICY_TYPES, identityPolicies } from '../../predicates/iam';
import { grantsAllActions, onAllResources } from '../../predicates/policy';
import { defineControl, type ResourceView } from '../types';

function findings(view: ResourceView, resourceType: string) {
  return evaluateStatements(view, identityPolicies(view, resourceType), (st) => {
    if (!allows(st) || !grantsAllActions(st) || !onAllResources(st)) return undefined;
    const what = st.notAction ? 'every action outside its NotAction list' : 'every action (*)';
    const where = st.notResource ? 'every resource outside its NotResource list' : 'every resource (*)';
    return `allows ${what} on ${where}: administrator access`;
  });
}

export const iamNoAdminStatements = defineControl({
  id: 'CICD.IAM.1',
  slug: 'iam-no-admin-statements',
  title: 'IAM policies grant no administrator access (no Allow of * on *)',
  resourceTypes: IDENTITY_POLICY_TYPES,
  severity: 'CRITICAL',
  risks: ['CICD-SEC-2', 'CICD-SEC-5'],
  requirement: 'Least-privilege pipeline roles: a pipeline, build or deploy identity never holds administrator access.',
  rationale:
    'A pipeline role with Action * on Resource * turns any poisoned build step, compromised dependency or leaked build credential into full control of the account. Every statement of every document is evaluated (a leading Deny does not hide a later Allow), documents given as JSON strings are parsed, and Allow with NotAction or NotResource counts as broad. "Every resource" is *, an ARN pattern of wildcards only (arn:aws:*:*:*:*), or a list of patterns that together match every resource of every kind of the hook\'s resource corpus (arn:aws:iam::*:*, arn:aws:s3:::*, arn:aws:kms:*:*:*, … one per service: src/predicates/resource-corpus.ts). A document that does not parse fails.',
  remediation:
    'Replace the statement with the specific actions and resource ARNs the pipeline step needs. Deployments should go through the CDK bootstrap deploy role, not an admin pipeline role.',
  cdkHint: "grant methods such as bucket.grantRead(role) instead of new iam.PolicyStatement({ actions: ['*'], resources: ['*'] })",
  check({ resource, resourceType }) {
    return findings(resource, resourceType);
  },
});
