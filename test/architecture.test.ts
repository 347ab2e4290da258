/**
 * Layers, arrows pointing down only: entry points → protocol → engine → controls → predicates → model, with the
 * template layer below the engine. Every relative import in src/ is checked against the layer it lands in.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SRC = resolve(__dirname, '..', 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** The layer of a file under src/ (relative path without extension). */
function layerOf(rel: string): string {
  if (rel === 'model') return 'model';
  if (rel === 'handlers' || rel === 'lambda-hook' || rel.startsWith('cli/') || rel === 'cli') return 'entry';
  return rel.split('/')[0];
}

/** What each layer may import (besides itself). */
const MAY_IMPORT: Record<string, readonly string[]> = {
  model: [],
  predicates: ['model'],
  template: ['model', 'predicates'],
  controls: ['model', 'predicates'],
  engine: ['model', 'predicates', 'controls', 'template'],
  facts: ['model', 'predicates', 'engine', 'template'],
  protocol: ['model', 'predicates', 'engine', 'template', 'facts'],
  entry: ['model', 'predicates', 'engine', 'template', 'protocol', 'controls', 'facts'],
};

const edges = files(SRC).flatMap((file) => {
  const text = readFileSync(file, 'utf8');
  const from = relative(SRC, file).replace(/\.ts$/, '');
  return [...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/gm)].map((m) => {
    const spec = m[1] ?? m[2];
    const to = relative(SRC, resolve(dirname(file), spec)).replace(/\.(ts|js|json)$/, '');
    return { from, to, spec };
  });
});

test('the import scan sees the code (guards against a scan that finds nothing)', () => {
  expect(edges.length).toBeGreaterThan(200);
  expect(edges.some((e) => e.from.startsWith('controls/') && e.to === 'model')).toBe(true);
});

test('every layer has a rule', () => {
  const layers = new Set(edges.map((e) => layerOf(e.from)));
  expect([...layers].filter((l) => !(l in MAY_IMPORT))).toEqual([]);
});

test('arrows point down only', () => {
  const wrong = edges
    .filter((e) => !e.to.startsWith('..')) // JSON schema and package files outside src
    .filter((e) => {
      const a = layerOf(e.from);
      const b = layerOf(e.to);
      return a !== b && !(MAY_IMPORT[a] ?? []).includes(b);
    })
    .map((e) => `${e.from} → ${e.to}`);
  expect(wrong).toEqual([]);
});

test('the model holds types only', () => {
  const text = readFileSync(join(SRC, 'model.ts'), 'utf8');
  expect(text).not.toMatch(/^\s*(export\s+)?(const|let|var|function|class|enum)\s/m);
  expect(text).not.toMatch(/^\s*import\s/m);
});
