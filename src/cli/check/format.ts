/** Reports of `pipeline-guard check`: text (default), json, sarif (2.1.0), markdown and junit (XML). */
import { createHash } from 'node:crypto';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AnyControl as Control, Severity } from '../../controls/types';
import { cdkHintText, exemptionEntry, fixText, type ExemptionSubject } from '../../engine/fixes';
import { controlDocLink, DOCS_URL, REGISTRY } from '../../engine/registry';
import { HOOK_ERROR_ID, type CheckFinding, type CheckResult, type Status } from './run';

export const FORMATS = ['text', 'json', 'sarif', 'markdown', 'junit'] as const;
export type Format = (typeof FORMATS)[number];

/** Most severe first. */
export const SEVERITY_ORDER: readonly Severity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'];

/** Version of the `--format json` document (docs/check-report.schema.json); bumped when a field changes meaning or goes. */
export const JSON_REPORT_VERSION = '1.1';

/** What makes `check` exit 1. */
export interface Gate {
  failOnUnknown: boolean;
  /** Only FAIL (and UNKNOWN with failOnUnknown) rows of this severity or above count; undefined: any. */
  severityThreshold?: Severity;
}

export interface ReportContext extends Gate {
  /** ANSI colour (text only): on a TTY or with FORCE_COLOR, not with NO_COLOR, not into a file. */
  color: boolean;
  /** Tool version for SARIF, JSON and JUnit. */
  version: string;
  /** Full PASS rows in every format (json otherwise keeps a short row per passed control). */
  includePassed?: boolean;
  /** Absolute folder SARIF URIs are relative to (default: cwd). */
  baseDir?: string;
  /** The folder relative report paths are relative to (default: process.cwd()). */
  cwd?: string;
  /** Configuration modes that change what the report means (HookInvocationStatus DISABLED, FailureMode WARN): in every report's header. */
  notes?: readonly string[];
  /** The configuration's MaximumExemptionDays, for the ExpiresOn of the exemption entries to request (default 365). */
  maximumExemptionDays?: number;
}

/** The fix of a control a row failed: remediation, CDK hint, and when only an exemption clears it the entry to request. */
export interface RowFix {
  controlId: string;
  remediation: string;
  /** `(CDK: …)`, or '' */
  cdk: string;
  /** FAIL rows of a control with an exemptionHint: when the exemption is the right way, and the entry. */
  exemption?: { when: string; entry: string };
}

/**
 * The fix for a FAIL, WARN or UNKNOWN row, from the control's metadata (never from the row's values): the
 * exemption entry is filled with the row's stack name and logical ID only.
 */
export function fixOf(f: Pick<CheckFinding, 'controlId' | 'status' | 'stack' | 'logicalId'>, maximumExemptionDays?: number): RowFix | undefined {
  if (f.status !== 'FAIL' && f.status !== 'WARN' && f.status !== 'UNKNOWN') return undefined;
  const c = REGISTRY.byId(f.controlId);
  if (!c) return undefined;
  const fix: RowFix = { controlId: c.id, remediation: c.remediation, cdk: cdkHintText(c) };
  if (c.exemptionHint && f.status === 'FAIL') {
    const subject: ExemptionSubject = { stackName: f.stack, logicalId: f.logicalId };
    fix.exemption = { when: c.exemptionHint, entry: JSON.stringify(exemptionEntry(c, subject, maximumExemptionDays)) };
  }
  return fix;
}

const isProblem = (f: CheckFinding): boolean => f.status === 'FAIL' || f.status === 'WARN' || f.status === 'UNKNOWN';

/**
 * The message as shown in text, markdown and SARIF: the control's message, followed by the finding's
 * property path (the one path style) when the message does not already name it.
 */
export function shownMessage(f: Pick<CheckFinding, 'message' | 'path'>): string {
  return f.path === '' || f.message.includes(f.path) ? f.message : `${f.message} (at ${f.path})`;
}

export function isFailing(result: CheckResult, failOnUnknown: boolean): boolean {
  return result.summary.fail > 0 || (failOnUnknown && result.summary.unknown > 0);
}

/** At or above the threshold; the hook's own errors (it could not evaluate: it fails closed) always are. */
export function meetsThreshold(f: Pick<CheckFinding, 'severity' | 'controlId'>, threshold: Severity | undefined): boolean {
  if (threshold === undefined || f.controlId === HOOK_ERROR_ID) return true;
  const rank = SEVERITY_ORDER.indexOf(f.severity as Severity);
  return rank >= 0 && rank <= SEVERITY_ORDER.indexOf(threshold);
}

/** This row makes `check` exit 1 (unless --soft-fail). */
export function rowFailsGate(f: CheckFinding, gate: Gate): boolean {
  return (f.status === 'FAIL' || (gate.failOnUnknown && f.status === 'UNKNOWN')) && meetsThreshold(f, gate.severityThreshold);
}

/** The exit-code decision: isFailing, restricted to rows at or above the severity threshold. */
export function gateFails(result: CheckResult, gate: Gate): boolean {
  if (gate.severityThreshold === undefined) return isFailing(result, gate.failOnUnknown);
  return result.findings.some((f) => rowFailsGate(f, gate));
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function summaryLine(result: CheckResult, gate: Gate): string {
  const s = result.summary;
  const counts = `${s.fail} FAIL, ${s.unknown} UNKNOWN, ${s.warn} WARN, ${s.pass} PASS, ${s.skipped} SKIPPED`;
  const scope = `${plural(s.resources, 'resource')} in ${plural(s.stacks, 'stack')}`;
  let verdict: string;
  if (gateFails(result, gate)) verdict = 'the hook would reject this change';
  else if (s.fail > 0) verdict = `the hook would reject this change (nothing fails at or above --severity-threshold ${gate.severityThreshold}, so the exit code is 0)`;
  else if (s.unknown > 0) verdict = 'no failure found, but UNKNOWN results depend on deploy-time values (the hook fails closed if they stay unresolved; --fail-on-unknown makes them fail here)';
  else verdict = 'the hook would allow this change';
  return `${counts} — ${scope}: ${verdict}.`;
}

// ---------------------------------------------------------------- json

/**
 * `{version, tool, findings, summary}`, documented by docs/check-report.schema.json. A passed control is a
 * short row {file, stack, logicalId, resourceType, controlId, status} — the evidence that the resource was
 * evaluated on that control — unless `--include-passed` asks for the full row.
 */
export function jsonReport(result: CheckResult, ctx: ReportContext): string {
  const findings = result.findings.map((f) => {
    if (f.status === 'PASS' && !ctx.includePassed) {
      return { file: f.file, stack: f.stack, logicalId: f.logicalId, resourceType: f.resourceType, controlId: f.controlId, status: f.status };
    }
    const o: Record<string, unknown> = {
      file: f.file,
      stack: f.stack,
      logicalId: f.logicalId,
      resourceType: f.resourceType,
      controlId: f.controlId,
      status: f.status,
      severity: f.severity,
      message: f.message,
      path: f.path,
    };
    if (f.line !== undefined) o.line = f.line;
    if (f.cdkPath !== undefined) o.cdkPath = f.cdkPath;
    if (f.exemption !== undefined) o.exemption = f.exemption;
    return o;
  });
  const summary: Record<string, unknown> = { ...result.summary, failing: gateFails(result, ctx) };
  if (ctx.severityThreshold !== undefined) summary.severityThreshold = ctx.severityThreshold;
  const notes = ctx.notes?.length ? { notes: ctx.notes } : {};
  return JSON.stringify({ version: JSON_REPORT_VERSION, tool: { name: 'pipeline-guard', version: ctx.version }, ...notes, findings, summary }, null, 2);
}

// ---------------------------------------------------------------- text

const ANSI: Record<string, string> = { FAIL: '31;1', UNKNOWN: '33', WARN: '33', PASS: '32', SKIPPED: '2', dim: '2', bold: '1' };

function paint(on: boolean, code: string, s: string): string {
  return on ? `\u001b[${ANSI[code] ?? code}m${s}\u001b[0m` : s;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
}

export function textReport(result: CheckResult, ctx: ReportContext): string {
  const c = ctx.color;
  const out: string[] = (ctx.notes ?? []).map((n) => paint(c, 'WARN', `Note: ${n}`));
  if (out.length > 0) out.push('');
  const problems = result.findings.filter(isProblem);
  const shown = ctx.includePassed ? result.findings : problems;
  const byStack = groupBy(shown, (f) => `${f.stack}\u0000${f.file}`);
  for (const [key, rows] of byStack) {
    const [stack, file] = key.split('\u0000');
    out.push(`${paint(c, 'bold', `Stack ${stack}`)} ${paint(c, 'dim', `(${file})`)}`);
    for (const [, rs] of groupBy(rows, (f) => f.logicalId)) {
      const r0 = rs.find((x) => x.line !== undefined) ?? rs[0];
      const where = r0.line !== undefined ? `${r0.file}:${r0.line}` : r0.file;
      out.push(`  ${r0.logicalId} ${paint(c, 'dim', `${r0.resourceType}  ${where}${r0.cdkPath ? `  ${r0.cdkPath}` : ''}`)}`);
      for (const f of rs) {
        out.push(`    ${paint(c, f.status, f.status.padEnd(7))} ${f.severity.padEnd(13)} ${f.controlId.padEnd(20)} ${shownMessage(f)}`);
      }
      // the fix of each control that did not pass here, once per resource
      const fixes = new Map<string, RowFix>();
      for (const f of rs) {
        const fix = fixOf(f, ctx.maximumExemptionDays);
        if (fix && (!fixes.has(fix.controlId) || (fix.exemption && !fixes.get(fix.controlId)!.exemption))) fixes.set(fix.controlId, fix);
      }
      for (const fix of fixes.values()) {
        out.push(`      ${paint(c, 'bold', `fix ${fix.controlId}:`)} ${fix.remediation}${fix.cdk ? ` ${fix.cdk}` : ''}`);
        if (fix.exemption) out.push(`      ${paint(c, 'WARN', 'exemption:')} if ${fix.exemption.when}, only a platform exemption clears this; ask the platform team to add to Exemptions: ${fix.exemption.entry}`);
      }
    }
    out.push('');
  }
  const clean = result.summary.resources - new Set(problems.map((f) => `${f.file}\u0000${f.stack}\u0000${f.logicalId}`)).size;
  if (result.summary.resources === 0) out.push('No resource of a type the hook targets was found.');
  else if (clean > 0) out.push(paint(c, 'PASS', `${clean} of ${result.summary.resources} resources pass every control.`));
  const line = summaryLine(result, ctx);
  out.push(gateFails(result, ctx) ? paint(c, 'FAIL', line) : result.summary.fail > 0 || result.summary.unknown > 0 || result.summary.warn > 0 ? paint(c, 'WARN', line) : paint(c, 'PASS', line));
  return out.join('\n');
}

// ---------------------------------------------------------------- markdown

function mdCell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/</g, '&lt;');
}

const MD_ICON: Record<Status, string> = { FAIL: '❌', UNKNOWN: '❔', WARN: '⚠️', PASS: '✅', SKIPPED: '⏭️' };
export const MARKDOWN_MAX_ROWS = 50;
/** Longest stack or resource name in a table cell; the full name is in the list below the table. */
export const MARKDOWN_CELL_MAX = 32;

function clip(s: string, max = MARKDOWN_CELL_MAX): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

function controlLink(id: string): string {
  return id === HOOK_ERROR_ID ? id : `[${id}](${controlDocLink(id)})`;
}

const STATUS_RANK: Record<Status, number> = { FAIL: 0, UNKNOWN: 1, WARN: 2, PASS: 3, SKIPPED: 4 };

/**
 * For a pull-request comment or a job summary (GitHub's page width): the counts, a table per control that
 * did not simply pass, the findings as a narrow table (status, control, stack, resource) with each message
 * in a numbered list below it, then the exemptions the configuration applied (and those that expired).
 */
export function markdownReport(result: CheckResult, ctx: ReportContext): string {
  const s = result.summary;
  const failing = gateFails(result, ctx);
  const out: string[] = [];
  const head = failing || s.fail > 0 ? `❌ ${s.fail} failing` : s.unknown > 0 ? `❔ no failure, ${s.unknown} unknown` : '✅ no failure';
  out.push(`### pipeline-guard: ${head}`, '');
  for (const n of ctx.notes ?? []) out.push(`> **Note:** ${mdCell(n)}`, '');
  out.push(`${plural(s.resources, 'resource')} in ${plural(s.stacks, 'stack')} checked: **${s.fail} FAIL**, ${s.unknown} UNKNOWN, ${s.warn} WARN, ${s.pass} PASS, ${s.skipped} SKIPPED.`, '');
  if (s.fail > 0 && !failing) out.push(`Nothing fails at or above the severity threshold ${ctx.severityThreshold}: the check passes, but the hook would still reject this change.`, '');

  // per control: every control with something other than PASS (with --include-passed: every control)
  const perControl = new Map<string, { severity: string; counts: Record<Status, number> }>();
  for (const f of result.findings) {
    let e = perControl.get(f.controlId);
    if (!e) perControl.set(f.controlId, (e = { severity: f.severity, counts: { FAIL: 0, UNKNOWN: 0, WARN: 0, PASS: 0, SKIPPED: 0 } }));
    e.counts[f.status]++;
  }
  const listed = [...perControl].filter(([, e]) => ctx.includePassed || e.counts.PASS !== e.counts.FAIL + e.counts.UNKNOWN + e.counts.WARN + e.counts.PASS + e.counts.SKIPPED);
  listed.sort(([a, x], [b, y]) => {
    for (const st of ['FAIL', 'UNKNOWN', 'WARN', 'SKIPPED'] as const) if (x.counts[st] !== y.counts[st]) return y.counts[st] - x.counts[st];
    return a < b ? -1 : a > b ? 1 : 0;
  });
  if (listed.length > 0) {
    out.push('| Control | Severity | ❌ FAIL | ❔ UNKNOWN | ⚠️ WARN | ⏭️ SKIPPED | ✅ PASS |', '|---|---|--:|--:|--:|--:|--:|');
    for (const [id, e] of listed) {
      const c = e.counts;
      out.push(`| ${controlLink(id)} | ${e.severity} | ${c.FAIL} | ${c.UNKNOWN} | ${c.WARN} | ${c.SKIPPED} | ${c.PASS} |`);
    }
    out.push('');
  }
  const allPassed = perControl.size - listed.length;
  if (allPassed > 0) out.push(`${plural(allPassed, 'other control')} passed on every resource ${allPassed === 1 ? 'it' : 'they'} evaluated.`, '');

  const rows = result.findings.filter((f) => isProblem(f) || (ctx.includePassed && f.status === 'PASS')).sort((a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status]);
  if (rows.length > 0) {
    const shown = rows.slice(0, MARKDOWN_MAX_ROWS);
    out.push('#### Findings', '', '| # | Status | Control | Stack | Resource |', '|--:|---|---|---|---|');
    shown.forEach((f, i) => out.push(`| ${i + 1} | ${MD_ICON[f.status]} ${f.status} | ${controlLink(f.controlId)} | ${mdCell(clip(f.stack))} | \`${mdCell(clip(f.logicalId))}\` |`));
    out.push('');
    shown.forEach((f, i) => {
      const where = f.line !== undefined ? `${f.file}:${f.line}` : f.file;
      out.push(`${i + 1}. **${f.controlId}** ${f.severity} · \`${mdCell(f.stack)}/${mdCell(f.logicalId)}\` (${mdCell(f.resourceType)}, ${mdCell(where)}): ${mdCell(shownMessage(f))}`);
    });
    if (rows.length > MARKDOWN_MAX_ROWS) out.push('', `… and ${rows.length - MARKDOWN_MAX_ROWS} more (run \`pipeline-guard check\` locally for the full list).`);
    out.push('');
  }
  out.push(...markdownFixes(result.findings, ctx.maximumExemptionDays));
  if (s.unknown > 0) {
    out.push('UNKNOWN: the value is decided at deployment (a parameter, an import, an attribute); the hook fails closed if it cannot decide.', '');
  }

  const applied = result.findings.filter((f) => f.status === 'SKIPPED' && f.exemption && !f.exemption.expired);
  const expired = result.findings.filter((f) => f.exemption?.expired);
  if (applied.length > 0) {
    out.push('#### Applied exemptions', '');
    for (const f of applied) out.push(`- ${controlLink(f.controlId)} on \`${mdCell(f.stack)}/${mdCell(f.logicalId)}\` until ${f.exemption!.expiresOn}: ${mdCell(f.exemption!.reason)}`);
    out.push('');
  }
  if (expired.length > 0) {
    out.push('#### Expired exemptions (the control ran again)', '');
    for (const f of expired) out.push(`- ${controlLink(f.controlId)} on \`${mdCell(f.stack)}/${mdCell(f.logicalId)}\` expired ${f.exemption!.expiresOn}: ${mdCell(f.exemption!.reason)}`);
    out.push('');
  }
  return out.join('\n');
}

/** Inline code that survives backticks in the text (a CDK hint may hold a template literal). */
function mdCode(s: string): string {
  const t = s.replace(/\r?\n/g, ' ');
  return t.includes('`') ? `\`\` ${t} \`\`` : `\`${t}\``;
}

/**
 * "How to fix": one entry per control that did not pass (FAIL, UNKNOWN, WARN), with its remediation and CDK
 * hint, and for controls only an exemption can clear, the Exemptions entries to request (one per failing
 * resource, as a JSON list the platform team completes and pastes).
 */
function markdownFixes(findings: readonly CheckFinding[], maximumExemptionDays?: number): string[] {
  const byControl = new Map<string, { fix: RowFix; entries: Set<string> }>();
  for (const f of [...findings].sort((a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status])) {
    const fix = fixOf(f, maximumExemptionDays);
    if (!fix) continue;
    let e = byControl.get(fix.controlId);
    if (!e) byControl.set(fix.controlId, (e = { fix, entries: new Set() }));
    if (fix.exemption) {
      e.entries.add(fix.exemption.entry);
      if (!e.fix.exemption) e.fix = fix;
    }
  }
  if (byControl.size === 0) return [];
  const out = ['#### How to fix', ''];
  for (const { fix, entries } of byControl.values()) {
    out.push(`- ${controlLink(fix.controlId)}: ${mdCell(fix.remediation)}`);
    const hint = REGISTRY.byId(fix.controlId)?.cdkHint;
    if (hint) out.push(`  - CDK: ${mdCode(hint)}`);
    if (fix.exemption) {
      out.push(`  - If ${mdCell(fix.exemption.when)}, only a platform exemption clears this; the entries to request (\`Exemptions\` of the hook type configuration):`, '', '    ```json');
      // pretty-printed: narrow enough for a pull-request comment, and pasteable as the Exemptions list
      const list = [...entries].map((entry) => JSON.parse(entry) as unknown);
      for (const line of JSON.stringify(list, null, 2).split('\n')) out.push(`    ${line}`);
      out.push('    ```');
    }
  }
  out.push('');
  return out;
}

// ---------------------------------------------------------------- sarif

const SECURITY_SEVERITY: Record<string, string> = { CRITICAL: '9.5', HIGH: '8.0', MEDIUM: '5.5', LOW: '3.0', INFORMATIONAL: '0.0' };

function pascal(slug: string): string {
  return slug.replace(/(^|-)([a-z0-9])/g, (_m, _d, ch: string) => ch.toUpperCase());
}

function ruleOf(c: Control): Record<string, unknown> {
  const link = controlDocLink(c.id);
  return {
    id: c.id,
    name: pascal(c.slug),
    shortDescription: { text: c.title },
    fullDescription: { text: c.rationale },
    help: {
      text: `${fixText(c)}\n\nRequirement: ${c.requirement}\nDocumentation: ${link}`,
      markdown: `**Fix.** ${c.remediation}${c.cdkHint ? `\n\n**CDK.** ${mdCode(c.cdkHint)}` : ''}\n\n**Why.** ${c.rationale}\n\n[${c.id}](${link})`,
    },
    helpUri: link,
    defaultConfiguration: { level: 'error' },
    properties: {
      tags: ['security', 'cloudformation', 'ci-cd', ...c.risks],
      'security-severity': SECURITY_SEVERITY[c.severity] ?? '5.5',
      precision: 'high',
      severity: c.severity,
      resourceTypes: [...c.resourceTypes],
    },
  };
}

const HOOK_ERROR_RULE = {
  id: HOOK_ERROR_ID,
  name: 'HookCouldNotEvaluate',
  shortDescription: { text: 'The hook evaluates the resource without an error' },
  fullDescription: { text: 'The hook answered with an error instead of control results (for example an invalid request or a control that failed internally). CloudFormation blocks such a change.' },
  help: { text: 'Read the message; report internal failures to the platform team.' },
  helpUri: DOCS_URL,
  defaultConfiguration: { level: 'error' },
  properties: { tags: ['security'], 'security-severity': '8.0' },
};

/** A relative path as a URI reference (segments percent-encoded); absolute paths as file:// URIs (the base of originalUriBaseIds). */
export function fileUri(file: string): string {
  const enc = file.split('/').map((seg) => encodeURIComponent(seg)).join('/');
  if (file.startsWith('/')) return `file://${enc}`;
  if (/^[A-Za-z]:\//.test(file)) return `file:///${enc.replace('%3A', ':')}`;
  return enc;
}

/**
 * Stable across runs: stack, resource, control, property path and, for several findings of one control
 * at the same path, their order (a control reports one row per finding).
 */
function fingerprint(f: CheckFinding, occurrence: number): string {
  return createHash('sha256').update(`${f.stack}\u0000${f.logicalId}\u0000${f.controlId}\u0000${f.path}\u0000${occurrence}`).digest('hex');
}
export const FINGERPRINT_KEY = 'pipelineGuardFinding/v2';

/** The uriBaseId of every artifact location: the --base-dir (default: the working folder). */
export const SARIF_BASE_ID = 'SRCROOT';

/**
 * A report path as a URI reference relative to the base folder (`../x.yaml` for a file outside it), so
 * no absolute `file:///` URI of the machine that ran the check reaches code scanning; the base itself is
 * given once in `originalUriBaseIds`. Only a file on another drive (Windows) has no relative form.
 */
export function artifactLocation(file: string, baseDir: string, cwd: string): { uri: string; uriBaseId?: string } {
  const rel = relative(baseDir, resolve(cwd, file));
  if (isAbsolute(rel)) return { uri: fileUri(rel.split(sep).join('/')) };
  return { uri: fileUri((rel === '' ? '.' : rel).split(sep).join('/')), uriBaseId: SARIF_BASE_ID };
}

export function sarifReport(result: CheckResult, ctx: ReportContext): string {
  const controls = [...REGISTRY.controls];
  const rules: Array<Record<string, unknown>> = controls.map(ruleOf);
  const index = new Map(controls.map((c, i) => [c.id, i]));
  const problems = result.findings.filter((f) => isProblem(f) || (ctx.includePassed && f.status === 'PASS'));
  const cwd = ctx.cwd ?? process.cwd();
  const baseDir = ctx.baseDir ?? cwd;
  if (problems.some((f) => !index.has(f.controlId))) {
    index.set(HOOK_ERROR_ID, rules.length);
    rules.push(HOOK_ERROR_RULE);
  }
  const seen = new Map<string, number>();
  const results = problems.map((f) => {
    const key = `${f.file}\u0000${f.stack}\u0000${f.logicalId}\u0000${f.controlId}\u0000${f.path}`;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    const level = f.status === 'PASS' ? 'none' : f.status === 'FAIL' || (f.status === 'UNKNOWN' && ctx.failOnUnknown) ? 'error' : 'warning';
    const physical: Record<string, unknown> = { artifactLocation: artifactLocation(f.file, baseDir, cwd) };
    if (f.line !== undefined) physical.region = { startLine: f.line };
    const prefix = f.status === 'FAIL' ? '' : `${f.status}: `;
    return {
      ruleId: index.has(f.controlId) ? f.controlId : HOOK_ERROR_ID,
      ruleIndex: index.get(f.controlId) ?? index.get(HOOK_ERROR_ID),
      ...(f.status === 'PASS' ? { kind: 'pass' } : {}),
      level,
      message: { text: `${prefix}${f.logicalId} (${f.resourceType}): ${shownMessage(f)}` },
      locations: [
        {
          physicalLocation: physical,
          logicalLocations: [{ name: f.logicalId, fullyQualifiedName: f.cdkPath ?? `${f.stack}/${f.logicalId}`, kind: 'resource' }],
        },
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(f, occurrence) },
      properties: { status: f.status, stack: f.stack, resourceType: f.resourceType, severity: f.severity, ...(f.path ? { propertyPath: f.path } : {}) },
    };
  });
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'pipeline-guard', version: ctx.version, semanticVersion: ctx.version, informationUri: DOCS_URL, rules } },
        originalUriBaseIds: { [SARIF_BASE_ID]: { uri: `${pathToFileURL(baseDir).href.replace(/\/?$/, '/')}` } },
        columnKind: 'utf16CodeUnits',
        results,
        ...(ctx.notes?.length ? { properties: { notes: ctx.notes } } : {}),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}

// ---------------------------------------------------------------- junit

/** XML 1.0 text: the five entities, and characters XML cannot carry at all dropped. */
function xml(s: string, attribute = false): string {
  // eslint-disable-next-line no-control-regex
  let out = s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  if (attribute) out = out.replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
  return out;
}

/**
 * JUnit XML as CI test reporters read it: one <testsuite> per stack, one <testcase> per resource and
 * control. A FAIL (and an UNKNOWN with --fail-on-unknown) is a <failure> whose text gives each finding's
 * message and property path and the control's fix; a SKIPPED control is <skipped> (with the exemption);
 * WARN and other UNKNOWN rows pass with their text in <system-out>.
 */
export function junitReport(result: CheckResult, ctx: ReportContext): string {
  const suites = groupBy(result.findings, (f) => `${f.stack}\u0000${f.file}`);
  let total = 0;
  let failures = 0;
  let skipped = 0;
  const suiteXml: string[] = [];
  for (const [, rows] of suites) {
    const f0 = rows[0];
    const body: string[] = [];
    let sTests = 0;
    let sFailures = 0;
    let sSkipped = 0;
    for (const [, group] of groupBy(rows, (f) => `${f.logicalId}\u0000${f.controlId}`)) {
      const g0 = group.find((x) => x.line !== undefined) ?? group[0];
      const worst = group.reduce((w, x) => (STATUS_RANK[x.status] < STATUS_RANK[w.status] ? x : w), group[0]);
      const control = REGISTRY.byId(g0.controlId);
      sTests++;
      const attrs = `name="${xml(`${g0.controlId} ${g0.logicalId}`, true)}" classname="${xml(`${g0.stack}.${g0.logicalId}`, true)}" file="${xml(g0.file, true)}"${g0.line !== undefined ? ` line="${g0.line}"` : ''}`;
      const details = (): string => {
        const lines: string[] = [`${g0.logicalId} (${g0.resourceType}) in ${g0.file}${g0.line !== undefined ? `:${g0.line}` : ''}${g0.cdkPath ? ` [${g0.cdkPath}]` : ''}`];
        for (const x of group) {
          if (x.status === 'PASS' || x.status === 'SKIPPED') continue;
          lines.push(`${x.status} ${x.severity} ${x.controlId}: ${x.message}`);
          if (x.path !== '') lines.push(`  path: ${x.path}`);
        }
        if (control) lines.push(`fix: ${fixText(control)}`);
        const exemption = group.map((x) => fixOf(x, ctx.maximumExemptionDays)?.exemption).find((e) => e !== undefined);
        if (exemption) lines.push(`exemption: if ${exemption.when}, only a platform exemption clears this; ask the platform team to add to Exemptions: ${exemption.entry}`);
        if (control) lines.push(`docs: ${controlDocLink(control.id)}`);
        return lines.join('\n');
      };
      const failingHere = group.some((x) => x.status === 'FAIL' || (x.status === 'UNKNOWN' && ctx.failOnUnknown));
      if (failingHere) {
        sFailures++;
        const more = group.length > 1 ? ` (and ${group.length - 1} more)` : '';
        body.push(`    <testcase ${attrs}>`, `      <failure type="${worst.status}" message="${xml(`${shownMessage(worst)}${more}`, true)}">${xml(details())}</failure>`, '    </testcase>');
      } else if (worst.status === 'SKIPPED') {
        sSkipped++;
        const why = worst.exemption ? `exempted until ${worst.exemption.expiresOn}: ${worst.exemption.reason}` : worst.message;
        body.push(`    <testcase ${attrs}>`, `      <skipped message="${xml(why, true)}"/>`, '    </testcase>');
      } else if (worst.status === 'WARN' || worst.status === 'UNKNOWN') {
        body.push(`    <testcase ${attrs}>`, `      <system-out>${xml(details())}</system-out>`, '    </testcase>');
      } else {
        body.push(`    <testcase ${attrs}/>`);
      }
    }
    total += sTests;
    failures += sFailures;
    skipped += sSkipped;
    suiteXml.push(`  <testsuite name="${xml(f0.stack, true)}" file="${xml(f0.file, true)}" tests="${sTests}" failures="${sFailures}" errors="0" skipped="${sSkipped}">`, ...body, '  </testsuite>');
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    ...(ctx.notes ?? []).map((n) => `<!-- pipeline-guard note: ${xml(n).replace(/--/g, '- -')} -->`),
    `<testsuites name="pipeline-guard ${xml(ctx.version, true)}" tests="${total}" failures="${failures}" errors="0" skipped="${skipped}">`,
    ...suiteXml,
    '</testsuites>',
  ].join('\n');
}

export function render(format: Format, result: CheckResult, ctx: ReportContext): string {
  switch (format) {
    case 'junit':
      return junitReport(result, ctx);
    case 'json':
      return jsonReport(result, ctx);
    case 'sarif':
      return sarifReport(result, ctx);
    case 'markdown':
      return markdownReport(result, ctx);
    default:
      return textReport(result, ctx);
  }
}
