/** src/template sits below the engine: it may import the model and the value and strict-JSON helpers, never engine/protocol/cli. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const DIR = join(__dirname, '..', '..', 'src', 'template');
const ALLOWED = new Set(['../model', '../predicates/values', '../predicates/json', './parse', './resolve', './stack', 'yaml', 'node:crypto']);

test.each(readdirSync(DIR).filter((f) => f.endsWith('.ts')))('src/template/%s imports only from below the engine', (file) => {
  const text = readFileSync(join(DIR, file), 'utf8');
  const specifiers = [...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
  expect(specifiers.length).toBeGreaterThan(0);
  expect(specifiers.filter((s) => !ALLOWED.has(s))).toEqual([]);
});
