import { policyAccountFindings, statementAccountIssues, trustedFrom, type Trusted } from '../../predicates/accounts';
import { parsePolicy } from '../../predicates/policy';
import { LAMBDA_PERMISSION_KINDS, lambdaPermissionPolicy, RESOURCE_POLICY_PATH, resourcePolicyOf } from '../../predicates/resource-policy';
import { defineControl, type Finding, type ResourceView } from '../types';

/**
 * AWS::Lambda::Permission and AWS::Lambda::LayerVersionPermission: the one statement Lambda writes for them, with
 * the issues mapped back to their properties (a condition to SourceArn, SourceAccount, PrincipalOrgID or the
 * layer's OrganizationId; everything else to Principal).
 */
function permissionFindings(view: ResourceView, resourceType: string, trusted: Trusted): Finding[] {
  if (view.get('Principal') !== undefined && view.str('Principal') === undefined) {
    return [{ path: 'Principal', message: 'Principal is not resolvable from the template (it may be any account)' }];
  }
  const { conditions, defaultAction } = LAMBDA_PERMISSION_KINDS[resourceType];
  const doc = lambdaPermissionPolicy(view.properties, conditions, defaultAction);
  const [st] = parsePolicy(doc).statements;
  if (!st) return [];
  const propertyOf = (at: string): string => (at.startsWith('Condition.') ? (conditions.find((c) => at.toLowerCase().endsWith(`.${c.key.toLowerCase()}`))?.property ?? 'Principal') : 'Principal');
  return statementAccountIssues(st, doc.Statement[0], trusted).map((issue) => {
    const path = propertyOf(issue.at);
    if (issue.unresolved) view.unknown(path, issue.message);
    const message = issue.at.startsWith('Condition.') ? issue.message.replace(issue.at, path) : issue.message.startsWith('Principal ') ? issue.message : `Principal ${issue.message}`;
    return { path, message };
  });
}

export const trustedAccountsPrincipals = defineControl({
  id: 'CICD.ACCOUNTS.1',
  slug: 'trusted-accounts-principals',
  title: 'Trust, key, bucket, access point, registry, repository, secret, CodeArtifact, event bus, topic and queue policies, Lambda permissions and layer permissions name only trusted accounts',
  resourceTypes: [...Object.keys(RESOURCE_POLICY_PATH), ...Object.keys(LAMBDA_PERMISSION_KINDS)],
  severity: 'HIGH',
  risks: ['CICD-SEC-2', 'CICD-SEC-5', 'CICD-SEC-9'],
  requirement: 'Pipeline resources are reachable only from the accounts the platform trusts (SEC11-BP07; OWASP CICD-SEC-2, CICD-SEC-5): a developer cannot hand a role, key, bucket, registry, secret, event bus, topic or queue to an account of their choosing.',
  rationale:
    'A resource or trust policy that names another account hands that account the grant: it can assume the deploy role, decrypt the artifacts, read or replace the images, packages and secrets, invoke the function or run code from the layer. The policies are those of roles (trust), keys and replica keys, buckets, access points, multi-Region and Object Lambda access points, directory buckets and their access points, ECR repositories (private and public) and registries, CodeArtifact domains and repositories, Secrets Manager secrets, EventBridge event buses (AWS::Events::EventBus Policy; AWS::Events::EventBusPolicy Statement, or its older Principal and Condition, read as the statement EventBridge writes), SNS topics (AWS::SNS::TopicPolicy) and SQS queues (AWS::SQS::QueuePolicy): whoever may put events on a bus can start the builds and pipelines its rules target; an AWS::Lambda::Permission and an AWS::Lambda::LayerVersionPermission are judged as the one statement Lambda writes for them (SourceArn, SourceAccount, PrincipalOrgID and the layer\'s OrganizationId are its conditions). Every Allow statement (or one whose Effect cannot be read) is read through the one policy normaliser: each AWS principal (an account ID, or the account field of an IAM/STS ARN), each Federated provider ARN, and each value of a positive condition on a key that identifies the caller or the source (aws:PrincipalAccount, aws:SourceAccount, kms:CallerAccount, aws:PrincipalArn, aws:SourceArn, aws:PrincipalOrgID, aws:SourceOrgID, aws:PrincipalOrgPaths) must be trusted: the account the change is made in, ProductionAccountIds or TrustedAccountIds; organisations must be in TrustedOrganizationIds. A wildcard account (arn:aws:iam::*:root, "1234*", a policy variable) is never trusted; "*" or NotPrincipal passes only when such a condition pins the caller to trusted accounts or organisations. CanonicalUser and unique-ID principals cannot be matched and fail; a principal or value the template does not resolve is UNKNOWN. Service principals are judged by their SourceAccount/SourceArn conditions.',
  remediation:
    'Name only your own, production or listed accounts in principals and conditions; if the account is legitimately part of the delivery chain (a deployment stage, a shared-services account), ask the platform team to add it to TrustedAccountIds (or the organisation to TrustedOrganizationIds) in the hook configuration. For "*", add StringEquals aws:PrincipalOrgID or aws:PrincipalAccount with trusted values (a layer permission: OrganizationId of a trusted organisation).',
  parameters: ['ProductionAccountIds', 'TrustedAccountIds', 'TrustedOrganizationIds'],
  check({ resource, resourceType, settings, accountId }) {
    const trusted = trustedFrom(settings, accountId);
    if (LAMBDA_PERMISSION_KINDS[resourceType] !== undefined) return permissionFindings(resource, resourceType, trusted);
    const policy = resourcePolicyOf(resource, resourceType);
    return policy === undefined ? [] : policyAccountFindings(policy.view, policy.path, trusted).map(policy.back);
  },
});
