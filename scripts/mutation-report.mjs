#!/usr/bin/env node
/**
 * bench/mutation.md from Stryker's JSON reports in bench/mutation/ (`npm run mutation`, or one layer at a time
 * with `npm run mutation:engine|predicates|controls`; a file's newest result wins):
 * the score overall, per layer (src/engine, src/predicates, src/controls) and per directory below them, and
 * every surviving or uncovered mutant as file:line:column, mutator, original -> replacement.
 *
 * The sections "Budget" and "Explained survivors" are written by people, not by this script: they are carried
 * over from the existing bench/mutation.md on every run. A survivor counts as explained when that section names its key
 * (`path:line:column Mutator`, as printed in the survivor list).
 *
 * Usage: node scripts/mutation-report.mjs [one-report.json [out.md]]
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const REPORT_DIR = join(ROOT, 'bench', 'mutation');
const outPath = process.argv[3] ?? join(ROOT, 'bench', 'mutation.md');
const EXPLAINED_HEADING = '## Explained survivors';
const BUDGET_HEADING = '## Budget';
const BUDGET_PLACEHOLDER = '<!-- Written by hand and kept by scripts/mutation-report.mjs: measured durations and how to run. -->';
const EXPLAINED_PLACEHOLDER = [
  '<!-- Written by hand and kept by scripts/mutation-report.mjs. One entry per survivor that no test should',
  '     kill (an equivalent mutant, or a change that cannot alter a decision), starting with its key as printed',
  '     above, e.g. `- \\`src/predicates/values.ts:101:9 ConditionalExpression\\`: why it is equivalent.`',
  '     Never explain a survivor away that a test could kill: write the test. -->',
].join('\n');

// One report (argument), or every Stryker report in bench/mutation/ (the full run and the per-layer runs),
// oldest first, so that the newest result for a source file wins.
const reportPaths = process.argv[2]
  ? [process.argv[2]]
  : existsSync(REPORT_DIR)
    ? readdirSync(REPORT_DIR)
        .filter((f) => f.endsWith('.json'))
        .map((f) => join(REPORT_DIR, f))
        .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs)
    : [];
const reports = reportPaths.map((p) => ({ path: p, json: JSON.parse(readFileSync(p, 'utf8')) })).filter((r) => r.json.files && r.json.schemaVersion);
if (reports.length === 0) {
  console.error('no Stryker JSON report in bench/mutation/: run `npm run mutation` (or mutation:<layer>) first');
  process.exit(1);
}
const report = { files: {}, config: undefined, framework: undefined };
/** One mutant across reports of the same source: where, which mutator, what replacement. */
const mutantKey = (m) => `${m.location.start.line}:${m.location.start.column}-${m.location.end.line}:${m.location.end.column} ${m.mutatorName} ${m.replacement ?? ''}`;
const configs = [];
for (const { json } of reports) {
  const root = json.projectRoot ?? ROOT;
  for (const [name, f] of Object.entries(json.files)) {
    const key = (isAbsolute(name) ? relative(root, name) : name).split('\\').join('/');
    const prev = report.files[key];
    // a rerun of some mutants of an unchanged file (MUTATION_RANGES) replaces those mutants' results only;
    // a file whose source changed in between is replaced whole
    if (prev && prev.source === f.source) {
      const merged = new Map(prev.mutants.map((m) => [mutantKey(m), m]));
      for (const m of f.mutants) merged.set(mutantKey(m), m);
      report.files[key] = { ...f, mutants: [...merged.values()] };
    } else report.files[key] = f;
  }
  if (json.config) configs.push(json.config);
  report.framework = json.framework ?? report.framework;
}
// the files in the merged report (a rerun's `mutate` lists mutant ranges, not files)
report.config = configs.at(-1) && { ...configs.at(-1), mutate: Object.keys(report.files).sort() };

// Stryker's own definitions: detected = killed + timeout; valid = detected + survived + no coverage;
// ignored mutants and those that did not compile or crashed the runner are not in the score.
const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

function emptyTally() {
  return { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, Ignored: 0, CompileError: 0, RuntimeError: 0, Pending: 0 };
}
function add(t, status) {
  t[status] = (t[status] ?? 0) + 1;
}
function score(t) {
  const detected = t.Killed + t.Timeout;
  const valid = detected + t.Survived + t.NoCoverage;
  return valid === 0 ? null : (100 * detected) / valid;
}
function covScore(t) {
  const detected = t.Killed + t.Timeout;
  const covered = detected + t.Survived;
  return covered === 0 ? null : (100 * detected) / covered;
}
const pct = (n) => (n === null ? 'n/a' : `${n.toFixed(2)} %`);

/** src/controls/iam/x.ts -> ['src/controls', 'src/controls/iam']; src/engine/x.ts -> ['src/engine']. */
function groupsOf(file) {
  const parts = file.split('/');
  const groups = [];
  if (parts.length >= 3) groups.push(parts.slice(0, 2).join('/'));
  if (parts.length >= 4) groups.push(parts.slice(0, 3).join('/'));
  if (groups.length === 0) groups.push(dirname(file));
  return groups;
}

function snippet(source, loc) {
  const lines = source.split('\n');
  const { start, end } = loc;
  let text;
  if (start.line === end.line) text = lines[start.line - 1]?.slice(start.column - 1, end.column - 1) ?? '';
  else text = [lines[start.line - 1]?.slice(start.column - 1) ?? '', ...lines.slice(start.line, end.line - 1), lines[end.line - 1]?.slice(0, end.column - 1) ?? ''].join(' ');
  return oneLine(text);
}
function oneLine(text, max = 90) {
  const t = String(text).replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
const code = (s) => '`' + s.replace(/`/g, "'") + '`';
/** Markdown table cell: inline code, pipes escaped. */
const cell = (s) => (s === '' ? '(empty)' : code(s).replace(/\|/g, '\\|'));

// Normalise file keys to project-relative paths (Stryker writes them relative to the project root already,
// but a report from another machine may carry absolute paths).
const files = Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b));

const total = emptyTally();
const byGroup = new Map();
const undetected = [];
for (const [file, f] of files) {
  for (const m of f.mutants) {
    add(total, m.status);
    for (const g of groupsOf(file)) {
      if (!byGroup.has(g)) byGroup.set(g, emptyTally());
      add(byGroup.get(g), m.status);
    }
    if (UNDETECTED.has(m.status)) {
      const { line, column } = m.location.start;
      undetected.push({
        key: `${file}:${line}:${column} ${m.mutatorName}`,
        file,
        line,
        status: m.status,
        mutator: m.mutatorName,
        original: snippet(f.source, m.location),
        replacement: oneLine(m.replacement ?? ''),
        isStatic: m.static === true,
      });
    }
  }
}
undetected.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.key.localeCompare(b.key));

// Carry over the hand-written sections.
function handWritten(heading, placeholder) {
  if (!existsSync(outPath)) return placeholder;
  const old = readFileSync(outPath, 'utf8');
  const at = old.indexOf(`\n${heading}\n`);
  if (at < 0) return placeholder;
  const rest = old.slice(at + heading.length + 2);
  const next = rest.search(/^## /m);
  return (next >= 0 ? rest.slice(0, next) : rest).trim() || placeholder;
}
const explained = handWritten(EXPLAINED_HEADING, EXPLAINED_PLACEHOLDER);
const budget = handWritten(BUDGET_HEADING, BUDGET_PLACEHOLDER);
const explainedText = explained.replace(/<!--[\s\S]*?-->/g, "");
const isExplained = (u) => explainedText.includes(u.key);

// The scope of the run (for the reader: what was mutated and what was left out). Stryker writes the options it
// ran with into the report; an older report without them falls back to the config file as it is now.
let config = report.config ?? {};
if (!report.config) {
  try {
    config = (await import(pathToFileURL(join(ROOT, 'stryker.config.mjs')).href)).default;
  } catch {
    /* scope unknown */
  }
}

const perf = report.performance;
const minutes = (ms) => `${(ms / 60000).toFixed(1)} min`;
const out = [];
out.push('# Mutation testing (Stryker)');
out.push('');
out.push('Generated by `npm run mutation:report` from the Stryker JSON reports in `bench/mutation/` (written by');
out.push(`\`npm run mutation\` or \`npm run mutation:<layer>\`; this one from ${reports.map((r) => code(relative(ROOT, r.path))).join(', ')});`);
out.push('edit only the sections "Budget" and "Explained survivors". Not a CI gate. The JSON and HTML reports are left out of git.');
out.push('');
out.push('## Run');
out.push('');
if (report.framework?.name) out.push(`- Tool: ${report.framework.name} ${report.framework.version ?? ''}`.trimEnd());
if (perf) out.push(`- Duration: ${minutes((perf.setup ?? 0) + (perf.initialRun ?? 0) + (perf.mutation ?? 0))} (setup ${minutes(perf.setup ?? 0)}, initial test run ${minutes(perf.initialRun ?? 0)}, mutants ${minutes(perf.mutation ?? 0)})`);
if (report.system?.cpu) out.push(`- Machine: ${report.system.cpu.logicalCores ?? '?'} logical cores, Node ${report.system.ci === true ? '(CI) ' : ''}${process.version}`);
if (config.mutate) out.push(`- Mutated: ${config.mutate.map(code).join(', ')}`);
if (config.mutator?.excludedMutations?.length) out.push(`- Mutators left out: ${config.mutator.excludedMutations.map(code).join(', ')} (see "Scope")`);
if (config.jest?.configFile) out.push(`- Tests: ${code(config.jest.configFile)}, coverage analysis ${code(config.coverageAnalysis ?? 'perTest')}`);
out.push('');
out.push('## Score');
out.push('');
out.push('Mutation score = (killed + timed out) / (killed + timed out + survived + no coverage). "Covered" leaves the');
out.push('mutants no test reaches out of the denominator.');
out.push('');
out.push('| Scope | Score | Covered | Killed | Timeout | Survived | No coverage | Ignored | Errors |');
out.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
const row = (name, t) => `| ${name} | ${pct(score(t))} | ${pct(covScore(t))} | ${t.Killed} | ${t.Timeout} | ${t.Survived} | ${t.NoCoverage} | ${t.Ignored} | ${t.CompileError + t.RuntimeError} |`;
out.push(row('**All**', total));
const groups = [...byGroup.keys()].sort((a, b) => a.localeCompare(b));
for (const g of groups) out.push(row(g.split('/').length === 2 ? `**${g}**` : `&nbsp;&nbsp;${g}`, byGroup.get(g)));
out.push('');
const s = score(total);
const unexplained = undetected.filter((u) => !isExplained(u));
out.push(`Target (issue 10): score >= 90 % and every survivor killed by a test or explained below. Now: ${pct(s)}, ${undetected.length} undetected, ${unexplained.length} of them not explained.`);
out.push('');
out.push('## Scope');
out.push('');
if ((config.mutator?.excludedMutations ?? []).includes('StringLiteral')) {
  out.push('- `StringLiteral` mutants are left out (they show as Ignored): they replace a text by `""` or the reverse.');
  out.push('  In these layers that is mostly message wording and control metadata (titles, rationale, remediation);');
  out.push('  the rest are property names and literal values compared against, which the case fixtures reach only');
  out.push('  partly. Left out for the time budget, not to hide survivors: a run with `--mutate` on one file and the');
  out.push('  mutator put back shows them.');
}
if (config.ignoreStatic) out.push('- Static mutants (code that runs only while a module loads) are not run and show as Ignored.');
out.push('- No mutant is silenced with a `// Stryker disable` comment.');
out.push('');
out.push(BUDGET_HEADING);
out.push('');
out.push(budget);
out.push('');
out.push('## Survivors and uncovered mutants');
out.push('');
if (undetected.length === 0) out.push('None.');
else {
  out.push('Key = `file:line:column Mutator`. "Explained" means the key appears in the next section.');
  out.push('');
  out.push('| Key | Status | Original | Replacement | Explained |');
  out.push('| --- | --- | --- | --- | --- |');
  for (const u of undetected) out.push(`| ${code(u.key)} | ${u.status}${u.isStatic ? ' (static)' : ''} | ${cell(u.original)} | ${cell(u.replacement)} | ${isExplained(u) ? 'yes' : ''} |`);
}
out.push('');
out.push(EXPLAINED_HEADING);
out.push('');
out.push(explained);
out.push('');
writeFileSync(outPath, out.join('\n'));
console.log(`${relative(ROOT, outPath)}: score ${pct(s)}, ${undetected.length} undetected (${unexplained.length} not explained)`);
