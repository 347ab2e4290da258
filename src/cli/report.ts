/**
 * `pipeline-guard report <exported log lines>`: the warn-phase report. Reads the hook's "hook answered"
 * lines (docs/log-format.md, logFormatVersion 1) as exported from CloudWatch Logs, summarises the WARN and
 * FAIL findings by control, account, stack and day, and lists the controls that can be switched to
 * enforcing: evaluated in the last N days (`--days`, default 14) with no WARN or FAIL in that window.
 *
 * Accepted inputs: JSON Lines (one hook line per line, optionally after a prefix such as a timestamp and a
 * tab), a CSV export whose message column holds the line, `aws logs filter-log-events` output
 * (`{"events":[{"message":…}]}`), `aws logs get-query-results` output (`{"results":[[{"field","value"}]]}`)
 * and the console's JSON export of Logs Insights results (`[{"@timestamp","@message"}]`).
 */
import { isRecord } from '../predicates/values';
import { EXIT, parseArgs, readInput, UsageError, writeOutput } from './io';

/** The log format this report reads (src/protocol/hook.ts LOG_FORMAT_VERSION). */
export const SUPPORTED_LOG_FORMAT = 1;
const DAY_MS = 86_400_000;

/** One "hook answered" line, as far as the report needs it. */
export interface AnsweredRecord {
  time: number;
  token: string;
  account: string;
  stack: string;
  logicalId: string;
  targetName: string;
  hookStatus: string;
  errorCode?: string;
  failed: string[];
  warned: string[];
  passed: string[];
}

export interface ParsedExport {
  records: AnsweredRecord[];
  /** Lines that are not hook lines at all (other log lines, blank, unparseable). */
  ignored: number;
  /** "hook answered" lines without logFormatVersion (written before the format was versioned). */
  unversioned: number;
  /** "hook answered" lines of a newer, unknown format version. */
  newer: number;
  duplicates: number;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** JSON text of a hook line inside an exported line: the first `{…}` object, CSV-unquoted if needed. */
function jsonIn(line: string): unknown {
  const start = line.indexOf('{');
  if (start < 0) return undefined;
  const end = line.lastIndexOf('}');
  if (end < start) return undefined;
  const text = line.slice(start, end + 1);
  try {
    return JSON.parse(text);
  } catch {
    try {
      return JSON.parse(text.replace(/""/g, '"')); // a CSV field: quotes doubled
    } catch {
      return undefined;
    }
  }
}

/** Every candidate hook line (object or text) in an export, whatever its container. */
function candidates(text: string): unknown[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let doc: unknown;
    try {
      doc = JSON.parse(trimmed);
    } catch {
      doc = undefined; // JSON Lines: handled below
    }
    if (doc !== undefined) {
      const rowMessage = (row: unknown): unknown => (Array.isArray(row) ? row.find((c) => isRecord(c) && c.field === '@message')?.value : row);
      if (isRecord(doc) && Array.isArray(doc.events)) return doc.events.map((e) => (isRecord(e) ? e.message : e));
      if (isRecord(doc) && Array.isArray(doc.results)) return doc.results.map(rowMessage);
      if (Array.isArray(doc)) return doc.map((e) => (isRecord(e) && '@message' in e ? e['@message'] : rowMessage(e)));
      return [doc];
    }
  }
  return text.split(/\r?\n/);
}

export function parseExport(text: string): ParsedExport {
  const out: ParsedExport = { records: [], ignored: 0, unversioned: 0, newer: 0, duplicates: 0 };
  const seen = new Set<string>();
  for (const c of candidates(text)) {
    if (typeof c === 'string' && c.trim() === '') continue;
    const rec = typeof c === 'string' ? jsonIn(c) : c;
    if (!isRecord(rec) || rec.msg !== 'hook answered') {
      out.ignored++;
      continue;
    }
    const version = rec.logFormatVersion;
    if (typeof version !== 'number') {
      out.unversioned++;
      continue;
    }
    if (version > SUPPORTED_LOG_FORMAT) {
      out.newer++;
      continue;
    }
    const time = typeof rec.time === 'string' ? Date.parse(rec.time) : Number.NaN;
    if (Number.isNaN(time)) {
      out.ignored++;
      continue;
    }
    const token = typeof rec.clientRequestToken === 'string' ? rec.clientRequestToken : '';
    const logicalId = typeof rec.targetLogicalId === 'string' ? rec.targetLogicalId : '';
    const key = `${token}|${rec.time}|${logicalId}|${rec.invocationPoint}`;
    if (seen.has(key)) {
      out.duplicates++;
      continue;
    }
    seen.add(key);
    out.records.push({
      time,
      token,
      account: typeof rec.awsAccountId === 'string' ? rec.awsAccountId : '(unknown account)',
      stack: typeof rec.stackName === 'string' && rec.stackName !== '' ? rec.stackName : '(no stack)',
      logicalId,
      targetName: typeof rec.targetName === 'string' ? rec.targetName : '',
      hookStatus: typeof rec.hookStatus === 'string' ? rec.hookStatus : '',
      errorCode: typeof rec.errorCode === 'string' ? rec.errorCode : undefined,
      failed: strings(rec.failed),
      warned: strings(rec.warned),
      passed: strings(rec.passed),
    });
  }
  return out;
}

interface Counts {
  fail: number;
  warn: number;
}

export interface ControlSummary extends Counts {
  id: string;
  resources: number;
  accounts: number;
  stacks: number;
  lastSeen: string;
}

export interface Readiness {
  days: number;
  windowStart: string;
  windowEnd: string;
  /** The export reaches back to the window's first day: "no findings" means something. */
  covered: boolean;
  ready: Array<{ id: string; evaluations: number; warnOnly?: boolean }>;
  notReady: Array<{ id: string; findings: number; lastFinding: string }>;
  /** Controls of the restriction list (--warn-only) that no answer in the window evaluated. */
  noEvidence: string[];
}

export interface Report {
  answers: number;
  from?: string;
  to?: string;
  ignored: number;
  unversioned: number;
  newer: number;
  duplicates: number;
  totals: Counts & { resources: number; accounts: number; stacks: number };
  hookErrors: Record<string, number>;
  byControl: ControlSummary[];
  byAccount: Array<Counts & { account: string }>;
  byStack: Array<Counts & { account: string; stack: string }>;
  byDay: Array<Counts & { day: string }>;
  readiness: Readiness;
}

const day = (t: number): string => new Date(t).toISOString().slice(0, 10);

function bump<K>(map: Map<K, Counts>, key: K, level: 'fail' | 'warn'): void {
  const c = map.get(key) ?? { fail: 0, warn: 0 };
  c[level]++;
  map.set(key, c);
}

export interface ReportOptions {
  days: number;
  /** End of the readiness window (default: the newest answer in the export). */
  now?: Date;
  /** Restrict the readiness lists to these controls (the WarnOnlyControls being rolled out). */
  warnOnly?: readonly string[];
}

export function buildReport(parsed: ParsedExport, opts: ReportOptions): Report {
  const records = [...parsed.records].sort((a, b) => a.time - b.time);
  const byControl = new Map<string, { fail: number; warn: number; resources: Set<string>; accounts: Set<string>; stacks: Set<string>; last: number }>();
  const byAccount = new Map<string, Counts>();
  const byStack = new Map<string, Counts>();
  const byDay = new Map<string, Counts>();
  const hookErrors: Record<string, number> = {};
  const all = { fail: 0, warn: 0, resources: new Set<string>(), accounts: new Set<string>(), stacks: new Set<string>() };

  for (const r of records) {
    if (r.hookStatus === 'FAILED' && r.errorCode && r.errorCode !== 'NonCompliant') hookErrors[r.errorCode] = (hookErrors[r.errorCode] ?? 0) + 1;
    const resource = `${r.account}/${r.stack}/${r.logicalId}`;
    for (const [level, ids] of [['fail', r.failed], ['warn', r.warned]] as const) {
      for (const id of ids) {
        const c = byControl.get(id) ?? { fail: 0, warn: 0, resources: new Set(), accounts: new Set(), stacks: new Set(), last: 0 };
        c[level]++;
        c.resources.add(resource);
        c.accounts.add(r.account);
        c.stacks.add(`${r.account}/${r.stack}`);
        c.last = Math.max(c.last, r.time);
        byControl.set(id, c);
        bump(byAccount, r.account, level);
        bump(byStack, `${r.account}\u0000${r.stack}`, level);
        bump(byDay, day(r.time), level);
        all[level]++;
        all.resources.add(resource);
        all.accounts.add(r.account);
        all.stacks.add(`${r.account}/${r.stack}`);
      }
    }
  }

  const order = (a: Counts, b: Counts): number => b.fail + b.warn - (a.fail + a.warn);
  const report: Report = {
    answers: records.length,
    from: records.length > 0 ? new Date(records[0].time).toISOString() : undefined,
    to: records.length > 0 ? new Date(records[records.length - 1].time).toISOString() : undefined,
    ignored: parsed.ignored,
    unversioned: parsed.unversioned,
    newer: parsed.newer,
    duplicates: parsed.duplicates,
    totals: { fail: all.fail, warn: all.warn, resources: all.resources.size, accounts: all.accounts.size, stacks: all.stacks.size },
    hookErrors,
    byControl: [...byControl.entries()]
      .map(([id, c]) => ({ id, fail: c.fail, warn: c.warn, resources: c.resources.size, accounts: c.accounts.size, stacks: c.stacks.size, lastSeen: day(c.last) }))
      .sort((a, b) => order(a, b) || a.id.localeCompare(b.id)),
    byAccount: [...byAccount.entries()].map(([account, c]) => ({ account, ...c })).sort((a, b) => order(a, b) || a.account.localeCompare(b.account)),
    byStack: [...byStack.entries()]
      .map(([k, c]) => {
        const [account, stack] = k.split('\u0000');
        return { account, stack, ...c };
      })
      .sort((a, b) => order(a, b) || `${a.account}/${a.stack}`.localeCompare(`${b.account}/${b.stack}`)),
    byDay: [...byDay.entries()].map(([d, c]) => ({ day: d, ...c })).sort((a, b) => a.day.localeCompare(b.day)),
    readiness: readiness(records, opts),
  };
  return report;
}

function readiness(records: AnsweredRecord[], opts: ReportOptions): Readiness {
  const end = opts.now?.getTime() ?? (records.length > 0 ? records[records.length - 1].time : Date.now());
  const start = end - opts.days * DAY_MS;
  const inWindow = records.filter((r) => r.time > start && r.time <= end);
  // covered when the export reaches back to the window's first (UTC) day
  const covered = records.length > 0 && day(records[0].time) <= day(start);
  const evaluations = new Map<string, number>();
  const findings = new Map<string, { n: number; last: number }>();
  const warnedEver = new Set<string>();
  for (const r of records) for (const id of r.warned) warnedEver.add(id);
  for (const r of inWindow) {
    for (const id of new Set([...r.passed, ...r.failed, ...r.warned])) evaluations.set(id, (evaluations.get(id) ?? 0) + 1);
    for (const id of new Set([...r.failed, ...r.warned])) {
      const f = findings.get(id) ?? { n: 0, last: 0 };
      f.n++;
      f.last = Math.max(f.last, r.time);
      findings.set(id, f);
    }
  }
  const restrict = opts.warnOnly ? new Set(opts.warnOnly) : undefined;
  const considered = (id: string): boolean => !restrict || restrict.has(id);
  const ready = covered
    ? [...evaluations.entries()]
        .filter(([id]) => considered(id) && !findings.has(id))
        .map(([id, n]) => ({ id, evaluations: n, ...(restrict ? {} : { warnOnly: warnedEver.has(id) }) }))
        .sort((a, b) => a.id.localeCompare(b.id))
    : [];
  const notReady = [...findings.entries()]
    .filter(([id]) => considered(id))
    .map(([id, f]) => ({ id, findings: f.n, lastFinding: day(f.last) }))
    .sort((a, b) => a.id.localeCompare(b.id));
  const noEvidence = restrict ? [...restrict].filter((id) => !evaluations.has(id)).sort() : [];
  return { days: opts.days, windowStart: new Date(start).toISOString(), windowEnd: new Date(end).toISOString(), covered, ready, notReady, noEvidence };
}

function table(header: string[], rows: Array<Array<string | number>>): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells: Array<string | number>) =>
    cells.map((c, i) => (typeof c === 'number' ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].map((l) => `  ${l}`);
}

export function reportText(r: Report, source: string): string {
  const out: string[] = [];
  const span = r.from && r.to ? ` from ${r.from} to ${r.to}` : '';
  out.push(`pipeline-guard report: ${r.answers} hook answers${span} (${source})`);
  const skipped = [
    r.ignored > 0 ? `${r.ignored} other lines ignored` : '',
    r.duplicates > 0 ? `${r.duplicates} duplicates dropped` : '',
    r.unversioned > 0 ? `${r.unversioned} "hook answered" lines without logFormatVersion skipped (written by a hook version before the format was versioned)` : '',
    r.newer > 0 ? `${r.newer} lines of a newer log format skipped (update pipeline-guard)` : '',
  ].filter(Boolean);
  if (skipped.length > 0) out.push(`  ${skipped.join('; ')}`);
  out.push('', `Findings: ${r.totals.fail} FAIL, ${r.totals.warn} WARN on ${r.totals.resources} resources in ${r.totals.stacks} stacks of ${r.totals.accounts} accounts`);
  const errors = Object.entries(r.hookErrors);
  if (errors.length > 0) out.push(`Hook errors (the hook could not evaluate; not findings): ${errors.map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (r.byControl.length > 0) {
    out.push('', 'By control');
    out.push(...table(['CONTROL', 'FAIL', 'WARN', 'RESOURCES', 'STACKS', 'ACCOUNTS', 'LAST SEEN'], r.byControl.map((c) => [c.id, c.fail, c.warn, c.resources, c.stacks, c.accounts, c.lastSeen])));
    out.push('', 'By account');
    out.push(...table(['ACCOUNT', 'FAIL', 'WARN'], r.byAccount.map((a) => [a.account, a.fail, a.warn])));
    out.push('', 'By stack');
    out.push(...table(['ACCOUNT', 'STACK', 'FAIL', 'WARN'], r.byStack.map((s) => [s.account, s.stack, s.fail, s.warn])));
    out.push('', 'By day (UTC)');
    out.push(...table(['DAY', 'FAIL', 'WARN'], r.byDay.map((d) => [d.day, d.fail, d.warn])));
  }
  const rd = r.readiness;
  out.push('', `Ready to enforce: evaluated, and no WARN or FAIL in the ${rd.days} days to ${rd.windowEnd.slice(0, 10)}`);
  if (!rd.covered) {
    out.push(`  none can be declared ready: the export ${r.from ? `starts on ${r.from.slice(0, 10)}` : 'has no hook answers'}, after the window's first day ${rd.windowStart.slice(0, 10)} (export more, or use a smaller --days)`);
  } else if (rd.ready.length === 0) {
    out.push('  none');
  } else {
    for (const c of rd.ready) out.push(`  ${c.id}  (evaluated ${c.evaluations} times${c.warnOnly ? '; warn-only: remove it from WarnOnlyControls' : ''})`);
  }
  if (rd.notReady.length > 0) {
    out.push('', 'Not ready (findings in the window)');
    for (const c of rd.notReady) out.push(`  ${c.id}  (${c.findings} findings, last on ${c.lastFinding})`);
  }
  if (rd.noEvidence.length > 0) {
    out.push('', 'No evidence (not evaluated in the window: no resource of its types was deployed)');
    for (const id of rd.noEvidence) out.push(`  ${id}`);
  }
  return out.join('\n');
}

const USAGE = 'usage: pipeline-guard report <exported log lines | -> [--days N] [--now YYYY-MM-DD] [--warn-only ID,ID…] [--format text|json] [--output FILE]';

export const REPORT_HELP = `${USAGE}

Summarises the hook's "hook answered" log lines (docs/log-format.md) — WARN and FAIL findings by control,
account, stack and day — and lists the controls that can be switched to enforcing: evaluated in the last
--days N days (default 14, ending at --now or at the newest line) with no WARN or FAIL. --warn-only restricts
that list to the controls being rolled out (your WarnOnlyControls) and names those without evidence.
Exit 0, or 2 when the file cannot be read or an option is invalid.
`;

export function reportCommand(argv: string[]): number {
  const { opts, positionals } = parseArgs(argv, ['days', 'now', 'warn-only', 'format', 'output']);
  if (positionals.length !== 1) throw new UsageError(USAGE);
  const days = opts.days === undefined ? 14 : Number(opts.days);
  if (!Number.isInteger(days) || days < 1) throw new UsageError('--days must be a whole number of days, at least 1');
  let now: Date | undefined;
  if (typeof opts.now === 'string') {
    const s = opts.now;
    now = new Date(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T23:59:59.999Z` : s);
    if (Number.isNaN(now.getTime())) throw new UsageError('--now must be a date (YYYY-MM-DD) or an ISO time');
  }
  const warnOnly = typeof opts['warn-only'] === 'string' ? opts['warn-only'].split(/[\s,]+/).filter(Boolean) : undefined;
  const format = (opts.format as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`unknown format ${format} (text, json)`);
  let text: string;
  try {
    text = readInput(positionals[0]);
  } catch (e) {
    process.stderr.write(`pipeline-guard report: cannot read ${positionals[0]}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return EXIT.USAGE;
  }
  const parsed = parseExport(text);
  const report = buildReport(parsed, { days, now, warnOnly });
  if (report.answers === 0) process.stderr.write(`pipeline-guard report: no "hook answered" lines of log format ${SUPPORTED_LOG_FORMAT} in ${positionals[0]} (see docs/log-format.md for the export)\n`);
  writeOutput(format === 'json' ? JSON.stringify(report, null, 2) : reportText(report, positionals[0] === '-' ? 'stdin' : positionals[0]), opts.output as string | undefined);
  return EXIT.OK;
}
