import { actionsOfService, CHANGE_LEVELS } from '../../src/predicates/iam-catalogue';
import { globsIntersect, hookManagementActions, instancesMatch, nonStackChangeActions, platformStackGrant, stackChangeActions } from '../../src/predicates/hook-rights';
import { parsePolicy } from '../../src/predicates/policy';

const st = (s: Record<string, unknown>) => parsePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', ...s }] }).statements[0];

describe('globsIntersect: two globs match a common text', () => {
  test.each([
    ['*', 'anything', true],
    ['abc', 'abc', true],
    ['abc', 'abd', false],
    ['a*c', 'ab?', true],
    ['stack/team-*/*', 'stack/StackSet-pipeline-guard-*/*', false],
    ['stack/StackSet-*/*', 'stack/StackSet-pipeline-guard-*/*', true],
    ['stack/*-guard-x/*', 'stack/pipeline-guard-*/*', true],
    ['stack/p?peline-guard-1/id', 'stack/pipeline-guard-*/*', true],
    ['stack/pipeline-guard/id', 'stack/pipeline-guard-*/*', false],
    ['x*', '*y', true],
    ['', '*', true],
    ['', '?', false],
  ])('%s ∩ %s → %s', (a, b, expected) => {
    expect(globsIntersect(a, b)).toBe(expected);
    expect(globsIntersect(b, a)).toBe(expected);
  });
  test('long patterns stay fast (memoised)', () => {
    expect(globsIntersect('a*'.repeat(200), '*a'.repeat(200))).toBe(true);
    expect(globsIntersect('*a'.repeat(200), '*b'.repeat(200))).toBe(false); // one ends in a, the other in b
    expect(globsIntersect('a'.repeat(300) + 'c', '*b')).toBe(false);
  });
});

describe('stack-change actions come from the catalogue', () => {
  test('the actions that change or delete a stack are in, reads and type management are out', () => {
    const list = stackChangeActions();
    for (const a of ['UpdateStack', 'DeleteStack', 'CreateChangeSet', 'ExecuteChangeSet', 'SetStackPolicy', 'UpdateStackSet', 'UpdateStackInstances', 'UpdateTerminationProtection']) expect(list).toContain(`cloudformation:${a}`);
    for (const a of ['DescribeStacks', 'ListStacks', 'SetTypeConfiguration', 'GetTemplate']) expect(list).not.toContain(`cloudformation:${a}`);
  });
  test('every Write action on a stack is in, ContinueUpdateRollback and the stack-set and tagging actions included', () => {
    const list = stackChangeActions();
    for (const a of ['CreateStack', 'ContinueUpdateRollback', 'CancelUpdateStack', 'RollbackStack', 'SignalResource', 'DeleteChangeSet', 'CreateStackSet', 'DeleteStackSet', 'CreateStackInstances', 'DeleteStackInstances', 'ImportStacksToStackSet', 'StopStackSetOperation', 'CreateStackRefactor', 'ExecuteStackRefactor', 'RecordHandlerProgress', 'TagResource', 'UntagResource']) {
      expect(list).toContain(`cloudformation:${a}`);
    }
  });
  test('every changing CloudFormation action of the catalogue is classified: stack change, type management or named as acting on no stack', () => {
    const stack = new Set(stackChangeActions());
    const types = new Set(hookManagementActions());
    const none = nonStackChangeActions();
    const changing = actionsOfService('cloudformation').filter((a) => CHANGE_LEVELS.includes(a.level)).map((a) => `cloudformation:${a.name}`);
    for (const a of none) expect({ a, inCatalogue: changing.includes(a) }).toEqual({ a, inCatalogue: true });
    for (const a of changing) expect({ a, classes: [stack.has(a), types.has(a), none.includes(a)].filter(Boolean).length }).toEqual({ a, classes: 1 });
    expect(none).toEqual([
      'cloudformation:ActivateOrganizationsAccess', 'cloudformation:CancelResourceRequest', 'cloudformation:CreateGeneratedTemplate', 'cloudformation:CreateResource',
      'cloudformation:CreateUploadBucket', 'cloudformation:DeactivateOrganizationsAccess', 'cloudformation:DeleteGeneratedTemplate', 'cloudformation:DeleteResource',
      'cloudformation:RegisterPublisher', 'cloudformation:StartResourceScan', 'cloudformation:UpdateGeneratedTemplate', 'cloudformation:UpdateResource',
    ]);
  });
});

describe('instancesMatch: a stack set\'s instance stacks are StackSet-<name>-<id>', () => {
  test.each([
    ['pipeline-guard-x', 'StackSet-pipeline-guard-*', true],
    ['pipeline-guard', 'StackSet-pipeline-guard-*', true],
    ['pipeline-guar', 'StackSet-pipeline-guard-*', false],
    ['team-app', 'StackSet-pipeline-guard-*', false],
    ['pipeline-guard-x', 'pipeline-guard-*', false],
    ['*', 'StackSet-pipeline-guard-*', true],
    ['pipe*', 'StackSet-pipeline-guard-*', true],
    ['x', 'StackSet-x-0a1b2c3d-*', true],
    ['x', 'registry-hook', false],
  ])('%s vs %s → %s', (name, glob, expected) => expect(instancesMatch(name, glob)).toBe(expected));
});

describe('platformStackGrant', () => {
  const platform = ['StackSet-pipeline-guard-*'];
  test('no platform stacks configured: nothing to protect', () => {
    expect(platformStackGrant(st({ Action: 'cloudformation:*', Resource: '*' }), [])).toBeUndefined();
  });
  test('* and NotResource name every stack', () => {
    expect(platformStackGrant(st({ Action: 'cloudformation:DeleteStack', Resource: '*' }), platform)?.actions).toEqual(['cloudformation:DeleteStack']);
    expect(platformStackGrant(st({ Action: 'cloudformation:UpdateStack', NotResource: 'arn:aws:cloudformation:*:*:stack/x/*' }), platform)).toBeDefined();
  });
  test('a read-only statement grants no stack change', () => {
    expect(platformStackGrant(st({ Action: ['cloudformation:Describe*', 'cloudformation:GetTemplate'], Resource: '*' }), platform)).toBeUndefined();
  });
  test('a resource naming only other stacks', () => {
    expect(platformStackGrant(st({ Action: 'cloudformation:*', Resource: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/team-app/*' }), platform)).toBeUndefined();
  });
  test('wildcards do not reach across ARN fields or path segments', () => {
    const other = (r: string) => platformStackGrant(st({ Action: 'cloudformation:UpdateStack', Resource: r }), platform);
    expect(other('arn:aws:cloudformation:*:*:stack/team-app/*')).toBeUndefined();
    expect(other('arn:*:cloudformation:eu-west-1:123456789012:stack/team-*')).toBeUndefined();
    expect(other('arn:aws:s3:::*')).toBeUndefined();
    expect(other('arn:aws:cloudformation:*:*:stack/*')).toBeDefined();
    expect(other('arn:aws:cloudformation:*')).toBeDefined();
    expect(other('arn:aws:cloudformation:eu-west-1:123456789012:stack/Stack*')).toBeDefined();
    expect(other('arn:aws:cloudformation:eu-west-1:123456789012:st*')).toBeDefined();
    expect(other('arn:aws:cloudformation:eu-west-1:123456789012:stack/StackSet-pipeline-guard-5f2c/*')).toBeDefined();
    expect(other('arn:aws:cloudformation:eu-west-1:123456789012:changeSet/*')).toBeUndefined();
  });
  test('a stack set ARN of the platform', () => {
    expect(platformStackGrant(st({ Action: 'cloudformation:UpdateStackSet', Resource: 'arn:aws:cloudformation:eu-west-1:123456789012:stackset/pipeline-guard:*' }), ['pipeline-guard'])?.platform).toBe('pipeline-guard');
  });
  test('a stack set whose instance stacks the platform names (StackSet-<name>-<id>)', () => {
    const grant = (action: string, r: string) => platformStackGrant(st({ Action: action, Resource: r }), platform);
    expect(grant('cloudformation:CreateStackSet', 'arn:aws:cloudformation:*:111111111111:stackset/pipeline-guard-x:*')?.actions).toEqual(['cloudformation:CreateStackSet']);
    expect(grant('cloudformation:CreateStackInstances', 'arn:aws:cloudformation:eu-west-1:111111111111:stackset/pipeline-guard-x:*')).toBeDefined();
    expect(grant('cloudformation:UpdateStackSet', 'arn:aws:cloudformation:eu-west-1:111111111111:stackset/pipeline-*')).toBeDefined();
    expect(grant('cloudformation:UpdateStackSet', 'arn:aws:cloudformation:eu-west-1:111111111111:stackset*')).toBeDefined();
    expect(grant('cloudformation:CreateStackSet', 'arn:aws:cloudformation:*:111111111111:stackset/team-app:*')).toBeUndefined();
    expect(grant('cloudformation:CreateStackSet', 'arn:aws:cloudformation:*:111111111111:stackset/team-*')).toBeUndefined();
    // a stack (not a stack set) named pipeline-guard-x has no instances
    expect(grant('cloudformation:UpdateStack', 'arn:aws:cloudformation:*:111111111111:stack/pipeline-guard-x/*')).toBeUndefined();
  });
  test('ContinueUpdateRollback on a platform stack', () => {
    expect(platformStackGrant(st({ Action: 'cloudformation:ContinueUpdateRollback', Resource: 'arn:aws:cloudformation:*:*:stack/StackSet-pipeline-guard-1/*' }), platform)?.actions).toEqual(['cloudformation:ContinueUpdateRollback']);
  });
  test('a name pattern without its id separator spans the rest from its first wildcard', () => {
    const grant = (r: string) => platformStackGrant(st({ Action: 'cloudformation:UpdateStack', Resource: r }), ['pipeline-guard-*']);
    expect(grant('arn:aws:cloudformation:*:*:stack/pipeline-*')).toBeDefined();
    expect(grant('arn:aws:cloudformation:*:*:stack/pipeline-*-prod')).toBeDefined();
    expect(grant('arn:aws:cloudformation:*:*:stack/team-*')).toBeUndefined();
  });
});
