import { parsePolicy } from '../../src/predicates/policy';

const allow = { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 's3:GetObject', Resource: '*' };
const error = (doc: unknown) => parsePolicy(doc).error;

describe('a document that can be read two ways is not judged (fail closed)', () => {
  test.each([
    ['Statement twice', { Version: '2012-10-17', Statement: [allow], statement: [allow] }, 'Statement and statement'],
    ['Version twice', { Version: '2012-10-17', VERSION: '2008-10-17', Statement: [allow] }, 'Version and VERSION'],
    ['Effect twice', { Statement: [{ ...allow, effect: 'Deny' }] }, 'Statement[0] has Effect and effect'],
    ['Action twice, single statement object', { Statement: { ...allow, ACTION: 's3:*' } }, 'Statement has Action and ACTION'],
    ['Action and NotAction', { Statement: [allow, { ...allow, NotAction: 's3:DeleteObject' }] }, 'Statement[1] has both Action and NotAction'],
    ['Resource and NotResource', { Statement: [{ ...allow, NotResource: 'arn:aws:s3:::x' }] }, 'both Resource and NotResource'],
    ['a principal type twice', { Statement: [{ ...allow, Principal: { Service: 'a.amazonaws.com', service: 'b.amazonaws.com' } }] }, 'Statement[0].Principal has Service and service'],
    ['an operator twice', { Statement: [{ ...allow, Condition: { Bool: { 'aws:SecureTransport': 'true' }, bool: { 'aws:SecureTransport': 'false' } } }] }, 'Statement[0].Condition has Bool and bool'],
    ['a condition key twice', { Statement: [{ ...allow, Condition: { StringEquals: { 'aws:SourceAccount': '123456789012', 'aws:sourceaccount': '999999999999' } } }] }, 'Statement[0].Condition.StringEquals has aws:SourceAccount and aws:sourceaccount'],
    ['a key twice with spaces around it', { Statement: [{ ...allow, ' Effect ': 'Deny' }] }, 'Effect and  Effect '],
  ])('%s', (_name, doc, where) => {
    expect(error(doc)).toContain(where);
    expect(error(JSON.stringify(doc))).toContain(where);
    expect(parsePolicy(doc).statements).toEqual([]);
  });

  test('a literally duplicated key in a JSON string is rejected by the strict parser', () => {
    expect(error('{"Statement":[{"Effect":"Deny","Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}')).toBeDefined();
  });

  test('one element per name, in any one case, is read', () => {
    const doc = { version: '2012-10-17', statement: [{ effect: 'Allow', principal: { aws: '*' }, action: 's3:GetObject', resource: '*', condition: { stringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } }] };
    expect(error(doc)).toBeUndefined();
    expect(parsePolicy(doc).statements[0].principals).toEqual(['aws:*']);
  });

  test('the same condition key under two different operators is not a twin', () => {
    expect(error({ Statement: [{ ...allow, Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' }, StringLike: { 'aws:SourceAccount': '1234*' } } }] })).toBeUndefined();
  });
});

describe('blanks around an action or resource', () => {
  test('are judged as the name they pad (IAM rejects the document or reads the name)', () => {
    const [st] = parsePolicy({ Statement: [{ Effect: 'Allow', Action: [' iam:PassRole', 'iam:PassRole\n', 'cloudformation:SetTypeConfiguration '], Resource: ' * ' }] }).statements;
    expect(st.actions).toEqual(['iam:passrole', 'iam:passrole', 'cloudformation:settypeconfiguration']);
    expect(st.resources).toEqual(['*']);
  });
});
