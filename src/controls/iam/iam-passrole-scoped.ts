import { allows, evaluateStatements, hasNarrowingCondition, IDENTITY_POLICY_TYPES, identityPolicies, onBroadResources, PASSROLE_NARROWING_KEYS } from '../../predicates/iam';
import { grantsAction } from '../../predicates/policy';
import { defineControl, type ResourceView } from '../types';

function findings(view: ResourceView, resourceType: string) {
  return evaluateStatements(view, identityPolicies(view, resourceType), (st) => {
    if (!allows(st) || !grantsAction(st, 'iam:passrole') || !onBroadResources(st)) return undefined;
    if (hasNarrowingCondition(st, PASSROLE_NARROWING_KEYS)) return undefined;
    return 'grants iam:PassRole on every role without an iam:PassedToService condition';
  });
}

export const iamPassroleScoped = defineControl({
  id: 'CICD.IAM.5',
  slug: 'iam-passrole-scoped',
  title: 'iam:PassRole is granted only for named roles or with an iam:PassedToService condition',
  resourceTypes: IDENTITY_POLICY_TYPES,
  severity: 'HIGH',
  risks: ['CICD-SEC-2', 'CICD-SEC-5'],
  requirement: 'Least-privilege pipeline roles: a pipeline passes only the roles it deploys with.',
  rationale:
    'iam:PassRole on * lets the holder hand any role of the account (including administrator roles) to a service it controls, such as a Lambda function, a CodeBuild project or a CloudFormation stack, and act with that role. A resource of *, NotResource, or any ARN pattern that matches every role of an account or of every account (arn:aws:iam::111111111111:role/*, arn:aws:iam::*:role*, arn:*:iam::*:*, arn:aws:iam::*:r?le/*) counts as every role unless a condition on iam:PassedToService, iam:AssociatedResourceArn or the role\'s tags narrows it. Action names match without regard to case (IAM:PassRole) and wildcards that cover PassRole (iam:Pass*, iam:*) count.',
  remediation:
    'Set Resource to the ARNs of the roles the step passes (e.g. arn:aws:iam::111111111111:role/app-lambda-execution) and add "Condition": {"StringEquals": {"iam:PassedToService": "lambda.amazonaws.com"}}.',
  cdkHint: 'role.grantPassRole(principal) emits exactly that',
  check({ resource, resourceType }) {
    return findings(resource, resourceType);
  },
});
