/**
 * Resources judged as a set (resource-corpus.ts): several patterns that together match every role / key / bucket …
 * of an account are every resource of that kind, like several action patterns that add up to a whole service.
 */
import { corpusKinds, everyResourceOfAKind, everyResourceOfEveryKind } from '../../src/predicates/resource-corpus';
import { isBroadResource, jointBreadth, onBroadResources, PASSROLE_NARROWING_KEYS, resourceBreadth } from '../../src/predicates/iam';
import { onAllResources, parsePolicy } from '../../src/predicates/policy';

const ACCOUNT = '111111111111';
/** Every character an IAM role name may start with (`[\w+=,.@-]`). */
const ROLE_FIRSTS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_+=,.@-'];
const role = (c: string) => `arn:aws:iam::${ACCOUNT}:role/${c}*`;
const ROLE_SET = ROLE_FIRSTS.map(role);
/** The red team's set: one pattern per first character, without `_` (68 patterns). */
const RED_TEAM_ROLES = ROLE_FIRSTS.filter((c) => c !== '_').map(role);
const HEX = [...'0123456789abcdef'];
const KEY_SET = HEX.map((c) => `arn:aws:kms:*:${ACCOUNT}:key/${c}*`);

const st = (s: Record<string, unknown>) => parsePolicy({ Statement: [{ Effect: 'Allow', ...s }] }).statements[0];
const sts = (...s: Record<string, unknown>[]) => parsePolicy({ Statement: s.map((x) => ({ Effect: 'Allow', ...x })) }).statements;

describe('the corpus', () => {
  test('kinds have a service, a word every name starts with, and families of several distinct names', () => {
    const ids = new Set<string>();
    for (const k of corpusKinds()) {
      expect(ids.has(k.id)).toBe(false);
      ids.add(k.id);
      expect(k.service).toBe(k.service.toLowerCase());
      for (const f of k.families) {
        expect(f.names.length).toBeGreaterThan(8);
        expect([k.id, new Set(f.names).size]).toEqual([k.id, f.names.length]);
        for (const n of f.names) {
          expect(n.startsWith(k.word)).toBe(true);
          expect(n).not.toMatch(/[*?]/);
        }
      }
    }
  });
  test('is the same in every run (seeded): 34 single-Region key IDs, UUID-shaped, every hex digit first', () => {
    const keys = corpusKinds().find((k) => k.id === 'kms-key')!;
    const single = keys.families[0].names;
    expect(single).toHaveLength(34);
    for (const n of single) expect(n).toMatch(/^key\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(new Set(single.map((n) => n[4])).size).toBe(16);
    for (const n of keys.families[1].names) expect(n).toMatch(/^key\/mrk-[0-9a-f]{32}$/);
    expect(corpusKinds()).toBe(corpusKinds());
  });
  test('names keep to the naming rules written beside them', () => {
    const names = (id: string) => corpusKinds().find((k) => k.id === id)!.families[0].names;
    for (const n of names('iam-role')) expect(n.split('/').pop()).toMatch(/^[\w+=,.@-]{1,64}$/);
    for (const n of names('s3-bucket')) expect(n).toMatch(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/);
    for (const n of names('codebuild-project')) expect(n.slice('project/'.length)).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]{1,254}$/);
    for (const n of names('lambda-function')) expect(n.slice('function:'.length)).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    for (const n of names('codepipeline-pipeline')) expect(n).toMatch(/^[A-Za-z0-9.@_-]{1,100}$/);
    for (const n of names('ecr-repository')) expect(n.slice('repository/'.length)).toMatch(/^[a-z][a-z0-9._/-]{1,255}$/);
    for (const n of names('logs-log-group')) expect(n.slice('log-group:'.length)).toMatch(/^[A-Za-z0-9._/#-]{1,512}$/);
    for (const n of names('cloudformation-stack')) expect(n).toMatch(/^stack\/[A-Za-z][A-Za-z0-9-]{0,127}\/[0-9a-f-]{36}$/);
    for (const n of names('secretsmanager-secret')) expect(n).toMatch(/^secret:[A-Za-z0-9/_+=.@!-]+-[A-Za-z0-9]{6}$/);
  });
});

describe('every role of an account, as a set', () => {
  test('one pattern per first character (69), and the red team\'s 68 (without _), are every role', () => {
    expect(ROLE_SET).toHaveLength(69);
    expect(RED_TEAM_ROLES).toHaveLength(68);
    expect(ROLE_SET.some(isBroadResource)).toBe(false);
    expect(everyResourceOfAKind(ROLE_SET)).toMatchObject({ kind: 'IAM role', scope: `account ${ACCOUNT}` });
    expect(everyResourceOfAKind(RED_TEAM_ROLES)).toMatchObject({ kind: 'IAM role', scope: `account ${ACCOUNT}` });
  });
  test('the letters and digits alone (62) are every role: names starting with +=,.@_- are left out of the corpus', () => {
    expect(everyResourceOfAKind(ROLE_FIRSTS.filter((c) => /[A-Za-z0-9]/.test(c)).map(role))).toMatchObject({ kind: 'IAM role' });
  });
  test.each(ROLE_FIRSTS.filter((c) => /[A-Za-z0-9]/.test(c)))('67 of the 68: without %s* it is not every role', (c) => {
    expect(everyResourceOfAKind(RED_TEAM_ROLES.filter((r) => r !== role(c)))).toBeUndefined();
  });
  test('a wildcard account is every role of every account; the patterns are named', () => {
    const any = ROLE_SET.map((r) => r.replace(ACCOUNT, '*'));
    const hit = everyResourceOfAKind(any)!;
    expect(hit.scope).toBe('every account');
    // the patterns that match names of the corpus (names starting with +=,.@_- are not in it)
    expect(hit.patterns).toHaveLength(62);
  });
  test('the case of role/ does not matter, the case of the name does', () => {
    expect(everyResourceOfAKind(ROLE_SET.map((r) => r.replace(':role/', ':ROLE/')))).toMatchObject({ kind: 'IAM role' });
    // lower-case letters only: roles named Admin… are not matched (the Resource element compares names with case)
    expect(everyResourceOfAKind(ROLE_FIRSTS.filter((c) => !/[A-Z]/.test(c)).map(role))).toBeUndefined();
  });
  test('patterns of two accounts do not add up; a wildcard account joins either', () => {
    const half = (cs: string[], account: string) => cs.map((c) => `arn:aws:iam::${account}:role/${c}*`);
    const firsts = ROLE_FIRSTS.slice(0, 62);
    expect(everyResourceOfAKind([...half(firsts.slice(0, 30), ACCOUNT), ...half(firsts.slice(30), '222222222222')])).toBeUndefined();
    expect(everyResourceOfAKind([...half(firsts.slice(0, 30), ACCOUNT), ...half(firsts.slice(30), '*')])).toMatchObject({ scope: `account ${ACCOUNT}` });
    // another partition or service does not add up either
    expect(everyResourceOfAKind([...half(firsts.slice(0, 30), ACCOUNT), ...half(firsts.slice(30), ACCOUNT).map((r) => r.replace('arn:aws:', 'arn:aws-cn:'))])).toBeUndefined();
    expect(everyResourceOfAKind([...half(firsts.slice(0, 30), ACCOUNT), ...half(firsts.slice(30), ACCOUNT).map((r) => r.replace(':iam:', ':sts:'))])).toBeUndefined();
  });
  test.each([
    [['arn:aws:iam::111111111111:role/app-*']],
    [['arn:*:iam::111111111111:role/cdk-hnb659fds-*']],
    [['arn:*:iam::111111111111:role/cdk-hnb659fds-*', 'arn:aws:iam::111111111111:role/app-*', 'arn:aws:iam::111111111111:role/service-role/*']],
    [['arn:aws:iam::111111111111:role/?????*']],
    [['arn:aws:iam::111111111111:role/deploy', 'arn:aws:iam::111111111111:role/build']],
  ])('near-miss %j is not every role', (rs) => {
    expect(everyResourceOfAKind(rs)).toBeUndefined();
  });
  test('a ?-pattern that matches every name of at least one character is every role', () => {
    expect(everyResourceOfAKind(['arn:aws:iam::111111111111:role/?*'])).toMatchObject({ kind: 'IAM role' });
  });
});

describe('every key of an account, as a set or by one pattern', () => {
  test('key/0* … key/f* (16 patterns) are every single-Region key', () => {
    expect(KEY_SET.some(isBroadResource)).toBe(false);
    expect(everyResourceOfAKind(KEY_SET)).toMatchObject({ kind: 'KMS key', family: 'single-Region keys', scope: `account ${ACCOUNT}` });
  });
  test('key/????????-* (every UUID) is not broad by its literal start, but is every single-Region key', () => {
    expect(isBroadResource(`arn:aws:kms:*:${ACCOUNT}:key/????????-*`)).toBe(false);
  });
  test.each([`arn:aws:kms:*:${ACCOUNT}:key/????????-*`, `arn:aws:kms:*:${ACCOUNT}:key/*-*-*-*-*`, `arn:aws:kms:eu-west-1:${ACCOUNT}:key/?*-*`, `arn:aws:kms:*:${ACCOUNT}:key/????????-????-????-????-????????????`])('one pattern: %s is every single-Region key', (r) => {
    expect(everyResourceOfAKind([r])).toMatchObject({ kind: 'KMS key', family: 'single-Region keys' });
  });
  test('key/mrk-* is every multi-Region key', () => {
    expect(everyResourceOfAKind([`arn:aws:kms:*:${ACCOUNT}:key/mrk-*`])).toMatchObject({ kind: 'KMS key', family: 'multi-Region keys' });
  });
  test.each([
    [[`arn:aws:kms:*:${ACCOUNT}:key/0*`]],
    [KEY_SET.slice(1)],
    [[`arn:aws:kms:eu-west-1:${ACCOUNT}:key/5f0e2a52-3c1d-4e2b-9a7f-0b1c2d3e4f50`]],
    [[`arn:aws:kms:eu-west-1:${ACCOUNT}:key/5f0e2a52-*`]],
    [[`arn:aws:kms:*:${ACCOUNT}:key/mrk-1234abcd12ab34cd56ef1234567890ab`]],
    [[`arn:aws:kms:*:${ACCOUNT}:alias/aws/*`]],
  ])('near-miss %j is not every key', (rs) => {
    expect(everyResourceOfAKind(rs)).toBeUndefined();
  });
  test('keys of one region with patterns of one region and of every region', () => {
    const mixed = HEX.map((c, i) => `arn:aws:kms:${i % 2 ? '*' : 'eu-west-1'}:${ACCOUNT}:key/${c}*`);
    expect(everyResourceOfAKind(mixed)).toMatchObject({ kind: 'KMS key' });
    const split = HEX.map((c, i) => `arn:aws:kms:${i % 2 ? 'us-east-1' : 'eu-west-1'}:${ACCOUNT}:key/${c}*`);
    expect(everyResourceOfAKind(split)).toBeUndefined();
  });
});

describe('other kinds', () => {
  const firsts = (chars: string, f: (c: string) => string) => [...chars].map(f);
  test.each([
    ['S3 bucket', firsts('abcdefghijklmnopqrstuvwxyz0123456789', (c) => `arn:aws:s3:::${c}*`)],
    ['S3 object', firsts('abcdefghijklmnopqrstuvwxyz0123456789', (c) => `arn:aws:s3:::${c}*/*`)],
    ['CodeBuild project', firsts('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', (c) => `arn:aws:codebuild:eu-west-1:${ACCOUNT}:project/${c}*`)],
    ['Lambda function', firsts('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', (c) => `arn:aws:lambda:*:${ACCOUNT}:function:${c}*`)],
    ['EC2 instance', firsts('0123456789abcdef', (c) => `arn:aws:ec2:*:${ACCOUNT}:instance/i-${c}*`)],
    ['Secrets Manager secret', firsts('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', (c) => `arn:aws:secretsmanager:*:${ACCOUNT}:secret:${c}*`)],
    ['ECR repository', firsts('abcdefghijklmnopqrstuvwxyz', (c) => `arn:aws:ecr:*:${ACCOUNT}:repository/${c}*`)],
    ['log group', [...firsts('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', (c) => `arn:aws:logs:*:${ACCOUNT}:log-group:${c}*`), `arn:aws:logs:*:${ACCOUNT}:log-group:/*`]],
    ['CodePipeline pipeline', firsts('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', (c) => `arn:aws:codepipeline:*:${ACCOUNT}:${c}*`)],
    ['CloudFormation stack', firsts('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', (c) => `arn:aws:cloudformation:*:${ACCOUNT}:stack/${c}*`)],
  ])('%s: one pattern per first character', (kind, rs) => {
    expect(everyResourceOfAKind(rs)).toMatchObject({ kind });
    expect(everyResourceOfAKind(rs.slice(1))).toBeUndefined();
  });
  test('every bucket does not count as every object of one bucket, nor the reverse', () => {
    expect(everyResourceOfAKind(['arn:aws:s3:::pipeline-artifacts/*'])).toBeUndefined();
    expect(everyResourceOfAKind(['arn:aws:s3:::cdk-*', 'arn:aws:s3:::cdk-*/*'])).toBeUndefined();
  });
});

describe('statements', () => {
  test('onBroadResources and resourceBreadth see the set', () => {
    expect(onBroadResources(st({ Action: 'iam:PassRole', Resource: RED_TEAM_ROLES }))).toBe(true);
    expect(resourceBreadth(st({ Action: 'iam:PassRole', Resource: RED_TEAM_ROLES }))?.set?.kind).toBe('IAM role');
    expect(resourceBreadth(st({ Action: 'iam:PassRole', Resource: 'arn:aws:iam::*:role/*' }))).toEqual({ pattern: 'arn:aws:iam::*:role/*' });
    expect(onBroadResources(st({ Action: 'iam:PassRole', Resource: RED_TEAM_ROLES.slice(1) }))).toBe(false);
  });
  test('a grant split over statements adds up under the same condition or one that does not narrow; not over another action', () => {
    const cond = { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } };
    const [a, b] = sts({ Action: 'iam:PassRole', Resource: RED_TEAM_ROLES.slice(0, 30), Condition: cond }, { Action: 'iam:Pass*', Resource: RED_TEAM_ROLES.slice(30), Condition: cond });
    expect(onBroadResources(a)).toBe(false);
    const j = jointBreadth(a, [a, b], 'iam:passrole')!;
    expect(j.set.kind).toBe('IAM role');
    expect(j.with).toEqual([b]);
    // an open statement and one narrowed to a service: for the open one's requests the narrowed one does not count…
    const [c, d] = sts({ Action: 'iam:PassRole', Resource: RED_TEAM_ROLES.slice(0, 30) }, { Action: 'iam:PassRole', Resource: RED_TEAM_ROLES.slice(30), Condition: cond });
    expect(jointBreadth(c, [c, d], 'iam:passrole', PASSROLE_NARROWING_KEYS)).toBeUndefined();
    // …for the narrowed one's requests (passing to Lambda) the open one does
    expect(jointBreadth(d, [c, d], 'iam:passrole', PASSROLE_NARROWING_KEYS)?.with).toEqual([c]);
    // a condition that does not narrow on the control's keys is no condition (written differently or not)
    expect(jointBreadth(c, [c, d], 'iam:passrole', [])?.with).toEqual([d]);
    const [e, f] = sts({ Action: 'iam:PassRole', Resource: RED_TEAM_ROLES.slice(0, 30) }, { Action: 'sts:AssumeRole', Resource: RED_TEAM_ROLES.slice(30) });
    expect(jointBreadth(e, [e, f], 'iam:passrole')).toBeUndefined();
  });
  test('a statement the others do not need is not part of the joint grant', () => {
    const [a, b] = sts({ Action: 'iam:PassRole', Resource: 'arn:aws:iam::111111111111:role/app-*' }, { Action: 'iam:PassRole', Resource: RED_TEAM_ROLES });
    expect(jointBreadth(a, [a, b], 'iam:passrole')).toBeUndefined();
  });
  test('every resource of every kind, as a list of per-service patterns, is every resource', () => {
    const all = ['iam', 'kms', 's3', 'codebuild', 'codepipeline', 'logs', 'ecr', 'secretsmanager', 'lambda', 'cloudformation', 'ec2', 'ssm', 'codecommit'].map((s) => (s === 's3' ? 'arn:aws:s3:::*' : `arn:aws:${s}:*:*:*`));
    expect(everyResourceOfEveryKind(all)).toBe(true);
    expect(onAllResources(st({ Action: '*', Resource: all }))).toBe(true);
    expect(everyResourceOfEveryKind(all.filter((r) => !r.includes(':lambda:')))).toBe(false);
    expect(onAllResources(st({ Action: '*', Resource: 'arn:aws:iam::*:*' }))).toBe(false);
  });
});

describe('work is bounded', () => {
  test('a list too long to judge within the budget is broad without a verdict (fail closed)', () => {
    // every role but the last corpus name (a long path under platform/), behind 4000 patterns that match nothing,
    // in 16 scopes (15 accounts named by a pattern each, and every account): each scope costs ~300 000 matches
    const firsts = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnoqrstuvwxyz0123456789'].map((c) => `arn:aws:iam::*:role/${c}*`);
    const useless = Array.from({ length: 4000 }, (_, i) => `arn:aws:iam::*:role/zz${i}q*`);
    const accounts = Array.from({ length: 15 }, (_, i) => `arn:aws:iam::${String(100000000000 + i)}:role/x`);
    const list = [...useless, ...firsts, 'arn:aws:iam::*:role/p-*', ...accounts];
    const t = Date.now();
    const hit = everyResourceOfAKind(list);
    expect(Date.now() - t).toBeLessThan(10000);
    expect(hit).toMatchObject({ unjudged: true, kind: 'IAM role' });
    // the same without the scopes is judged: not every role (the long path under platform/ is not matched)
    expect(everyResourceOfAKind([...useless, ...firsts, 'arn:aws:iam::*:role/p-*'])).toBeUndefined();
  });
});
