import { defineCases } from '../../helpers/cases';

/**
 * CICD.EVENTS.2 on the policies of event buses, topics and queues, read from the shared table
 * (RESOURCE_POLICY_PATH): the same rule as bucket, key and registry policies.
 */
const OWN = '123456789012';
const FOREIGN = '444455556666';
const BUS = `arn:aws:events:eu-west-1:${OWN}:event-bus/ci-events`;
const TOPIC = `arn:aws:sns:eu-west-1:${OWN}:pipeline-approvals`;
const QUEUE = `arn:aws:sqs:eu-west-1:${OWN}:deploy-requests`;
const SHAPES: Record<string, { path: string; base: Record<string, unknown>; action: string; resource: string; required: boolean }> = {
  'AWS::Events::EventBus': { path: 'Policy', base: { Name: 'ci-events' }, action: 'events:PutEvents', resource: BUS, required: false },
  'AWS::SNS::TopicPolicy': { path: 'PolicyDocument', base: { Topics: [TOPIC] }, action: 'sns:Publish', resource: TOPIC, required: true },
  'AWS::SQS::QueuePolicy': { path: 'PolicyDocument', base: { Queues: [`https://sqs.eu-west-1.amazonaws.com/${OWN}/deploy-requests`] }, action: 'sqs:SendMessage', resource: QUEUE, required: true },
};
const DOC_TYPES = Object.keys(SHAPES);
const REQUIRED = DOC_TYPES.filter((t) => SHAPES[t].required);
const EBP = 'AWS::Events::EventBusPolicy';

const allow =
  (principal: unknown, extra: Record<string, unknown> = {}) =>
  (t: string) => ({ Effect: 'Allow', Principal: principal, Action: SHAPES[t].action, Resource: SHAPES[t].resource, ...extra });
const doc = (t: string, statements: Array<(t: string) => unknown>) => ({ Version: '2012-10-17', Statement: statements.map((s) => s(t)) });
const withPolicy =
  (...statements: Array<(t: string) => unknown>) =>
  (t: string) => ({ ...SHAPES[t].base, [SHAPES[t].path]: doc(t, statements) });
const withPolicyString =
  (...statements: Array<(t: string) => unknown>) =>
  (t: string) => ({ ...SHAPES[t].base, [SHAPES[t].path]: JSON.stringify(doc(t, statements)) });
const withRaw = (value: unknown) => (t: string) => ({ ...SHAPES[t].base, [SHAPES[t].path]: value });
const at = (rest: string) => (t: string) => `${SHAPES[t].path} Statement[${rest}`;
const ROLE = { AWS: `arn:aws:iam::${OWN}:role/deploy` };
const SOURCE = { Condition: { StringEquals: { 'aws:SourceAccount': OWN } } };

/** AWS::Events::EventBusPolicy: one statement, or the older Principal / Action / Condition. */
const ebp = (extra: Record<string, unknown>) => ({ EventBusName: 'ci-events', StatementId: 'Put', ...extra });
const busStatement = (principal: unknown, extra: Record<string, unknown> = {}) => ({ Effect: 'Allow', Principal: principal, Action: 'events:PutEvents', Resource: BUS, ...extra });

export default defineCases({
  controlId: 'CICD.EVENTS.2',
  resourceTypes: [...DOC_TYPES, EBP],
  cases: [
    { name: 'a role of the account', resourceType: DOC_TYPES, properties: withPolicy(allow(ROLE)), expect: 'PASS' },
    { name: 'a role of the account, as a JSON string', resourceType: DOC_TYPES, properties: withPolicyString(allow(ROLE)), expect: 'PASS' },
    { name: 'a service for the own account (aws:SourceAccount)', resourceType: DOC_TYPES, properties: withPolicy(allow({ Service: 'events.amazonaws.com' }, SOURCE)), expect: 'PASS' },
    { name: '"*" limited to the organisation', resourceType: DOC_TYPES, properties: withPolicy(allow('*', { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123def45' } } })), expect: 'PASS' },
    { name: '"*" only in a Deny', resourceType: DOC_TYPES, properties: withPolicy(allow(ROLE), (t) => ({ ...(allow('*')(t) as object), Effect: 'Deny' })), expect: 'PASS' },
    { name: 'a foreign account is not public (CICD.ACCOUNTS.1 judges it)', resourceType: DOC_TYPES, properties: withPolicy(allow({ AWS: FOREIGN })), expect: 'PASS' },
    // missing block
    { name: 'policy document missing cannot be checked', resourceType: REQUIRED, absent: (t) => [SHAPES[t].path], properties: (t) => ({ ...SHAPES[t].base }), expect: 'FAIL', messageIncludes: (t) => `${SHAPES[t].path} is missing or empty` },
    { name: 'a bus without a policy grants nothing to other accounts', resourceType: 'AWS::Events::EventBus', absent: ['Policy'], properties: { Name: 'ci-events' }, expect: 'PASS' },
    // everyone
    { name: 'Principal "*"', resourceType: DOC_TYPES, properties: withPolicy(allow('*')), expect: 'FAIL', messageIncludes: (t) => [at('0]')(t), 'any principal'] },
    { name: '{"AWS": "*"} as a JSON string', resourceType: DOC_TYPES, properties: withPolicyString(allow({ AWS: '*' })), expect: 'FAIL', messageIncludes: 'any principal' },
    { name: 'a wildcard account arn:aws:iam::*:root', resourceType: DOC_TYPES, properties: withPolicy(allow({ AWS: 'arn:aws:iam::*:root' })), expect: 'FAIL' },
    { name: 'the second statement is public', resourceType: DOC_TYPES, properties: withPolicy(allow(ROLE), allow('*')), expect: 'FAIL', messageIncludes: (t) => at('1]')(t) },
    { name: 'a condition that does not identify the caller', resourceType: DOC_TYPES, properties: withPolicy(allow('*', { Condition: { Bool: { 'aws:SecureTransport': 'true' } } })), expect: 'FAIL' },
    { name: 'unreadable policy string', resourceType: DOC_TYPES, properties: withRaw('{"Statement": ['), expect: 'FAIL', messageIncludes: 'not valid JSON' },
    { name: 'a principal from a parameter is UNKNOWN', resourceType: DOC_TYPES, properties: withPolicy(allow({ AWS: { Ref: 'Sender' } })), expect: 'UNKNOWN', typedOnly: true },
    { name: 'an organisation condition from a parameter is UNKNOWN', resourceType: DOC_TYPES, properties: withPolicy(allow('*', { Condition: { StringEquals: { 'aws:PrincipalOrgID': { Ref: 'OrgId' } } } })), expect: 'UNKNOWN', typedOnly: true },
    { name: 'update opens the policy', resourceType: DOC_TYPES, properties: withPolicy(allow('*')), previous: withPolicy(allow(ROLE)), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
    // AWS::Events::EventBusPolicy: Statement
    { name: 'bus policy statement: a role of the account', resourceType: EBP, properties: ebp({ Statement: busStatement(ROLE) }), expect: 'PASS' },
    { name: 'bus policy statement: a role of the account, as a JSON string', resourceType: EBP, properties: ebp({ Statement: JSON.stringify(busStatement(ROLE)) }), expect: 'PASS' },
    { name: 'bus policy statement: "*" limited to the organisation', resourceType: EBP, properties: ebp({ Statement: busStatement('*', { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123def45' } } }) }), expect: 'PASS' },
    { name: 'bus policy statement: "*"', resourceType: EBP, properties: ebp({ Statement: busStatement('*') }), expect: 'FAIL', messageIncludes: ['Statement', 'any principal'] },
    { name: 'bus policy statement: "*" as a JSON string', resourceType: EBP, properties: ebp({ Statement: JSON.stringify(busStatement({ AWS: '*' })) }), expect: 'FAIL', messageIncludes: 'any principal' },
    { name: 'bus policy statement: unreadable JSON string', resourceType: EBP, properties: ebp({ Statement: '{"Effect": "Allow", ' }), expect: 'FAIL', messageIncludes: 'not valid JSON' },
    { name: 'bus policy statement: a principal from a parameter is UNKNOWN', resourceType: EBP, properties: ebp({ Statement: busStatement({ AWS: { Ref: 'Sender' } }) }), expect: 'UNKNOWN', typedOnly: true },
    { name: 'bus policy statement from a parameter is UNKNOWN', resourceType: EBP, properties: ebp({ Statement: { 'Fn::If': ['Open', busStatement('*'), busStatement(ROLE)] } }), expect: 'UNKNOWN', typedOnly: true },
    // AWS::Events::EventBusPolicy: the older Principal / Action / Condition
    { name: 'older form: the own account ID', resourceType: EBP, properties: ebp({ Action: 'events:PutEvents', Principal: OWN }), expect: 'PASS' },
    { name: 'older form: "*" with an organisation condition', resourceType: EBP, properties: ebp({ Action: 'events:PutEvents', Principal: '*', Condition: { Type: 'StringEquals', Key: 'aws:PrincipalOrgID', Value: 'o-abc123def45' } }), expect: 'PASS' },
    { name: 'older form: "*" without a condition', resourceType: EBP, properties: ebp({ Action: 'events:PutEvents', Principal: '*' }), expect: 'FAIL', messageIncludes: ['Principal', 'any principal'] },
    { name: 'older form: "*" with a condition that does not identify the caller', resourceType: EBP, properties: ebp({ Action: 'events:PutEvents', Principal: '*', Condition: { Type: 'Bool', Key: 'aws:SecureTransport', Value: 'true' } }), expect: 'FAIL' },
    { name: 'older form: an organisation from a parameter is UNKNOWN', resourceType: EBP, properties: ebp({ Action: 'events:PutEvents', Principal: '*', Condition: { Type: 'StringEquals', Key: 'aws:PrincipalOrgID', Value: { Ref: 'OrgId' } } }), expect: 'UNKNOWN', typedOnly: true },
    { name: 'neither Statement nor Principal cannot be checked', resourceType: EBP, absent: ['Statement', 'Principal'], properties: ebp({}), expect: 'FAIL', messageIncludes: 'missing or empty' },
    { name: 'update opens the bus', resourceType: EBP, properties: ebp({ Statement: busStatement('*') }), previous: ebp({ Statement: busStatement(ROLE) }), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
  ],
});
