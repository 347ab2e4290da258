/**
 * Roles assumed in other accounts (assume-role.ts): which account a resource pattern names for a role or
 * account-root target, and whether a statement's resource-account conditions pin the target to trusted accounts.
 * The control's end-to-end behaviour is in test/controls/accounts/trusted-accounts-assumed-roles.cases.ts.
 */
import { trustedFrom } from '../../src/predicates/accounts';
import { assumeRoleFindings, targetAccountOf, targetPin } from '../../src/predicates/assume-role';
import { parsePolicy, type Statement } from '../../src/predicates/policy';
import { PropertyView } from '../../src/predicates/view';

const OWN = '123456789012';
const FOREIGN = '999999999999';
const trusted = trustedFrom({ ProductionAccountIds: ['222222222222'], TrustedAccountIds: [], TrustedOrganizationIds: ['o-abc123def45'] }, OWN);
const st = (s: Record<string, unknown>): Statement => parsePolicy({ Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*', ...s }] }).statements[0];

describe('targetAccountOf', () => {
  test.each([
    [`arn:aws:iam::${OWN}:role/deploy`, OWN],
    [`arn:aws:iam::${FOREIGN}:role/path/to/deploy`, FOREIGN],
    [`arn:*:iam::${OWN}:role/*`, OWN], // CDK: a wildcard partition does not open the account field
    [`arn:aws:iam::${OWN}:role*`, OWN],
    [`arn:aws:iam::${OWN}:r*`, OWN],
    [`arn:aws:iam::${OWN}:*`, OWN],
    [`arn:aws:iam::${OWN}:?ole/x`, OWN],
    [`arn:aws:IAM::${OWN}:ROLE/x`, OWN], // letter case is no escape
    [`arn:aws:i?m::${OWN}:role/x`, OWN],
    ['arn:aws:iam::aws:role/x', 'aws'], // not an account: judged (and failed) as a malformed account
  ])('%s names account %s', (pattern, account) => {
    expect(targetAccountOf(pattern)).toEqual({ kind: 'account', account });
  });

  test.each([
    ['*'],
    ['**'],
    ['?*'],
    ['arn:*'],
    ['arn:aws:*'],
    ['arn:aws:iam::*'],
    ['arn:aws:iam::1234*'],
    ['*:role/x'],
    ['arn:aws:iam::*:role/x'],
    ['arn:aws:iam::*:role/*'],
    ['arn:aws:iam::1234567890?2:role/x'],
    ['arn:aws:iam:::role/x'],
    ['arn:aws:*:*:*:*'],
    ['arn:aws:iam::${aws:PrincipalTag/target}:role/x'], // a variable (with a colon of its own) is any account
  ])('%s is any account', (pattern) => {
    expect(targetAccountOf(pattern)).toMatchObject({ kind: 'any' });
  });

  test.each([
    [''],
    ['arn:aws:s3:::artifacts/*'],
    ['arn:aws:s3:::*'],
    [`arn:aws:iam::${FOREIGN}:user/u`],
    [`arn:aws:iam::${FOREIGN}:policy/p`],
    ['arn:aws:iam::aws:policy/AdministratorAccess'],
    [`arn:aws:iam::${FOREIGN}:role/`], // no role name: no role
    [`arn:aws:iam::${FOREIGN}:rolex/y`],
    [`arn:aws:sts::${FOREIGN}:assumed-role/r/s`],
    [`arn:aws:lambda:eu-west-1:${FOREIGN}:function:f`],
    ['arn:aws:s3*'], // a short pattern whose service cannot be iam
    ['arn:aws:logs:*'],
    ['role/x'],
    ['arm:aws:iam::*:role/x'],
  ])('%s cannot be a role', (pattern) => {
    expect(targetAccountOf(pattern)).toBeUndefined();
  });

  test('account roots for sts:AssumeRoot', () => {
    expect(targetAccountOf(`arn:aws:iam::${FOREIGN}:root`, 'root')).toEqual({ kind: 'account', account: FOREIGN });
    expect(targetAccountOf('arn:aws:iam::*:root', 'root')).toMatchObject({ kind: 'any' });
    expect(targetAccountOf(`arn:aws:iam::${FOREIGN}:r*`, 'root')).toEqual({ kind: 'account', account: FOREIGN });
    expect(targetAccountOf(`arn:aws:iam::${FOREIGN}:role/x`, 'root')).toBeUndefined();
    expect(targetAccountOf(`arn:aws:iam::${FOREIGN}:root`, 'role')).toBeUndefined();
  });
});

describe('targetPin', () => {
  const pin = (condition: unknown) => targetPin(st({ Condition: condition }), trusted);

  test('trusted accounts, the holder\'s own account and trusted organisations pin', () => {
    expect(pin({ StringEquals: { 'aws:ResourceAccount': OWN } })).toEqual({ pinned: true, unresolved: false, issues: [] });
    expect(pin({ StringEquals: { 'aws:ResourceAccount': [OWN, '222222222222'] } }).pinned).toBe(true);
    expect(pin({ StringEquals: { 'aws:ResourceAccount': '${aws:PrincipalAccount}' } }).pinned).toBe(true);
    expect(pin({ StringEqualsIgnoreCase: { 'AWS:RESOURCEACCOUNT': OWN } }).pinned).toBe(true);
    expect(pin({ 'ForAnyValue:StringEquals': { 'aws:ResourceOrgID': 'o-abc123def45' } }).pinned).toBe(true);
    expect(pin({ StringLike: { 'aws:ResourceOrgPaths': 'o-abc123def45/r-ab12/*' } }).pinned).toBe(true);
  });

  test('entries are ANDed: one pinning entry is enough', () => {
    expect(pin({ StringEquals: { 'aws:ResourceAccount': OWN, 'aws:ResourceOrgID': 'o-zzz999yyy88' } }).pinned).toBe(true);
  });

  test('untrusted values are named', () => {
    expect(pin({ StringEquals: { 'aws:ResourceAccount': [OWN, FOREIGN] } })).toEqual({
      pinned: false,
      unresolved: false,
      issues: [`Condition.StringEquals.aws:ResourceAccount names account ${FOREIGN}, which is not trusted (trusted: the hook's own account, ProductionAccountIds, TrustedAccountIds)`],
    });
    expect(pin({ StringEquals: { 'aws:ResourceOrgID': 'o-zzz999yyy88' } }).issues).toEqual(['Condition.StringEquals.aws:ResourceOrgID names organisation o-zzz999yyy88, which is not in TrustedOrganizationIds']);
    expect(pin({ StringEquals: { 'aws:ResourceOrgID': '${aws:PrincipalOrgID}' } }).issues[0]).toMatch(/policy variable/);
    expect(pin({ StringEquals: { 'aws:ResourceAccount': '${aws:PrincipalTag/a}' } }).issues[0]).toMatch(/policy variable/);
  });

  test.each([
    ['IfExists', { StringEqualsIfExists: { 'aws:ResourceAccount': OWN } }],
    ['a negated operator', { StringNotEquals: { 'aws:ResourceAccount': FOREIGN } }],
    ['ForAllValues:', { 'ForAllValues:StringEquals': { 'aws:ResourceAccount': OWN } }],
    ['a wildcard value', { StringLike: { 'aws:ResourceAccount': '1234*' } }],
    ['a list with a match-all member', { StringLike: { 'aws:ResourceAccount': [OWN, '*'] } }],
    ['the key compared with itself', { StringEquals: { 'aws:ResourceAccount': '${aws:ResourceAccount}' } }],
    ['a wildcard organisation', { StringLike: { 'aws:ResourceOrgID': 'o-*' } }],
    ['a tag condition', { StringEquals: { 'iam:ResourceTag/aws-cdk:bootstrap-role': 'deploy' } }],
    ['a caller condition', { StringEquals: { 'aws:PrincipalAccount': OWN } }],
    ['Null', { Null: { 'aws:ResourceAccount': 'false' } }],
  ])('%s pins nothing', (_what, condition) => {
    expect(pin(condition)).toEqual({ pinned: false, unresolved: false, issues: [] });
  });

  test('a value the template does not resolve is unresolved, unless another entry pins', () => {
    expect(pin({ StringEquals: { 'aws:ResourceAccount': { Ref: 'Target' } } })).toEqual({ pinned: false, unresolved: true, issues: [] });
    expect(pin({ StringEquals: { 'aws:ResourceAccount': { Ref: 'Target' }, 'aws:ResourceOrgID': 'o-abc123def45' } })).toEqual({ pinned: true, unresolved: false, issues: [] });
    expect(targetPin(parsePolicy({ Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*', Condition: { 'Fn::If': ['C', {}, {}] } }] }).statements[0], trusted).unresolved).toBe(true);
  });
});

describe('assumeRoleFindings', () => {
  const role = (...statements: unknown[]) => new PropertyView({ AssumeRolePolicyDocument: {}, Policies: [{ PolicyName: 'p', PolicyDocument: { Statement: statements } }] });

  test('a finding per resource entry, at its path', () => {
    const view = role({ Effect: 'Allow', Action: 'sts:*', Resource: [`arn:aws:iam::${OWN}:role/a`, `arn:aws:iam::${FOREIGN}:role/b`, 'arn:aws:iam::*:role/c'] });
    const findings = assumeRoleFindings(view, 'AWS::IAM::Role', trusted);
    expect(findings.map((f) => f.path)).toEqual(['Policies[0].PolicyDocument.Statement[0].Resource[1]', 'Policies[0].PolicyDocument.Statement[0].Resource[2]']);
    expect(findings[0].message).toBe(
      `Policies[0].PolicyDocument.Statement[0].Resource[1]: the statement allows sts:AssumeRole (via sts:*) on a role in account ${FOREIGN}, which is not trusted (trusted: the hook's own account, ProductionAccountIds, TrustedAccountIds), and no aws:ResourceAccount, aws:ResourceOrgID or aws:ResourceOrgPaths condition pins the target to trusted accounts`,
    );
    expect(view.unknowns).toEqual([]);
  });

  test('an unresolved entry is UNKNOWN at its own path, and does not hide a definite one', () => {
    const view = role({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: [{ Ref: 'R' }, `arn:aws:iam::${FOREIGN}:role/b`] });
    expect(assumeRoleFindings(view, 'AWS::IAM::Role', trusted).map((f) => f.path)).toEqual(['Policies[0].PolicyDocument.Statement[0].Resource[1]']);
    expect(view.unknowns.map((u) => u.path)).toEqual(['Policies[0].PolicyDocument.Statement[0].Resource[0]']);
  });

  test('an unresolved Condition or Effect makes the statement\'s findings UNKNOWN (recorded at the statement)', () => {
    const cond = role({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*', Condition: { StringEquals: { 'aws:ResourceAccount': { Ref: 'A' } } } });
    expect(assumeRoleFindings(cond, 'AWS::IAM::Role', trusted)).toHaveLength(1);
    expect(cond.unknowns.map((u) => u.path)).toEqual(['Policies[0].PolicyDocument.Statement[0]']);
    const effect = role({ Effect: { 'Fn::If': ['C', 'Allow', 'Deny'] }, Action: 'sts:AssumeRole', Resource: '*' });
    expect(assumeRoleFindings(effect, 'AWS::IAM::Role', trusted)).toHaveLength(1);
    expect(effect.unknowns.map((u) => u.path)).toEqual(['Policies[0].PolicyDocument.Statement[0]']);
  });

  test('an unresolved Action is UNKNOWN only where it could reach an untrusted account', () => {
    const open = role({ Effect: 'Allow', Action: [{ Ref: 'A' }], Resource: `arn:aws:iam::${FOREIGN}:role/b` });
    expect(assumeRoleFindings(open, 'AWS::IAM::Role', trusted)).toEqual([]);
    expect(open.unknowns.map((u) => u.path)).toEqual(['Policies[0].PolicyDocument.Statement[0]']);
    const closed = role({ Effect: 'Allow', Action: [{ Ref: 'A' }], Resource: ['arn:aws:s3:::bucket/*', `arn:aws:iam::${OWN}:role/x`] });
    expect(assumeRoleFindings(closed, 'AWS::IAM::Role', trusted)).toEqual([]);
    expect(closed.unknowns).toEqual([]);
  });

  test('a single Statement object and a Deny', () => {
    const single = new PropertyView({ PolicyName: 'p', PolicyDocument: { Statement: { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::*:role/x' } } });
    expect(assumeRoleFindings(single, 'AWS::IAM::Policy', trusted).map((f) => f.path)).toEqual(['PolicyDocument.Statement.Resource']);
    const denied = new PropertyView({ PolicyName: 'p', PolicyDocument: { Statement: { Effect: 'Deny', Action: 'sts:AssumeRole', Resource: '*' } } });
    expect(assumeRoleFindings(denied, 'AWS::IAM::Policy', trusted)).toEqual([]);
  });
});
