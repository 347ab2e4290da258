/**
 * What an identity policy statement grants (identity-grants.ts): administrator-level access (CICD.IAM.1/2),
 * privilege escalation on broad resources (CICD.IAM.4), and the union of unconditional grants on every resource
 * (CICD.IAM.22, CICD.STACK.4).
 */
import { adminLevel, escalationLevel, unconditionalEverywhere, unionEverywhere } from '../../src/predicates/identity-grants';
import { grantsAllActions, parsePolicy, type Statement } from '../../src/predicates/policy';

const st = (s: Record<string, unknown>): Statement => parsePolicy({ Statement: [{ Effect: 'Allow', Resource: '*', ...s }] }).statements[0];

describe('adminLevel', () => {
  test('every action on every resource is administrator access', () => {
    expect(adminLevel(st({ Action: '*' }))).toBe('allows every action on every resource: administrator access');
    expect(adminLevel(st({ Action: '*:*' }))).toBe('allows every action on every resource: administrator access');
  });
  test('NotAction on every resource is administrator-level (PowerUserAccess)', () => {
    expect(adminLevel(st({ NotAction: ['iam:*', 'organizations:*'] }))).toBe('allows every action outside its NotAction list on every resource: administrator-level access');
  });
  test('every IAM action on every resource: the holder grants itself anything, naming the patterns', () => {
    expect(adminLevel(st({ Action: ['iam:*', 's3:GetObject'] }))).toBe('allows every IAM action (iam:*) on every resource: the holder can grant itself anything');
    expect(adminLevel(st({ Action: ['iam:*', 'iam:?*'] }))).toBe('allows every IAM action (iam:*, iam:?*) on every resource: the holder can grant itself anything');
    expect(adminLevel(st({ Action: ['IAM:*', 'kms:*'] }))).toMatch(/^allows every IAM action \(.*iam:\*.*\) on every resource/);
  });
  test('a full service other than IAM is not administrator-level', () => {
    expect(adminLevel(st({ Action: 's3:*' }))).toBeUndefined();
    expect(adminLevel(st({ Action: ['iam:Get*', 'iam:List*'] }))).toBeUndefined();
  });
  test('not on every resource, or a Deny: not administrator-level', () => {
    expect(adminLevel(st({ Action: '*', Resource: 'arn:aws:s3:::ci-artifacts/*' }))).toBeUndefined();
    expect(adminLevel(st({ Action: 'iam:*', Resource: 'arn:aws:iam::111122223333:role/ci-*' }))).toBeUndefined();
    expect(adminLevel(st({ Effect: 'Deny', Action: '*' }))).toBeUndefined();
    expect(adminLevel(st({ Effect: 'Deny', Action: 'iam:*' }))).toBeUndefined();
  });
  test('an Effect other than Deny counts as an Allow (fail closed)', () => {
    expect(adminLevel(st({ Effect: 'allow', Action: '*' }))).toBe('allows every action on every resource: administrator access');
  });
});

describe('escalationLevel', () => {
  test('a named escalation action on every resource, without the pattern when it is the name itself', () => {
    expect(escalationLevel(st({ Action: 'iam:CreatePolicyVersion' }))).toBe('grants privilege-escalation action iam:CreatePolicyVersion on every resource');
    expect(escalationLevel(st({ Action: 'IAM:CREATEPOLICYVERSION' }))).toBe('grants privilege-escalation action iam:CreatePolicyVersion on every resource');
  });
  test('the pattern that granted it is named, plural when several, at most four shown', () => {
    const text = escalationLevel(st({ Action: 'iam:Put*Policy' }))!;
    expect(text).toMatch(/^grants privilege-escalation actions /);
    expect(text).toContain('iam:PutUserPolicy (via iam:put*policy)');
    const many = escalationLevel(st({ Action: ['s3:GetObject', 'iam:*'] }))!;
    const m = / and (\d+) more on every resource$/.exec(many);
    expect(m).not.toBeNull();
    expect(many.split(' (via iam:*)').length - 1).toBe(4);
    expect(Number(m![1])).toBeGreaterThan(4);
  });
  test('exactly four: no "and more"', () => {
    const four = escalationLevel(st({ Action: ['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:CreateAccessKey', 'iam:CreateLoginProfile'] }))!;
    expect(four).toBe('grants privilege-escalation actions iam:CreatePolicyVersion, iam:SetDefaultPolicyVersion, iam:CreateAccessKey, iam:CreateLoginProfile on every resource');
    const five = escalationLevel(st({ Action: ['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:CreateAccessKey', 'iam:CreateLoginProfile', 'iam:UpdateLoginProfile'] }))!;
    expect(five).toBe('grants privilege-escalation actions iam:CreatePolicyVersion, iam:SetDefaultPolicyVersion, iam:CreateAccessKey, iam:CreateLoginProfile and 1 more on every resource');
  });
  test('NotAction grants them: named via NotAction', () => {
    expect(escalationLevel(st({ NotAction: 's3:*' }))).toContain('iam:CreatePolicyVersion (via NotAction)');
  });
  test('no escalation action, a Deny, or a narrow resource: none', () => {
    expect(escalationLevel(st({ Action: ['s3:GetObject', 'iam:GetRole'] }))).toBeUndefined();
    expect(escalationLevel(st({ Effect: 'Deny', Action: 'iam:CreatePolicyVersion' }))).toBeUndefined();
    expect(escalationLevel(st({ Action: 'iam:CreatePolicyVersion', Resource: 'arn:aws:iam::111122223333:policy/ci-boundary' }))).toBeUndefined();
  });
  test('a condition on the action’s own narrowing keys accepts it; an unrelated condition does not', () => {
    const narrowed = { StringEquals: { 'iam:PolicyARN': 'arn:aws:iam::111122223333:policy/ci-deploy' } };
    expect(escalationLevel(st({ Action: 'iam:AttachRolePolicy', Condition: narrowed }))).toBeUndefined();
    expect(escalationLevel(st({ Action: 'iam:AttachRolePolicy' }))).toBe('grants privilege-escalation action iam:AttachRolePolicy on every resource');
    // iam:PolicyARN narrows AttachRolePolicy only, not an action without narrowing keys
    expect(escalationLevel(st({ Action: ['iam:AttachRolePolicy', 'iam:PutRolePolicy'], Condition: narrowed }))).toBe('grants privilege-escalation action iam:PutRolePolicy on every resource');
    const tag = { StringEquals: { 'aws:ResourceTag/team': 'ci' } };
    expect(escalationLevel(st({ Action: 'codebuild:UpdateProject', Condition: tag }))).toBeUndefined();
    expect(escalationLevel(st({ Action: 'iam:AttachRolePolicy', Condition: tag }))).toBe('grants privilege-escalation action iam:AttachRolePolicy on every resource');
  });
});

describe('unconditionalEverywhere', () => {
  test('an Allow of actions on every resource with no (or an empty) condition', () => {
    expect(unconditionalEverywhere(st({ Action: 's3:*' }))).toBe(true);
    expect(unconditionalEverywhere(st({ Action: 's3:*', Condition: {} }))).toBe(true);
    // parsePolicy drops an empty Condition; a statement built elsewhere may carry one, and it narrows nothing
    expect(unconditionalEverywhere({ ...st({ Action: 's3:*' }), condition: {} })).toBe(true);
  });
  test('not with a condition, a Deny, NotAction, or a narrower resource', () => {
    expect(unconditionalEverywhere(st({ Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }))).toBe(false);
    expect(unconditionalEverywhere(st({ Effect: 'Deny', Action: 's3:*' }))).toBe(false);
    expect(unconditionalEverywhere(st({ NotAction: 's3:*' }))).toBe(false);
    expect(unconditionalEverywhere(st({ Action: 's3:*', Resource: 'arn:aws:s3:::ci-artifacts/*' }))).toBe(false);
  });
});

describe('unionEverywhere', () => {
  test('the actions of the unconditional, everywhere statements, once each, as one Allow on *', () => {
    const statements = parsePolicy({
      Statement: [
        { Effect: 'Allow', Action: ['iam:Get*', 'iam:Put*'], Resource: '*' },
        { Effect: 'Allow', Action: 'iam:Put*', Resource: '*' },
        { Effect: 'Allow', Action: 'iam:Attach*', Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } },
        { Effect: 'Deny', Action: 'iam:Delete*', Resource: '*' },
        { Effect: 'Allow', Action: 'iam:Create*', Resource: 'arn:aws:iam::111122223333:role/x' },
      ],
    }).statements;
    const u = unionEverywhere(statements);
    expect(u).toEqual({
      index: 0,
      effect: 'Allow',
      actions: ['iam:get*', 'iam:put*'],
      notAction: false,
      resources: ['*'],
      notResource: false,
      principals: [],
      notPrincipal: false,
      hasPrincipal: false,
      condition: undefined,
      unresolved: [],
    });
    expect(adminLevel(u)).toBeUndefined();
    expect(escalationLevel(u)).toContain('iam:PutUserPolicy');
  });
  test('split grants that together are everything are administrator access', () => {
    const statements = parsePolicy({ Statement: [{ Effect: 'Allow', Action: ['a*', 'b*', 'c*', 'd*', 'e*', 'f*', 'g*', 'h*'], Resource: '*' }, { Effect: 'Allow', Action: ['i*', 'j*', 'k*', 'l*', 'm*', 'n*', 'o*', 'p*', 'q*', 'r*', 's*', 't*', 'u*', 'v*', 'w*', 'x*', 'y*', 'z*'], Resource: '*' }] }).statements;
    expect(statements.some(grantsAllActions)).toBe(false);
    expect(adminLevel(unionEverywhere(statements))).toBe('allows every action on every resource: administrator access');
  });
  test('nothing unconditional: an Allow of no action, which grants nothing', () => {
    const u = unionEverywhere(parsePolicy({ Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] }).statements);
    expect(u.actions).toEqual([]);
    expect(adminLevel(u)).toBeUndefined();
    expect(escalationLevel(u)).toBeUndefined();
  });
});
