/**
 * "Introduced by this update" belongs to the engine: on UPDATE it judges the deployed state with the same
 * control and marks the findings of the new state that the deployed state did not have.
 */
import { loadSettings } from '../../src/engine/config';
import { evaluate, type Target } from '../../src/engine/evaluate';
import { REGISTRY } from '../../src/engine/registry';
import { markNew, relatedPath } from '../../src/engine/weakening';
import type { Finding } from '../../src/model';

const f = (path: string, message = `${path} is bad`): Finding => ({ path, message });

describe('relatedPath', () => {
  test('equal, parent and child are related, in both directions', () => {
    expect(relatedPath('A', 'A')).toBe(true);
    expect(relatedPath('A.B', 'A')).toBe(true);
    expect(relatedPath('A', 'A.B')).toBe(true);
    expect(relatedPath('Statement[0].Action', 'Statement[0]')).toBe(true);
    expect(relatedPath('Statement', 'Statement[0]')).toBe(true);
    expect(relatedPath('', '')).toBe(true);
  });
  test('a sibling or a name that merely starts the same is not', () => {
    expect(relatedPath('AB', 'A')).toBe(false);
    expect(relatedPath('A', 'AB')).toBe(false);
    expect(relatedPath('A.B', 'A.C')).toBe(false);
    expect(relatedPath('Statement[1]', 'Statement[0]')).toBe(false);
    expect(relatedPath('Statement[10]', 'Statement[1]')).toBe(false);
    // '' (the resource itself) relates only to ''
    expect(relatedPath('', 'A')).toBe(false);
    expect(relatedPath('A', '')).toBe(false);
  });
});

describe('markNew', () => {
  test('a no-op update (the same findings before and after) marks nothing new', () => {
    const now = [f('A'), f('B.C')];
    expect(markNew(now, [f('A'), f('B.C')]).map((x) => x.weakened)).toEqual([false, false]);
  });

  test('a finding the deployed state did not have is new', () => {
    expect(markNew([f('A.B')], [])).toEqual([{ path: 'A.B', message: 'A.B is bad', weakened: true }]);
  });

  test('the same message about a parent or child property was already there', () => {
    expect(markNew([f('A.B', 'm')], [f('A', 'm')])[0].weakened).toBe(false);
    expect(markNew([f('A', 'm')], [f('A.B', 'm')])[0].weakened).toBe(false);
    expect(markNew([f('AB', 'm')], [f('A', 'm')])[0].weakened).toBe(true);
  });

  test('the same statement gaining a worse problem (s3:* → s3:* and iam:*) is new', () => {
    const before = [f('PolicyDocument.Statement[0]', 'PolicyDocument.Statement[0] allows s3:* on *')];
    const now = [f('PolicyDocument.Statement[0]', 'PolicyDocument.Statement[0] allows s3:* on *'), f('PolicyDocument.Statement[0]', 'PolicyDocument.Statement[0] allows iam:* on *')];
    expect(markNew(now, before).map((x) => x.weakened)).toEqual([false, true]);
  });

  test('a list item that only moved is not new (indices are ignored, in paths and messages)', () => {
    const before = [f('Statement[0]', 'Statement[0] allows s3:*')];
    expect(markNew([f('Statement[2]', 'Statement[2] allows s3:*')], before)[0].weakened).toBe(false);
    // the older dotted form reads the same
    expect(markNew([f('Rules.3.Key', 'Rules.3.Key is bad')], [f('Rules[0].Key', 'Rules[0].Key is bad')])[0].weakened).toBe(false);
  });

  test('each deployed finding matches one new finding', () => {
    const before = [f('Vars[0]', 'Vars[0] (TOKEN) is plaintext')];
    const now = [f('Vars[0]', 'Vars[0] (TOKEN) is plaintext'), f('Vars[1]', 'Vars[1] (TOKEN) is plaintext')];
    expect(markNew(now, before).map((x) => x.weakened)).toEqual([false, true]);
  });

  test('a control cannot decide it: whatever it set is overwritten', () => {
    expect(markNew([{ ...f('A'), weakened: true }], [f('A')])[0].weakened).toBe(false);
    expect(markNew([{ ...f('A'), weakened: false }], [])[0].weakened).toBe(true);
  });
});

describe('evaluate marks new findings on UPDATE only', () => {
  const settings = loadSettings(null, REGISTRY.ids, { accountId: '123456789012', partition: 'aws' });
  const now = new Date('2025-01-01T00:00:00Z');
  const bucket = (status: string) => ({ BucketName: 'ci-artifacts', VersioningConfiguration: { Status: status } });
  const versioning = (target: Partial<Target>) => {
    const t: Target = { resourceType: 'AWS::S3::Bucket', logicalId: 'B', action: 'UPDATE', properties: bucket('Suspended'), accountId: '123456789012', ...target };
    const outcome = evaluate(t, settings, now).outcomes.find((o) => o.control.id === 'CICD.S3.2');
    expect(outcome?.status).toBe('FAIL');
    return outcome!.findings;
  };

  test('an update that suspends versioning introduces the finding', () => {
    expect(versioning({ previousProperties: bucket('Enabled') }).map((x) => x.weakened)).toEqual([true]);
  });
  test('an update of a bucket that was already suspended does not', () => {
    expect(versioning({ previousProperties: bucket('Suspended') }).map((x) => x.weakened)).toEqual([false]);
  });
  test('CREATE is never marked', () => {
    expect(versioning({ action: 'CREATE' }).map((x) => x.weakened)).toEqual([undefined]);
  });
});

describe('weakening: edges found by mutation testing', () => {
  test('relatedPath compares prefixes, not suffixes', () => {
    expect(relatedPath('X.A', 'A')).toBe(false);
    expect(relatedPath('A', 'X.A')).toBe(false);
    expect(relatedPath('X[0]', '0]')).toBe(false);
    expect(relatedPath('Y.Statement[0]', 'Statement[0]')).toBe(false);
    expect(relatedPath('AB', 'A')).toBe(false);
  });

  test('list indices of any width are ignored, in brackets and in dotted segments', () => {
    const moved = markNew([f('Statement[12]', 'Statement[12] grants s3:*')], [f('Statement[3]', 'Statement[3] grants s3:*')]);
    expect(moved.map((x) => x.weakened)).toEqual([false]);
    const dotted = markNew([f('Rules.12.Id', 'Rules.12.Id is bad')], [f('Rules.3.Id', 'Rules.3.Id is bad')]);
    expect(dotted.map((x) => x.weakened)).toEqual([false]);
    const atEnd = markNew([f('Rules.12', 'rule at Rules.12')], [f('Rules.3', 'rule at Rules.3')]);
    expect(atEnd.map((x) => x.weakened)).toEqual([false]);
    const beforeSpace = markNew([f('Rules.12', 'Rules.12 is bad')], [f('Rules.3', 'Rules.3 is bad')]);
    expect(beforeSpace.map((x) => x.weakened)).toEqual([false]);
  });

  test('numbers that are not list indices still tell findings apart', () => {
    expect(markNew([f('MaxSessionDuration', 'MaxSessionDuration is 43200')], [f('MaxSessionDuration', 'MaxSessionDuration is 14400')]).map((x) => x.weakened)).toEqual([true]);
    expect(markNew([f('A', 'version 1.5x')], [f('A', 'version 1.7x')]).map((x) => x.weakened)).toEqual([true]);
  });

  test('a finding on an unrelated path is new even with the same message', () => {
    expect(markNew([f('B', 'same')], [f('A', 'same')]).map((x) => x.weakened)).toEqual([true]);
  });
});

test('relatedPath: a list item is related to its list, whichever side it is on', () => {
  expect(relatedPath('Statement[0]', 'Statement')).toBe(true);
  expect(relatedPath('Statement', 'Statement[0]')).toBe(true);
  expect(relatedPath('Statement[0]', 'Statements')).toBe(false);
});
