import { lookupAction } from '../../src/predicates/iam-catalogue';
import {
  allows,
  ESCALATION_ACTIONS,
  escalationActions,
  evaluateStatements,
  fullServiceGrants,
  fullServiceWildcards,
  grantedEscalations,
  hasNarrowingCondition,
  identityPolicies,
  isBroadResource,
  isPinnedSubject,
  managedPolicyNameOf,
  onBroadResources,
  renderString,
  trustPolicy,
  UNRESOLVED,
  webIdentityProvider,
} from '../../src/predicates/iam';
import { grantsAllActions, isEveryResource, onAllResources, parsePolicy, serviceWildcards } from '../../src/predicates/policy';
import { catalogueServices } from '../../src/predicates/iam-catalogue';
import { PropertyView } from '../../src/engine/view';

const st = (s: Record<string, unknown>) => parsePolicy({ Statement: [s] }).statements[0];

describe('policy normaliser: unresolved entries', () => {
  test('a Resource given only as Fn::GetAtt is not "every resource"', () => {
    const s = st({ Effect: 'Allow', Action: 's3:GetObject', Resource: { 'Fn::GetAtt': ['B', 'Arn'] } });
    expect(s.unresolved).toEqual(['Resource']);
    expect(s.resources).toEqual([]);
    expect(onAllResources(s)).toBe(false);
  });
  test('an absent Resource still counts as every resource', () => {
    expect(onAllResources(st({ Effect: 'Allow', Action: 's3:GetObject' }))).toBe(true);
  });
  test('principals with intrinsics are marked, plain ones are not', () => {
    expect(st({ Effect: 'Allow', Principal: { AWS: { 'Fn::GetAtt': ['R', 'Arn'] } }, Action: 'sts:AssumeRole' }).unresolved).toEqual(['Principal']);
    expect(st({ Effect: 'Allow', Principal: { Service: ['codebuild.amazonaws.com'] }, Action: 'sts:AssumeRole' }).unresolved).toEqual([]);
  });
});

describe('resources and conditions', () => {
  test.each([
    ['*', true],
    ['arn:aws:iam::123456789012:role/*', true],
    ['arn:*:iam::*:*', true],
    ['arn:aws:kms:eu-west-1:123456789012:key/*', true],
    ['arn:aws:iam::123456789012:role/cdk-*', false],
    ['arn:aws:s3:::bucket/*', false],
    ['arn:aws:s3:::*', true],
    ['arn:aws:iam::123456789012:role/deploy', false],
    // judged by what the pattern matches (issue 11): every role / key / bucket / project of one account or any
    ['arn:aws:iam::*:role*', true],
    ['arn:aws:iam::*:role/?*', true],
    ['arn:aws:iam::*:r?le/*', true],
    ['arn:aws:iam::123456789012:ro*', true],
    ['arn:aws:iam::123456789012:*', true],
    ['arn:aws:iam::*', true],
    ['arn:aws:*:*:*:role/*', true],
    ['arn:*:*:*:*:*', true],
    ['arn:aws', false],
    ['arn:aws:kms:*:*:key*', true],
    ['arn:aws:kms:eu-west-1:123456789012:alias/*', true],
    ['arn:aws:codebuild:eu-west-1:123456789012:project/*', true],
    ['arn:aws:codebuild:eu-west-1:123456789012:project/app-*', false],
    ['arn:aws:lambda:*:123456789012:function:*', true],
    ['arn:aws:lambda:*:123456789012:function:deploy-*', false],
    ['arn:aws:s3:::*/*', true],
    ['arn:aws:s3:::?*', true],
    ['arn:aws:s3:::cdk-*', false],
    ['arn:aws:s3:::a*', false],
    ['arn:aws:sns:*:123456789012:*', true],
    ['arn:aws:sns:*:123456789012:deploy-*', false],
    ['arn:aws:iam::123456789012:role/service-role/*', false],
    ['arn:aws:logs:eu-west-1:123456789012:log-group:/aws/codebuild/*', false],
    // a service the catalogue has no ARN formats for: `<type>/*` and `<type>*` are broad, a name prefix is not
    ['arn:aws:nosuchservice:eu-west-1:123456789012:thing/*', true],
    ['arn:aws:nosuchservice:eu-west-1:123456789012:thing/app-*', false],
    ['*role*', true],
    ['', false],
  ])('isBroadResource(%s) = %s', (r, want) => expect(isBroadResource(r)).toBe(want));

  test.each([
    ['*', true],
    ['**', true],
    ['arn:*', true],
    ['arn:aws:*', true],
    ['arn:aws:*:*:*:*', true],
    ['arn:*:*:*:*:*', true],
    ['arn:aws:s3:::*', false],
    ['arn:aws:iam::*:*', false],
    ['?', false],
  ])('isEveryResource(%s) = %s', (r, want) => expect(isEveryResource(r)).toBe(want));

  test('NotResource is broad', () => expect(onBroadResources(st({ Effect: 'Allow', Action: 'x:y', NotResource: 'arn:aws:s3:::b' }))).toBe(true));

  test('narrowing conditions: positive operators only, not ForAllValues, not IfExists, not wildcard values', () => {
    const keys = ['iam:passedtoservice'];
    const c = (cond: unknown) => hasNarrowingCondition(st({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: cond }), keys);
    expect(c({ StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } })).toBe(true);
    expect(c({ StringLike: { 'IAM:PassedToService': '*' } })).toBe(false);
    expect(c({ StringNotEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } })).toBe(false);
    expect(c({ 'ForAllValues:StringEquals': { 'iam:PassedToService': 'lambda.amazonaws.com' } })).toBe(false);
    expect(c({ StringEqualsIfExists: { 'iam:PassedToService': 'lambda.amazonaws.com' } })).toBe(false);
    expect(c({ Bool: { 'aws:SecureTransport': 'true' } })).toBe(false);
    // the shared predicate (conditions.ts): match-all patterns and lists holding one narrow nothing
    expect(c({ StringLike: { 'iam:PassedToService': '*.amazonaws.com' } })).toBe(false);
    expect(c({ StringEquals: { 'iam:PassedToService': ['lambda.amazonaws.com', '*'] } })).toBe(false);
    expect(c({ StringEquals: { 'iam:PassedToService': { Ref: 'Service' } } })).toBe(false);
  });

  test('an unresolved narrowing value turns the finding into an UNKNOWN on the Condition (fail closed)', () => {
    const doc = { Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': { Ref: 'Service' } } } }] };
    const v = new PropertyView({ PolicyDocument: doc });
    const f = evaluateStatements(v, identityPolicies(v, 'AWS::IAM::Policy'), (s) => (hasNarrowingCondition(s, ['iam:passedtoservice']) ? undefined : 'is not narrowed'));
    expect(f).toHaveLength(1);
    expect(v.unknowns.map((u) => u.path)).toEqual([expect.stringMatching(/^PolicyDocument\.Statement(\[0\]|\.0)?\.Condition$/)]);
    // a rule that finds nothing records nothing, and a concrete value records nothing either
    const quiet = new PropertyView({ PolicyDocument: doc });
    expect(evaluateStatements(quiet, identityPolicies(quiet, 'AWS::IAM::Policy'), (s) => (hasNarrowingCondition(s, ['iam:passedtoservice']), undefined))).toEqual([]);
    expect(quiet.unknowns).toEqual([]);
  });
});

describe('effects and service wildcards', () => {
  test('M04: an Effect that is not Allow or Deny counts as Allow (fail closed)', () => {
    expect(allows(st({ Effect: { 'Fn::If': ['C', 'Allow', 'Deny'] }, Action: '*' }))).toBe(true);
    expect(allows(st({ Effect: 'Permit', Action: '*' }))).toBe(true);
    expect(allows(st({ Action: '*' }))).toBe(true);
    expect(allows(st({ Effect: 'deny', Action: '*' }))).toBe(false);
  });
  test('M09: runs of * after the service are a full-service wildcard', () => {
    expect(fullServiceWildcards(st({ Effect: 'Allow', Action: ['s3:**', 'IAM:*', 'kms:Get*', 's3:GetObject'] }))).toEqual(['s3:**', 'iam:*']);
    expect(fullServiceWildcards(st({ Effect: 'Allow', NotAction: 's3:*' }))).toEqual([]);
  });
  test('full-service grants by what the patterns match', () => {
    const g = (a: unknown) => fullServiceGrants(st({ Effect: 'Allow', Action: a, Resource: '*' }));
    expect(g('s?:*').services).toEqual(catalogueServices().filter((x) => /^s.$/.test(x)));
    expect(g('s3:?*')).toEqual({ all: false, services: ['s3'], patterns: ['s3:?*'] });
    expect(g('sn?:*').services).toEqual(['sns']);
    expect(g(['kms:Get*', 'kms:*']).patterns).toEqual(['kms:get*', 'kms:*']);
    expect(g('*:*')).toMatchObject({ all: true, patterns: ['*:*'] });
    expect(g(['s3:GetObject*', 's3:List*']).services).toEqual([]);
    expect(g('s3x:*').services).toEqual([]);
    expect(g('iam:*Role*').services).toEqual([]);
    // literal names are never a wildcard, even when they list a whole service
    expect(g(['sts:AssumeRole']).services).toEqual([]);
    expect(serviceWildcards(st({ Effect: 'Allow', Action: ['S3:*', 's3:Get*', 'i?m:*'] }))).toEqual(['s3:*', 'i?m:*']);
  });
  test('every action: by what the patterns match together', () => {
    const all = (a: unknown) => grantsAllActions(st({ Effect: 'Allow', Action: a, Resource: '*' }));
    expect(all('*')).toBe(true);
    expect(all('*:*')).toBe(true);
    expect(all('*:**')).toBe(true);
    expect(all('?*:*')).toBe(true);
    expect(all('*?')).toBe(true);
    expect(all(catalogueServices().map((x) => `${x}:*`))).toBe(true);
    expect(all(catalogueServices().slice(1).map((x) => `${x}:*`))).toBe(false);
    expect(all('s3:*')).toBe(false);
    expect(all([])).toBe(false);
    expect(grantsAllActions(st({ Effect: 'Allow', NotAction: 's3:*', Resource: '*' }))).toBe(true);
  });
});

describe('escalation actions', () => {
  const names = (a: unknown) => grantedEscalations(st({ Effect: 'Allow', Action: a, Resource: '*' })).map((e) => e.action);
  test('exact names in any case', () => expect(names('IAM:PutRolePolicy')).toEqual(['iam:PutRolePolicy']));
  test('wildcards that cover escalation actions', () => {
    expect(names('iam:Put*')).toEqual(['iam:PutUserPolicy', 'iam:PutGroupPolicy', 'iam:PutRolePolicy', 'iam:PutRolePermissionsBoundary', 'iam:PutUserPermissionsBoundary']);
    expect(names('iam:*Policy*')).toContain('iam:CreatePolicyVersion');
    expect(names('*')).toHaveLength(escalationActions().length);
  });
  test('? anywhere, wildcards across the colon, any case', () => {
    expect(names('iam:?ut*')).toEqual(expect.arrayContaining(['iam:PutRolePolicy', 'iam:PutUserPolicy', 'iam:PutGroupPolicy']));
    expect(names('IAM:PUT*POLICY')).toEqual(['iam:PutUserPolicy', 'iam:PutGroupPolicy', 'iam:PutRolePolicy']);
    expect(names('iam:*Role*')).toEqual(expect.arrayContaining(['iam:AttachRolePolicy', 'iam:PutRolePolicy', 'iam:UpdateAssumeRolePolicy', 'iam:DetachRolePolicy', 'iam:DeleteRolePermissionsBoundary']));
    expect(names('*:Put*Policy')).toEqual(['iam:PutUserPolicy', 'iam:PutGroupPolicy', 'iam:PutRolePolicy']);
    expect(names('?am:Attach*')).toEqual(['iam:AttachUserPolicy', 'iam:AttachGroupPolicy', 'iam:AttachRolePolicy']);
    expect(names('iam:NewAction*')).toEqual([]);
  });
  test('the IAM Permissions-management level from the catalogue joins the hand list', () => {
    const list = escalationActions().map((e) => e.action);
    expect(list.slice(0, ESCALATION_ACTIONS.length)).toEqual(ESCALATION_ACTIONS.map((e) => e.action));
    expect(list).toEqual(expect.arrayContaining(['iam:DetachRolePolicy', 'iam:DeleteRolePolicy', 'iam:DeleteRolePermissionsBoundary', 'iam:PutRolePermissionsBoundary']));
    expect(new Set(list.map((a) => a.toLowerCase())).size).toBe(list.length);
    expect(names('iam:Detach*')).toEqual(['iam:DetachGroupPolicy', 'iam:DetachRolePolicy', 'iam:DetachUserPolicy']);
    expect(names(['iam:Get*', 'iam:List*', 'iam:Tag*'])).toEqual([]);
  });
  test('CDK-style scoped patterns cover none', () => {
    expect(names(['s3:GetObject*', 's3:List*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'logs:PutLogEvents', 'iam:Get*'])).toEqual([]);
  });
  test('NotAction covers them', () => expect(grantedEscalations(st({ Effect: 'Allow', NotAction: 's3:*', Resource: '*' })).length).toBe(escalationActions().length));
});

describe('document collection', () => {
  test('Role inline policies and trust policy; string documents parsed', () => {
    const v = new PropertyView({
      AssumeRolePolicyDocument: JSON.stringify({ Statement: { Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' } }),
      Policies: [{ PolicyName: 'a', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }, { PolicyName: 'b', PolicyDocument: '{oops' }],
    });
    const docs = identityPolicies(v, 'AWS::IAM::Role');
    expect(docs.map((d) => d.path)).toEqual(['Policies[0].PolicyDocument', 'Policies[1].PolicyDocument']);
    expect(docs[0].statementList).toBe(true);
    expect(docs[1].policy.error).toMatch(/not valid JSON/);
    const trust = trustPolicy(v)!;
    expect(trust.statementList).toBe(false);
    expect(trust.policy.statements[0].principals).toEqual(['*']);
  });
  test('policy types read PolicyDocument; a missing one is an error', () => {
    expect(identityPolicies(new PropertyView({}), 'AWS::IAM::RolePolicy')[0].policy.error).toBe('PolicyDocument is missing');
    expect(identityPolicies(new PropertyView({ Policies: [] }), 'AWS::IAM::Group')).toEqual([]);
  });
  test('an intrinsic document is recorded as unknown, not evaluated', () => {
    const v = new PropertyView({ PolicyDocument: { 'Fn::If': ['C', {}, {}] } });
    expect(identityPolicies(v, 'AWS::IAM::Policy')).toEqual([]);
    expect(v.unknowns.map((u) => u.path)).toEqual(['PolicyDocument']);
  });
});

describe('ARNs and providers', () => {
  test('renderString substitutes pseudo parameters and marks the rest', () => {
    expect(renderString({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AdministratorAccess']] }, { 'AWS::Partition': 'aws' })).toBe('arn:aws:iam::aws:policy/AdministratorAccess');
    expect(renderString({ 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/${Name}' }, { 'AWS::Partition': 'aws-us-gov', 'AWS::AccountId': '1' })).toBe(`arn:aws-us-gov:iam::1:policy/${UNRESOLVED}`);
    expect(renderString(42)).toBeUndefined();
  });
  test.each([
    ['arn:aws:iam::aws:policy/AdministratorAccess', 'AdministratorAccess'],
    ['arn:aws-us-gov:iam::aws:policy/job-function/ViewOnlyAccess', 'ViewOnlyAccess'],
    ['arn:aws:iam::123456789012:policy/AdministratorAccess', undefined],
  ])('managedPolicyNameOf(%s)', (arn, want) => expect(managedPolicyNameOf(arn)).toBe(want));
  test('web identity providers', () => {
    expect(webIdentityProvider('arn:aws-cn:iam::123456789012:oidc-provider/Token.Actions.GitHubUserContent.com')).toBe('token.actions.githubusercontent.com');
    expect(webIdentityProvider('arn:aws:iam::123456789012:saml-provider/corp')).toBeUndefined();
    expect(webIdentityProvider('cognito-identity.amazonaws.com')).toBe('cognito-identity.amazonaws.com');
  });
  test.each([
    ['repo:org/app:ref:refs/heads/main', true],
    ['repo:org/app:*', true],
    ['repo:org/*', true],
    ['project_path:group/project:ref_type:branch:ref:main', true],
    ['system:serviceaccount:ci:deployer', true],
    ['repo:*', false],
    ['repo:org*', false],
    ['*', false],
    ['', false],
    ['repo:*/app:*', false],
  ])('isPinnedSubject(%s) = %s', (v, want) => expect(isPinnedSubject(v)).toBe(want));
});

test('every hand-listed escalation action is an action of the IAM catalogue (a typo would match nothing)', () => {
  for (const e of ESCALATION_ACTIONS) expect({ action: e.action, known: lookupAction(e.action) !== undefined }).toEqual({ action: e.action, known: true });
});
