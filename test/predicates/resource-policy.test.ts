/** Public resource-policy statements (the condition table itself is tested in conditions.test.ts). */
import { publicAllowStatements, publicPolicyFindings } from '../../src/predicates/resource-policy';
import { PropertyView } from '../../src/engine/view';

const doc = (statement: Record<string, unknown>) => ({ Version: '2012-10-17', Statement: [statement] });
const pull = ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'];

describe('publicAllowStatements', () => {
  test.each([
    ['"*"', '*'],
    ['{"AWS":"*"}', { AWS: '*' }],
    ['{"AWS":["*"]}', { AWS: ['*'] }],
  ])('principal %s without a condition is public', (_label, principal) => {
    expect(publicAllowStatements(doc({ Effect: 'Allow', Principal: principal, Action: pull })).statements).toHaveLength(1);
  });

  test('the same document as a JSON string is public', () => {
    expect(publicAllowStatements(JSON.stringify(doc({ Effect: 'Allow', Principal: '*', Action: pull }))).statements).toHaveLength(1);
  });

  test('lower-case keys and effect are read', () => {
    expect(publicAllowStatements({ statement: { effect: 'allow', principal: { AWS: '*' }, action: 'ecr:*' } }).statements).toHaveLength(1);
  });

  test('NotPrincipal on Allow is public', () => {
    expect(publicAllowStatements(doc({ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: pull })).statements).toHaveLength(1);
  });

  test('named accounts and service principals are not public', () => {
    expect(publicAllowStatements(doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: pull })).statements).toEqual([]);
    expect(publicAllowStatements(doc({ Effect: 'Allow', Principal: { Service: 'codebuild.amazonaws.com' }, Action: pull })).statements).toEqual([]);
  });

  test('Deny statements never count', () => {
    expect(publicAllowStatements(doc({ Effect: 'Deny', Principal: '*', Action: '*' })).statements).toEqual([]);
  });

  test('a later public Allow is found after a Deny', () => {
    const p = { Statement: [{ Effect: 'Deny', Principal: '*', Action: 'ecr:DeleteRepository' }, { Effect: 'Allow', Principal: '*', Action: pull }] };
    expect(publicAllowStatements(p).statements.map((s) => s.statement.index)).toEqual([1]);
  });

  test('unparsable documents report an error', () => {
    expect(publicAllowStatements('{not json').error).toMatch(/not valid JSON/);
    expect(publicAllowStatements({ Version: '2012-10-17' }).error).toMatch(/no Statement/);
  });
});

describe('conditions through the shared predicate', () => {
  const publicWith = (condition: Record<string, unknown>) => publicAllowStatements(doc({ Effect: 'Allow', Principal: '*', Action: pull, Condition: condition })).statements;

  test.each([
    [{ StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } }],
    [{ StringEquals: { 'AWS:SourceAccount': '111122223333' } }],
    [{ ArnLike: { 'aws:SourceArn': 'arn:aws:codebuild:eu-west-1:111122223333:project/*' } }],
    [{ 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': ['o-abc123/r-ab12/ou-ab12-11111111/*'] } }],
    [{ StringEquals: { 'kms:CallerAccount': '111122223333' } }],
  ])('%j scopes the caller', (condition) => {
    expect(publicWith(condition)).toEqual([]);
  });

  test.each([
    [{ Bool: { 'aws:SecureTransport': 'true' } }],
    [{ StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc123' } }],
    [{ StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc123' } }],
    [{ StringLike: { 'aws:PrincipalOrgID': '*' } }],
    [{ Null: { 'aws:PrincipalOrgID': 'false' } }],
    // B1: the real plural qualifier (the old check only knew `ForAllValue:`)
    [{ 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': 'o-abc123' } }],
    [{ StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/*' } }],
  ])('%j does not scope the caller', (condition) => {
    expect(publicWith(condition)).toHaveLength(1);
  });

  test('an intrinsic condition value is unresolved, not scoped', () => {
    expect(publicWith({ StringEquals: { 'aws:PrincipalOrgID': { Ref: 'OrgId' } } })[0].unresolved).toBe(true);
  });
});

describe('principals and effects', () => {
  test.each([{ AWS: 'arn:aws:iam::*:root' }, { AWS: 'arn:aws:iam::*:*' }, { AWS: ['arn:aws:iam::111122223333:root', 'arn:aws:iam::*:role/x'] }, 'arn:aws:iam::12345678901?:root'])(
    'wildcard-account principal %j is everyone',
    (principal) => expect(publicAllowStatements(doc({ Effect: 'Allow', Principal: principal, Action: pull })).statements).toHaveLength(1),
  );

  test('a wildcard after a concrete account is that account only', () => {
    expect(publicAllowStatements(doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/*' }, Action: pull })).statements).toEqual([]);
  });

  test.each([[{ 'Fn::If': ['C', 'Allow', 'Deny'] }], ['Permit'], [undefined]])('Effect %j is judged as Allow (fail closed)', (effect) => {
    const [s] = publicAllowStatements(doc({ Effect: effect, Principal: '*', Action: pull })).statements;
    expect(s.effectUnknown).toBe(true);
  });

  test('B2: an unresolved Effect is recorded UNKNOWN on the view, with its finding', () => {
    const v = new PropertyView({ P: doc({ Effect: { 'Fn::If': ['C', 'Allow', 'Deny'] }, Principal: '*', Action: pull }) });
    const f = publicPolicyFindings(v, undefined, 'P');
    expect(f.map((x) => x.path)).toEqual(['P.Statement[0]']);
    expect(v.unknowns.map((u) => u.path)).toEqual(['P.Statement[0].Effect']);
  });
});

describe('publicPolicyFindings', () => {
  const PUBLIC = doc({ Effect: 'Allow', Principal: '*', Action: pull });
  const PRIVATE = doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: pull });

  test('absent policy: nothing unless required', () => {
    expect(publicPolicyFindings(new PropertyView({}), undefined, 'P')).toEqual([]);
    expect(publicPolicyFindings(new PropertyView({}), undefined, 'P', true)[0].message).toMatch(/^P is missing/);
  });

  test('public statement: finding names the statement, weakened against a private previous policy', () => {
    const f = publicPolicyFindings(new PropertyView({ P: PUBLIC }), new PropertyView({ P: PRIVATE }), 'P');
    expect(f).toHaveLength(1);
    expect(f[0].path).toBe('P.Statement[0]');
    expect(f[0].weakened).toBe(true);
    expect(f[0].message).toMatch(/update/);
  });

  test('intrinsic policy is UNKNOWN, not a finding', () => {
    const v = new PropertyView({ P: { 'Fn::GetAtt': ['X', 'Y'] } });
    expect(publicPolicyFindings(v, undefined, 'P')).toEqual([]);
    expect(v.unknowns.map((u) => u.path)).toEqual(['P']);
  });

  test('odd shapes do not throw', () => {
    for (const P of [42, [], ['x'], { Statement: 'x' }, { Statement: [null, 1, { Effect: 3 }] }]) {
      expect(() => publicPolicyFindings(new PropertyView({ P }), undefined, 'P')).not.toThrow();
    }
  });
});
