/** Public resource-policy statements and the key-property helper shared by the CMK controls. */
import { conditionScope, publicAllowStatements, publicPolicyFindings } from '../../src/predicates/resource-policy';
import { parsePolicy } from '../../src/predicates/policy';
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

describe('conditionScope', () => {
  const st = (condition: Record<string, unknown>) => parsePolicy(doc({ Effect: 'Allow', Principal: '*', Action: pull, Condition: condition })).statements[0];

  test.each([
    [{ StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } }],
    [{ StringEquals: { 'AWS:SourceAccount': '111122223333' } }],
    [{ ArnLike: { 'aws:SourceArn': 'arn:aws:codebuild:eu-west-1:111122223333:project/*' } }],
    [{ 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': ['o-abc123/r-ab12/ou-ab12-11111111/*'] } }],
  ])('%j scopes the caller', (condition) => {
    expect(conditionScope(st(condition))).toEqual({ scoped: true, unresolved: false });
  });

  test.each([
    [{ Bool: { 'aws:SecureTransport': 'true' } }],
    [{ StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc123' } }],
    [{ StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc123' } }],
    [{ StringLike: { 'aws:PrincipalOrgID': '*' } }],
    [{ Null: { 'aws:PrincipalOrgID': 'false' } }],
  ])('%j does not scope the caller', (condition) => {
    expect(conditionScope(st(condition)).scoped).toBe(false);
  });

  test('an intrinsic condition value is unresolved, not scoped', () => {
    expect(conditionScope(st({ StringEquals: { 'aws:PrincipalOrgID': { Ref: 'OrgId' } } }))).toEqual({ scoped: false, unresolved: true });
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
