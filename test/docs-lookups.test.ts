/**
 * docs/lookups.md cannot drift from the code: its permissions table lists every fact kind of
 * LOOKUP_PERMISSIONS with exactly its actions, and the numbers it states (cache, deadline) are the code's.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE_MAX_ENTRIES, CACHE_TTL_MS, LOOKUP_PERMISSIONS } from '../src/facts/aws';
import { LOOKUP_BUDGET_MS, LOOKUP_RESERVE_MS } from '../src/protocol/hook';
import { CALLER_IDENTITY_TIMEOUT_MS, LOOKUP_SDK_PACKAGES } from '../src/cli/check/lookups';

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
