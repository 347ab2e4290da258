import { defineCases } from '../../helpers/cases';

/**
 * CICD.ACCOUNTS.1 on AWS::Events::EventBusPolicy: its Statement (one statement) and its older form (Principal, an
 * account ID or "*"; Condition {Type, Key, Value}), read as the statement EventBridge writes for them.
 */
const OWN = '123456789012';
const FOREIGN = '444455556666';
const ORG = 'o-abc123def45';
const BUS = `arn:aws:events:eu-west-1:${OWN}:event-bus/ci-events`;
const base = { EventBusName: 'ci-events', StatementId: 'Put' };
const st = (principal: unknown, extra: Record<string, unknown> = {}) => ({ Effect: 'Allow', Principal: principal, Action: 'events:PutEvents', Resource: BUS, ...extra });

export default defineCases({
  controlId: 'CICD.ACCOUNTS.1',
  resourceTypes: ['AWS::Events::EventBusPolicy'],
  cases: [
    { name: 'the own account', properties: { ...base, Statement: st({ AWS: `arn:aws:iam::${OWN}:root` }) }, expect: 'PASS' },
    { name: 'the own account, as a JSON string', properties: { ...base, Statement: JSON.stringify(st({ AWS: `arn:aws:iam::${OWN}:root` })) }, expect: 'PASS' },
    { name: '"*" pinned to a trusted organisation', properties: { ...base, Statement: st('*', { Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } } }) }, config: { TrustedOrganizationIds: [ORG] }, expect: 'PASS' },
    { name: 'older form: the own account ID', properties: { ...base, Action: 'events:PutEvents', Principal: OWN }, expect: 'PASS' },
    { name: 'older form: "*" with a trusted organisation condition', properties: { ...base, Action: 'events:PutEvents', Principal: '*', Condition: { Type: 'StringEquals', Key: 'aws:PrincipalOrgID', Value: ORG } }, config: { TrustedOrganizationIds: [ORG] }, expect: 'PASS' },
    { name: 'no statement names nobody', absent: ['Statement'], properties: { ...base }, expect: 'PASS' },
    { name: 'a foreign account', properties: { ...base, Statement: st({ AWS: `arn:aws:iam::${FOREIGN}:root` }) }, expect: 'FAIL', messageIncludes: ['Statement.Principal', FOREIGN] },
    { name: 'a foreign account in a JSON string', properties: { ...base, Statement: JSON.stringify(st({ AWS: FOREIGN })) }, expect: 'FAIL', messageIncludes: FOREIGN },
    { name: '"*" without a condition', properties: { ...base, Statement: st('*') }, expect: 'FAIL', messageIncludes: 'any account' },
    { name: 'older form: a foreign account ID', properties: { ...base, Action: 'events:PutEvents', Principal: FOREIGN }, expect: 'FAIL', messageIncludes: ['Principal', FOREIGN] },
    { name: 'older form: "*" without a condition', properties: { ...base, Action: 'events:PutEvents', Principal: '*' }, expect: 'FAIL', messageIncludes: 'any account' },
    { name: 'older form: "*" with an organisation that is not listed', properties: { ...base, Action: 'events:PutEvents', Principal: '*', Condition: { Type: 'StringEquals', Key: 'aws:PrincipalOrgID', Value: 'o-zzz999yyy88' } }, expect: 'FAIL', messageIncludes: ['Condition', 'TrustedOrganizationIds'] },
    { name: 'a principal from a Ref is UNKNOWN', properties: { ...base, Statement: st({ AWS: { Ref: 'Partner' } }) }, expect: 'UNKNOWN', typedOnly: true },
    { name: 'older form: a principal from a Ref is UNKNOWN', properties: { ...base, Action: 'events:PutEvents', Principal: { Ref: 'Partner' } }, expect: 'UNKNOWN', typedOnly: true },
    { name: 'update hands the bus to a foreign account', properties: { ...base, Statement: st({ AWS: FOREIGN }) }, previous: { ...base, Statement: st({ AWS: OWN }) }, actions: ['UPDATE'], expect: 'FAIL', weakened: true },
  ],
});
