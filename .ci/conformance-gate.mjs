// Holds the conformance figure to .ci/conformance-baseline.json: it may never get worse. A peer-PASS case on
// which pipeline-guard deliberately became stricter (a bypass closed) is listed, with its reason, under
// "acceptedDisagreements" and does not count against the figure. Once every mapped peer FAIL is caught (the
// runner exits 0) and "passesFully" is set, a non-zero exit of the runner fails CI as well.
// Usage: node .ci/conformance-gate.mjs <runner output file> <runner exit status>
import { readFileSync } from 'node:fs';

const [file, status = '1'] = process.argv.slice(2);
const baseline = JSON.parse(readFileSync(new URL('./conformance-baseline.json', import.meta.url), 'utf8'));
const lines = readFileSync(file, 'utf8').trim().split('\n');
const figure = lines.at(-1) ?? '';
const m = /peer-FAIL caught (\d+)\/(\d+).*peer-PASS agreed (\d+)\/(\d+).*crashes (\d+), exit-2 (\d+), parse failures (\d+)/.exec(figure);
if (!m) {
  console.error(`conformance: cannot read the figure line: ${figure}`);
  process.exit(1);
}
const [caught, failUnits, agreed, passUnits, crashes, exit2, parse] = m.slice(1).map(Number);
const accepted = new Map((baseline.acceptedDisagreements ?? []).map((d) => [d.case, d.reason]));
const acceptedNow = lines.filter((l) => l.startsWith('DISAGREE ') && accepted.has(l.split(' ')[1])).length;

const problems = [];
if (caught < baseline.caught) problems.push(`peer-FAIL caught ${caught} < baseline ${baseline.caught}`);
if (failUnits - caught > baseline.failUnits - baseline.caught) problems.push(`misses ${failUnits - caught} > baseline ${baseline.failUnits - baseline.caught}`);
if (agreed + acceptedNow < baseline.agreed) problems.push(`peer-PASS agreed ${agreed} (+${acceptedNow} accepted) < baseline ${baseline.agreed}`);
if (crashes + exit2 + parse > 0) problems.push(`crashes ${crashes}, exit-2 ${exit2}, parse failures ${parse}`);
if (baseline.passesFully && status !== '0') problems.push(`the runner exited ${status} although the baseline passes fully`);
if (problems.length > 0) {
  console.error(`conformance got worse: ${problems.join('; ')}`);
  process.exit(1);
}
if (status === '0' && !baseline.passesFully) console.log('conformance passes fully: set "passesFully": true in .ci/conformance-baseline.json');
console.log(`conformance gate: ok (baseline caught ${baseline.caught}/${baseline.failUnits}, agreed ${baseline.agreed}/${baseline.passUnits}; ${acceptedNow} accepted disagreement(s))`);
