import { MESSAGING_POLICY_TYPES, publicPolicyFindings, resourcePolicyOf } from '../../predicates/resource-policy';
import { defineControl } from '../types';

/** The policy-only resources CloudFormation cannot create without their document: an absent one fails closed. */
const DOCUMENT_REQUIRED: ReadonlySet<string> = new Set(['AWS::Events::EventBusPolicy', 'AWS::SNS::TopicPolicy', 'AWS::SQS::QueuePolicy']);

export const messagingPolicyNotPublic = defineControl({
  id: 'CICD.EVENTS.2',
  slug: 'messaging-policy-not-public',
  title: 'Event bus, SNS topic and SQS queue policies grant nothing to any principal without a condition that limits the caller',
  resourceTypes: MESSAGING_POLICY_TYPES,
  severity: 'HIGH',
  risks: ['CICD-SEC-1', 'CICD-SEC-2'],
  requirement: 'Pipeline triggers and approvals are reachable only by the accounts and services that need them (OWASP CICD-SEC-1, CICD-SEC-2; SEC11-BP07).',
  rationale:
    'An event bus whose policy allows "*" (or a NotPrincipal, or a wildcard account) lets any AWS account put events onto it: the rules on the bus start builds and pipelines, and with input transformers hand them the event\'s content. A topic policy (AWS::SNS::TopicPolicy) that is public lets anyone publish fake approval or notification messages or subscribe to the pipeline\'s notifications; a public queue policy (AWS::SQS::QueuePolicy) lets anyone send, read or delete the messages that drive a deployment. The bus policy is AWS::Events::EventBus Policy, or AWS::Events::EventBusPolicy (its Statement, or the older Principal, Action and Condition {Type, Key, Value}, read as the statement EventBridge writes for them). Every statement is judged by the same normaliser and condition predicate as bucket, key and registry policies: a condition counts only if it ties the caller to an account, organisation, source ARN or network endpoint with a positive operator. JSON-string documents are parsed, an unreadable one fails, a principal or condition the template does not resolve is UNKNOWN. A bus, topic or queue policy resource without its policy cannot be checked and fails. (AWS::SNS::Topic and AWS::SQS::Queue carry no inline access policy.)',
  remediation:
    'Name the accounts or roles that send events or messages (Principal {"AWS": "arn:aws:iam::<account>:root"}), a service with aws:SourceAccount / aws:SourceArn conditions (events.amazonaws.com, codestar-notifications.amazonaws.com), or keep "*" only with StringEquals aws:PrincipalOrgID / aws:PrincipalAccount. In the older EventBusPolicy form, set Principal to an account ID, or "*" with Condition {Type: StringEquals, Key: aws:PrincipalOrgID, Value: <organisation id>}.',
  check({ resource, resourceType }) {
    const policy = resourcePolicyOf(resource, resourceType);
    return policy === undefined ? [] : publicPolicyFindings(policy.view, policy.path, DOCUMENT_REQUIRED.has(resourceType)).map(policy.back);
  },
});
