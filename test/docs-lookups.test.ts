/**
 * docs/lookups.md cannot drift from the code: its permissions table lists every fact kind of
 * LOOKUP_PERMISSIONS with exactly its actions, and the numbers it states (cache, deadline) are the code's.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE_MAX_ENTRIES, CACHE_TTL_MS, LOOKUP_PERMISSIONS } from '../src/facts/aws';
import { LOOKUP_BUDGET_MS, LOOKUP_RESERVE_MS } from '../src/protocol/hook';
import { CALLER_IDENTITY_TIMEOUT_MS, LOOKUP_SDK_PACKAGES } from '../src/cli/check/lookups';
import { STACK_CONTROLS } from '../src/controls';
import { loadSettings } from '../src/engine/config';
import { evaluateStackWithLookups } from '../src/engine/imports';
import { Registry, REGISTRY } from '../src/engine/registry';
import type { FactRequest } from '../src/model';

const DOC = readFileSync(join(__dirname, '..', 'docs', 'lookups.md'), 'utf8');

/** The rows of the marked table: fact kind → actions. */
function table(): Map<string, string[]> {
  const m = /<!-- lookup-permissions:start -->\n([\s\S]*?)<!-- lookup-permissions:end -->/.exec(DOC);
  if (!m) throw new Error('docs/lookups.md has no lookup-permissions table');
  const rows = new Map<string, string[]>();
  for (const line of m[1].split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const kind = /^`([^`]+)`$/.exec(cells[1] ?? '')?.[1];
    if (!kind) continue;
    rows.set(kind, [...(cells[3] ?? '').matchAll(/`([^`]+)`/g)].map((x) => x[1]));
  }
  return rows;
}

it('the permissions table has one row per fact kind with exactly LOOKUP_PERMISSIONS (same order)', () => {
  const rows = table();
  expect([...rows.keys()].sort()).toEqual(Object.keys(LOOKUP_PERMISSIONS).sort());
  for (const [kind, actions] of Object.entries(LOOKUP_PERMISSIONS)) expect({ kind, actions: rows.get(kind) }).toEqual({ kind, actions: [...actions] });
});

it('the cache, deadline and setup figures are the code’s', () => {
  expect(DOC).toContain(`kept for ${CACHE_TTL_MS / 1000} s, at most ${CACHE_MAX_ENTRIES} entries`);
  expect(DOC).toContain(`budget of at most ${LOOKUP_BUDGET_MS / 1000} s`);
  expect(DOC).toContain(`at least ${LOOKUP_RESERVE_MS / 1000} s`);
  expect(DOC).toContain(`bounded to ${CALLER_IDENTITY_TIMEOUT_MS / 1000} s`);
  for (const p of LOOKUP_SDK_PACKAGES) expect(DOC).toContain(p);
});

/** The rows of the marked table: fact kind → its "asked by" cell. */
function askedBy(): Map<string, string> {
  const m = /<!-- lookup-permissions:start -->\n([\s\S]*?)<!-- lookup-permissions:end -->/.exec(DOC);
  const rows = new Map<string, string>();
  for (const line of (m?.[1] ?? '').split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const kind = /^`([^`]+)`$/.exec(cells[1] ?? '')?.[1];
    if (kind) rows.set(kind, cells[2] ?? '');
  }
  return rows;
}

it('the table names every stack control with the fact kinds it asks for (and no stack control that does not ask)', async () => {
  const ACCOUNT = '123456789012';
  const KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/11111111-2222-4333-8444-555555555555`;
  // a stack that names an artifact bucket, a log group and keys it does not define
  const template = {
    Resources: {
      Build: {
        Type: 'AWS::CodeBuild::Project',
        Properties: { ServiceRole: `arn:aws:iam::${ACCOUNT}:role/build`, EncryptionKey: KEY, LogsConfig: { CloudWatchLogs: { Status: 'ENABLED', GroupName: '/platform/codebuild' } } },
      },
      Pipeline: { Type: 'AWS::CodePipeline::Pipeline', Properties: { RoleArn: `arn:aws:iam::${ACCOUNT}:role/pipeline`, ArtifactStore: { Type: 'S3', Location: 'platform-artifacts', EncryptionKey: { Type: 'KMS', Id: KEY } }, Stages: [] } },
    },
  };
  const answers: Record<string, unknown> = {
    'kms.key': { arn: KEY, awsManaged: false, enabled: true, rotation: true },
    'logs.group': { kmsKeyId: KEY, retentionDays: 365 },
    's3.bucket': { versioning: true, logging: true },
  };
  const settings = loadSettings({}, REGISTRY.ids, { accountId: ACCOUNT });
  const rows = askedBy();
  for (const control of STACK_CONTROLS) {
    const asked: FactRequest[] = [];
    const source = async (r: FactRequest) => {
      asked.push(r);
      return answers[r.kind];
    };
    const target = { targetName: 'STACK' as const, logicalId: 's', action: 'CREATE' as const, template, pseudo: { accountId: ACCOUNT, region: 'eu-west-1', partition: 'aws', stackName: 's' }, accountId: ACCOUNT, stackName: 's' };
    await evaluateStackWithLookups(target, settings, new Date('2026-06-15T12:00:00Z'), source, Date.now() + 5000, new Registry([], [control]));
    const kinds = new Set(asked.map((r) => r.kind));
    const id = new RegExp(`${control.id.replace(/\./g, '\\.')}(?!\\d)`);
    for (const [kind, cell] of rows) expect({ control: control.id, kind, named: id.test(cell) }).toEqual({ control: control.id, kind, named: kinds.has(kind as FactRequest['kind']) });
  }
});
