/**
 * `check --lookups` never hangs: every request's lookups end within the hook's own budget (LOOKUP_BUDGET_MS),
 * a lookup that never answers becomes a FAIL naming the timeout (LookupFailureMode FAIL), and the run ends.
 * Fake timers stand in for the 20 seconds; the source is one that never answers (the AWS side is in
 * check-lookups.test.ts). Also the command line: --lookups is off by default, --profile needs it.
 */
import { CHECK_USAGE, parseCheckArgs } from '../../src/cli/check';
import { UsageError } from '../../src/cli/io';
import { runCheck } from '../../src/cli/check/run';
import type { StackInput } from '../../src/cli/check/discover';
import type { FactRequest } from '../../src/model';
import { LOOKUP_BUDGET_MS } from '../../src/protocol/hook';

const KEY = 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555';

function stack(encryptionKey: unknown): StackInput {
  return {
    file: 't.json',
    stack: 't',
    template: { Resources: { Build: { Type: 'AWS::CodeBuild::Project', Properties: { Name: 'b', EncryptionKey: encryptionKey } } } },
    lineOf: () => undefined,
  };
}

afterEach(() => jest.useRealTimers());

it('a lookup that never answers ends at the budget as a FAIL naming the timeout; the run completes', async () => {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
  const asked: FactRequest[] = [];
  const never = () => (request: FactRequest) => {
    asked.push(request);
    return new Promise<never>(() => undefined);
  };
  let done = false;
  const run = runCheck([stack(KEY)], { hookModel: null, lookups: never }).then((r) => {
    done = true;
    return r;
  });
  await jest.advanceTimersByTimeAsync(LOOKUP_BUDGET_MS - 1000);
  expect(done).toBe(false); // still within the budget: waiting for the answer
  await jest.advanceTimersByTimeAsync(2 * LOOKUP_BUDGET_MS);
  expect(done).toBe(true);
  const result = await run;
  expect(asked).toContainEqual({ kind: 'kms.key', ref: KEY });
  const row = result.findings.find((f) => f.controlId === 'CICD.CODEBUILD.7');
  expect(row?.status).toBe('FAIL');
  expect(row?.message).toMatch(/timed out/);
});

it('the same template without lookups asks nothing and passes the CMK control', async () => {
  const result = await runCheck([stack(KEY)], { hookModel: null });
  expect(result.findings.find((f) => f.controlId === 'CICD.CODEBUILD.7')?.status).toBe('PASS');
});

describe('command line', () => {
  it('--lookups is off by default and parsed as a flag; --profile is its option', () => {
    expect(parseCheckArgs(['t.json']).lookups).toBe(false);
    expect(parseCheckArgs(['t.json', '--lookups', '--profile', 'dev'])).toMatchObject({ lookups: true, profile: 'dev' });
  });

  it('--profile without --lookups is a usage error', () => {
    expect(() => parseCheckArgs(['t.json', '--profile', 'dev'])).toThrow(UsageError);
  });

  it('the help text names both options', () => {
    expect(CHECK_USAGE).toMatch(/--lookups/);
    expect(CHECK_USAGE).toMatch(/--profile NAME/);
  });
});
