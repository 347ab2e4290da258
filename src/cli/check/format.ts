/** Reports of `pipeline-guard check`: text (default), json, sarif (2.1.0) and markdown. */
import { createHash } from 'node:crypto';
import type { Control } from '../../controls/types';
import { controlDocLink, DOCS_URL, REGISTRY } from '../../engine/registry';
import { HOOK_ERROR_ID, type CheckFinding, type CheckResult, type Status } from './run';

export const FORMATS = ['text', 'json', 'sarif', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

export interface ReportContext {
  /** ANSI colour (text only): on a TTY, not with NO_COLOR, not into a file. */
  color: boolean;
  failOnUnknown: boolean;
  /** Tool version for SARIF. */
  version: string;
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

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function summaryLine(result: CheckResult, failOnUnknown: boolean): string {
  const s = result.summary;
  const counts = `${s.fail} FAIL, ${s.unknown} UNKNOWN, ${s.warn} WARN, ${s.pass} PASS, ${s.skipped} SKIPPED`;
  const scope = `${plural(s.resources, 'resource')} in ${plural(s.stacks, 'stack')}`;
  let verdict: string;
  if (isFailing(result, failOnUnknown)) verdict = 'the hook would reject this change';
  else if (s.unknown > 0) verdict = 'no failure found, but UNKNOWN results depend on deploy-time values (the hook fails closed if they stay unresolved; --fail-on-unknown makes them fail here)';
  else verdict = 'the hook would allow this change';
  return `${counts} — ${scope}: ${verdict}.`;
}

// ---------------------------------------------------------------- json

export function jsonReport(result: CheckResult, ctx: ReportContext): string {
  const findings = result.findings.map((f) => {
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
  return JSON.stringify({ findings, summary: { ...result.summary, failing: isFailing(result, ctx.failOnUnknown) } }, null, 2);
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
  const out: string[] = [];
  const problems = result.findings.filter(isProblem);
  const byStack = groupBy(problems, (f) => `${f.stack}\u0000${f.file}`);
  for (const [key, rows] of byStack) {
    const [stack, file] = key.split('\u0000');
    out.push(`${paint(c, 'bold', `Stack ${stack}`)} ${paint(c, 'dim', `(${file})`)}`);
    for (const [, rs] of groupBy(rows, (f) => f.logicalId)) {
      const r0 = rs[0];
      const where = r0.line !== undefined ? `${r0.file}:${r0.line}` : r0.file;
      out.push(`  ${r0.logicalId} ${paint(c, 'dim', `${r0.resourceType}  ${where}${r0.cdkPath ? `  ${r0.cdkPath}` : ''}`)}`);
      for (const f of rs) {
        out.push(`    ${paint(c, f.status, f.status.padEnd(7))} ${f.severity.padEnd(13)} ${f.controlId.padEnd(20)} ${shownMessage(f)}`);
      }
    }
    out.push('');
  }
  const clean = result.summary.resources - new Set(problems.map((f) => `${f.file}\u0000${f.stack}\u0000${f.logicalId}`)).size;
  if (result.summary.resources === 0) out.push('No resource of a type the hook targets was found.');
  else if (clean > 0) out.push(paint(c, 'PASS', `${clean} of ${result.summary.resources} resources pass every control.`));
  const line = summaryLine(result, ctx.failOnUnknown);
  out.push(isFailing(result, ctx.failOnUnknown) ? paint(c, 'FAIL', line) : result.summary.unknown > 0 || result.summary.warn > 0 ? paint(c, 'WARN', line) : paint(c, 'PASS', line));
  return out.join('\n');
}

// ---------------------------------------------------------------- markdown

function mdCell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/</g, '&lt;');
}

const MD_ICON: Record<Status, string> = { FAIL: '❌', UNKNOWN: '❔', WARN: '⚠️', PASS: '✅', SKIPPED: '⏭️' };
export const MARKDOWN_MAX_ROWS = 50;

export function markdownReport(result: CheckResult, ctx: ReportContext): string {
  const s = result.summary;
  const failing = isFailing(result, ctx.failOnUnknown);
  const out: string[] = [];
  const head = failing ? `❌ ${s.fail} failing` : s.unknown > 0 ? `❔ no failure, ${s.unknown} unknown` : '✅ no failure';
  out.push(`### pipeline-guard: ${head}`, '');
  out.push(`${plural(s.resources, 'resource')} in ${plural(s.stacks, 'stack')} checked: **${s.fail} FAIL**, ${s.unknown} UNKNOWN, ${s.warn} WARN, ${s.pass} PASS, ${s.skipped} SKIPPED.`, '');
  const rank: Record<Status, number> = { FAIL: 0, UNKNOWN: 1, WARN: 2, PASS: 3, SKIPPED: 4 };
  const problems = result.findings.filter(isProblem).sort((a, b) => rank[a.status] - rank[b.status]);
  if (problems.length > 0) {
    out.push('| | Control | Severity | Stack | Resource | Finding |', '|---|---|---|---|---|---|');
    for (const f of problems.slice(0, MARKDOWN_MAX_ROWS)) {
      const control = f.controlId === HOOK_ERROR_ID ? f.controlId : `[${f.controlId}](${controlDocLink(f.controlId)})`;
      out.push(`| ${MD_ICON[f.status]} ${f.status} | ${control} | ${f.severity} | ${mdCell(f.stack)} | \`${mdCell(f.logicalId)}\` ${mdCell(f.resourceType)} | ${mdCell(shownMessage(f))} |`);
    }
    if (problems.length > MARKDOWN_MAX_ROWS) out.push('', `… and ${problems.length - MARKDOWN_MAX_ROWS} more (run \`pipeline-guard check\` locally for the full list).`);
    out.push('');
  }
  if (s.unknown > 0) {
    out.push('UNKNOWN: the value is decided at deployment (a parameter, an import, an attribute); the hook fails closed if it cannot decide.', '');
  }
  return out.join('\n');
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
      text: `${c.remediation}\n\nRequirement: ${c.requirement}\nDocumentation: ${link}`,
      markdown: `**Fix.** ${c.remediation}\n\n**Why.** ${c.rationale}\n\n[${c.id}](${link})`,
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

/** A relative path as a URI reference (segments percent-encoded); absolute paths as file:// URIs. */
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

export function sarifReport(result: CheckResult, ctx: ReportContext): string {
  const controls = [...REGISTRY.controls];
  const rules: Array<Record<string, unknown>> = controls.map(ruleOf);
  const index = new Map(controls.map((c, i) => [c.id, i]));
  const problems = result.findings.filter(isProblem);
  if (problems.some((f) => !index.has(f.controlId))) {
    index.set(HOOK_ERROR_ID, rules.length);
    rules.push(HOOK_ERROR_RULE);
  }
  const seen = new Map<string, number>();
  const results = problems.map((f) => {
    const key = `${f.file}\u0000${f.stack}\u0000${f.logicalId}\u0000${f.controlId}\u0000${f.path}`;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    const level = f.status === 'FAIL' || (f.status === 'UNKNOWN' && ctx.failOnUnknown) ? 'error' : 'warning';
    const physical: Record<string, unknown> = { artifactLocation: { uri: fileUri(f.file) } };
    if (f.line !== undefined) physical.region = { startLine: f.line };
    const prefix = f.status === 'FAIL' ? '' : `${f.status}: `;
    return {
      ruleId: index.has(f.controlId) ? f.controlId : HOOK_ERROR_ID,
      ruleIndex: index.get(f.controlId) ?? index.get(HOOK_ERROR_ID),
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
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}

export function render(format: Format, result: CheckResult, ctx: ReportContext): string {
  switch (format) {
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
