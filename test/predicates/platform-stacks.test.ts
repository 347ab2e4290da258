import { hasPipelineVariable, nestedNameMatches, platformGlobOfNestedStack, platformGlobOfStack, platformGlobOfStackSet, stackNameGlob } from '../../src/predicates/platform-stacks';

const KIT = ['pipeline-guard-*', 'StackSet-pipeline-guard-*', 'registry-hook', 'lambda-hook'];

describe('stackNameGlob: the names a stack-name value stands for', () => {
  test.each([
    ['team-app', 'team-app'],
    ['  team-app ', 'team-app'],
    ['arn:aws:cloudformation:eu-west-1:111111111111:stack/lambda-hook/2b0c8a30-1c2d-11f0-9d3e-0a1b2c3d4e5f', 'lambda-hook'],
    ['arn:aws-cn:cloudformation:cn-north-1:111111111111:stack/x', 'x'],
    ['#{variables.Stack}', '*'],
    ['team-#{variables.Env}-#{SourceVariables.BranchName}', 'team-*-*'],
    ['team-#{unterminated', 'team-#{unterminated'],
  ])('%s → %s', (value, glob) => expect(stackNameGlob(value)).toBe(glob));
  test('pipeline variables are recognised', () => {
    expect(hasPipelineVariable('a-#{variables.B}')).toBe(true);
    expect(hasPipelineVariable('a-b')).toBe(false);
  });
});

describe('platformGlobOfStack', () => {
  test.each([
    ['pipeline-guard-evil', 'pipeline-guard-*'],
    ['registry-hook', 'registry-hook'],
    ['StackSet-pipeline-guard-1', 'StackSet-pipeline-guard-*'],
    ['*', 'pipeline-guard-*'],
    ['team-*', undefined],
    ['registry-hook2', undefined],
    ['pipeline-guard', undefined],
    ['Pipeline-Guard-x', undefined],
    ['team-app', undefined],
  ])('%s → %s', (name, glob) => expect(platformGlobOfStack(name, KIT)).toBe(glob));
  test('no platform stacks: nothing matches', () => expect(platformGlobOfStack('*', [])).toBeUndefined());
});

describe('platformGlobOfStackSet: its own name and its instance stacks StackSet-<name>-<id>', () => {
  test('instance stacks', () => {
    expect(platformGlobOfStackSet('pipeline-guard-evil', ['StackSet-pipeline-guard-*'])).toEqual({ glob: 'StackSet-pipeline-guard-*', instances: true });
    expect(platformGlobOfStackSet('pipeline-guard', ['StackSet-pipeline-guard-*'])).toEqual({ glob: 'StackSet-pipeline-guard-*', instances: true });
    expect(platformGlobOfStackSet('pipeline-guar', ['StackSet-pipeline-guard-*'])).toBeUndefined();
  });
  test('the stack set\'s own name', () => {
    expect(platformGlobOfStackSet('pipeline-guard-x', ['pipeline-guard-*'])).toEqual({ glob: 'pipeline-guard-*', instances: false });
  });
  test('ordinary names', () => {
    expect(platformGlobOfStackSet('team-baseline', KIT)).toBeUndefined();
    expect(platformGlobOfStackSet('registry', KIT)).toBeUndefined();
  });
});

describe('nestedNameMatches: <parent>-<logical ID, maybe cut>-<letters and digits>', () => {
  test.each([
    // a team parent whose nested stack completes a platform name
    ['pipeline', 'guard', 'pipeline-guard-*', true],
    ['pipeline', 'guardrails', 'pipeline-guard-*', true], // the logical ID may be cut to guard
    ['pipeline', 'Guard', 'pipeline-guard-*', false],
    ['pipeline', 'App', 'pipeline-guard-*', false],
    ['pipeline-guard', 'App', 'pipeline-guard-*', true],
    ['StackSet-pipeline', 'guard', 'StackSet-pipeline-guard-*', true],
    ['StackSet-pipeline', 'guardX', 'StackSet-pipeline-guard-*', true],
    ['ci-pipeline', 'AppStack', 'ci-pipeline-*', true],
    // literal platform names: the nested name always has a logical ID and a suffix after the parent
    ['registry', 'hook', 'registry-hook', false],
    ['lambda-functions', 'Api', 'lambda-hook', false],
    ['lambda', 'hook', 'lambda-hook', false],
    // a glob whose tail needs a character a suffix cannot have
    ['pipeline', 'guard', 'pipeline-guard-*-x', false],
    ['pipeline', 'guard', 'pipeline-guard-?', true],
    ['pipeline', 'guard', 'pipeline-guard-', false],
  ])('%s / %s vs %s → %s', (parent, logicalId, glob, expected) => expect(nestedNameMatches(parent, logicalId, glob)).toBe(expected));

  test('a long parent name may be cut too', () => {
    const long = `pipeline-guardian-${'x'.repeat(60)}`;
    expect(nestedNameMatches(long, 'App', 'pipeline-guardian-*')).toBe(true); // the parent itself is platform-shaped
    expect(nestedNameMatches(long, 'App', 'pipeline-guard-*')).toBe(true); // cut to pipeline-guard, then -<suffix>
    expect(nestedNameMatches(`team-${'x'.repeat(70)}`, 'App', 'pipeline-guard-*')).toBe(false);
    expect(nestedNameMatches(`pipeline-${'y'.repeat(70)}`, 'App', 'pipeline-Y*')).toBe(true); // cut to pipeline, suffix Y…
    expect(nestedNameMatches(`${'z'.repeat(70)}`, 'App', 'zz-*')).toBe(true); // zz + suffix once cut
    expect(nestedNameMatches(`${'z'.repeat(10)}`, 'App', 'zz-*')).toBe(false); // short: never cut
  });

  test('the first platform glob is named', () => {
    expect(platformGlobOfNestedStack('pipeline', 'guard', KIT)).toBe('pipeline-guard-*');
    expect(platformGlobOfNestedStack('ci-pipeline', 'App', KIT)).toBeUndefined();
  });

  test('stays fast on long names and patterns', () => {
    const t = Date.now();
    for (let i = 0; i < 200; i++) nestedNameMatches('p'.repeat(128), 'L'.repeat(255), '*p*'.repeat(40));
    expect(Date.now() - t).toBeLessThan(5000);
  });
});
