/** Public resource-policy statements (the condition table itself is tested in conditions.test.ts). */
import { publicAllowStatements, publicPolicyFindings, unresolvedPrincipalPaths } from '../../src/predicates/resource-policy';
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
    const f = publicPolicyFindings(v, 'P');
    expect(f.map((x) => x.path)).toEqual(['P.Statement[0]']);
    expect(v.unknowns.map((u) => u.path)).toEqual(['P.Statement[0].Effect']);
  });
});

describe('publicPolicyFindings', () => {
  const PUBLIC = doc({ Effect: 'Allow', Principal: '*', Action: pull });
  const PRIVATE = doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: pull });

  test('absent policy: nothing unless required', () => {
    expect(publicPolicyFindings(new PropertyView({}), 'P')).toEqual([]);
    expect(publicPolicyFindings(new PropertyView({}), 'P', true)[0].message).toMatch(/^P is missing/);
  });

  test('public statement: finding names the statement; weakening is not the predicate\'s business', () => {
    const f = publicPolicyFindings(new PropertyView({ P: PUBLIC }), 'P');
    expect(f).toHaveLength(1);
    expect(f[0].path).toBe('P.Statement[0]');
    expect(f[0].weakened).toBeUndefined();
    expect(f[0].message).not.toMatch(/update/);
    expect(publicPolicyFindings(new PropertyView({ P: PRIVATE }), 'P')).toEqual([]);
  });

  test('intrinsic policy is UNKNOWN, not a finding', () => {
    const v = new PropertyView({ P: { 'Fn::GetAtt': ['X', 'Y'] } });
    expect(publicPolicyFindings(v, 'P')).toEqual([]);
    expect(v.unknowns.map((u) => u.path)).toEqual(['P']);
  });

  test('odd shapes do not throw', () => {
    for (const P of [42, [], ['x'], { Statement: 'x' }, { Statement: [null, 1, { Effect: 3 }] }]) {
      expect(() => publicPolicyFindings(new PropertyView({ P }), 'P')).not.toThrow();
    }
  });
});

describe('a principal the template does not resolve is UNKNOWN, never PASS', () => {
  const allowWith = (principal: unknown, extra: Record<string, unknown> = {}) => doc({ Effect: 'Allow', Principal: principal, Action: pull, ...extra });

  test.each([
    ['Principal: {Ref: P}', { Ref: 'P' }, ['P.Statement[0].Principal']],
    ['{"AWS": {Ref: Q}}', { AWS: { Ref: 'Q' } }, ['P.Statement[0].Principal.AWS']],
    ['an intrinsic inside an AWS list', { AWS: ['arn:aws:iam::111122223333:root', { 'Fn::GetAtt': ['Role', 'Arn'] }] }, ['P.Statement[0].Principal.AWS[1]']],
    ['Fn::If as the whole principal', { 'Fn::If': ['C', '*', { AWS: 'arn:aws:iam::111122223333:root' }] }, ['P.Statement[0].Principal']],
    ['an intrinsic Service', { Service: { 'Fn::Sub': '${Svc}.amazonaws.com' } }, ['P.Statement[0].Principal.Service']],
  ])('%s: a finding explained by an UNKNOWN at the principal path', (_label, principal, paths) => {
    for (const P of [allowWith(principal)]) {
      const v = new PropertyView({ P });
      const f = publicPolicyFindings(v, 'P');
      expect(f.map((x) => x.path)).toEqual(['P.Statement[0]']);
      expect(f[0].message).toMatch(/does not resolve/);
      expect(v.unknowns.map((u) => u.path)).toEqual(paths);
    }
  });

  test('NotPrincipal with an intrinsic is public already (everyone but the listed): a plain finding', () => {
    const v = new PropertyView({ P: doc({ Effect: 'Allow', NotPrincipal: { AWS: { Ref: 'Q' } }, Action: pull }) });
    expect(publicPolicyFindings(v, 'P')).toHaveLength(1);
  });

  test('a Deny with an unresolved principal grants nothing: no finding, no UNKNOWN', () => {
    const v = new PropertyView({ P: doc({ Effect: 'Deny', Principal: { AWS: { Ref: 'Q' } }, Action: pull }) });
    expect(publicPolicyFindings(v, 'P')).toEqual([]);
    expect(v.unknowns).toEqual([]);
  });

  test('a condition that narrows the caller makes the principal irrelevant: PASS', () => {
    const v = new PropertyView({ P: allowWith({ AWS: { Ref: 'Q' } }, { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } }) });
    expect(publicPolicyFindings(v, 'P')).toEqual([]);
    expect(v.unknowns).toEqual([]);
  });

  test('an unresolved principal next to "*" is public outright (no UNKNOWN needed)', () => {
    const v = new PropertyView({ P: allowWith({ AWS: ['*', { Ref: 'Q' }] }) });
    expect(publicPolicyFindings(v, 'P')[0].message).toMatch(/any principal/);
    expect(v.unknowns).toEqual([]);
  });

  test('the same in a JSON-string document (a resolved template never holds one, but a string can be built by Fn::Join)', () => {
    const s = JSON.stringify(allowWith({ AWS: [{ Ref: 'Q' }] }));
    const v = new PropertyView({ P: s });
    expect(publicPolicyFindings(v, 'P')).toHaveLength(1);
    expect(v.unknowns.map((u) => u.path)).toEqual(['P.Statement[0].Principal.AWS[0]']);
  });

  test('unresolvedPrincipalPaths names the statement\'s own spelling and ignores strings', () => {
    expect(unresolvedPrincipalPaths({ principal: { aws: { Ref: 'X' } } })).toEqual(['principal.aws']);
    expect(unresolvedPrincipalPaths({ Principal: '*' })).toEqual([]);
    expect(unresolvedPrincipalPaths({ Principal: ['a', { Ref: 'X' }] })).toEqual(['Principal[1]']);
    expect(unresolvedPrincipalPaths(null)).toEqual([]);
  });
});
