import { globsIntersect, platformStackGrant, stackChangeActions } from '../../src/predicates/hook-rights';
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
});
