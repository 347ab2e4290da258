/** What the README tells a platform engineer to use must actually work. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSettings } from '../src/engine/config';
import { REGISTRY } from '../src/engine/registry';

const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');

test('the README configuration example is a valid type configuration', () => {
  const blocks = [...readme.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]));
  const docs = blocks.filter((b) => b.CloudFormationConfiguration);
  expect(docs.length).toBeGreaterThan(0);
  for (const doc of docs) {
    const s = loadSettings(doc.CloudFormationConfiguration.HookConfiguration.Properties, REGISTRY.ids, { accountId: '123456789012' });
    expect(s.Exemptions.length + s.WarnOnlyControls.length).toBeGreaterThan(0);
  }
});

test('every control ID the README mentions exists', () => {
  const ids = new Set([...readme.matchAll(/CICD\.[A-Z0-9]+\.[0-9]+/g)].map((m) => m[0]));
  for (const id of ids) expect({ id, known: REGISTRY.ids.has(id) }).toEqual({ id, known: true });
});

test('every remediationLink anchor exists in docs/controls.md (explicit ids: GitHub drops the dots of headings)', async () => {
  const { controlDocLink } = await import('../src/engine/registry');
  const docs = readFileSync(join(__dirname, '..', 'docs', 'controls.md'), 'utf8');
  for (const id of REGISTRY.ids) {
    const anchor = controlDocLink(id).split('#')[1];
    expect({ id, present: docs.includes(`<a id="${anchor}"></a>`) }).toEqual({ id, present: true });
  }
});
