/**
 * Structured JSON logs on stdout (one line each), with credentials and secret-shaped values redacted.
 * When the request carries provider credentials, the lines are also delivered to the hook's log group
 * in the publisher's account (see delivery.ts) — the Lambda's own stdout is not visible there.
 */
import { redactSecrets } from '../predicates/secret';
import { clipText, isRecord } from '../predicates/values';

export type Level = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

const SENSITIVE_KEY = /credential|secret|password|passwd|token|sessiontoken|accesskey|authorization|privatekey/i;
const SAFE_KEYS = new Set(['clientRequestToken']);

function scrub(value: unknown, depth: number, secrets: readonly string[]): unknown {
  if (typeof value === 'string') {
    let s = value;
    for (const secret of secrets) if (secret.length >= 8 && s.includes(secret)) s = s.split(secret).join('[REDACTED]');
    return clipText(redactSecrets(s), 4000);
  }
  if (depth > 6) return '[…]';
  if (Array.isArray(value)) return value.slice(0, 100).map((v) => scrub(v, depth + 1, secrets));
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = SENSITIVE_KEY.test(k) && !SAFE_KEYS.has(k) ? '[REDACTED]' : scrub(v, depth + 1, secrets);
    }
    return out;
  }
  return value;
}

export interface LogSink {
  write(line: string): void;
  /** False when lines would be dropped anyway (the logger then skips building them). */
  enabled?(): boolean;
}

/**
 * Lambda: stdout. PIPELINE_GUARD_LOG=stderr sends lines to stderr (the CLI does, to keep stdout for
 * results); PIPELINE_GUARD_LOG=off drops them.
 */
export const stdoutSink: LogSink = {
  enabled: () => process.env.PIPELINE_GUARD_LOG !== 'off',
  write: (line) => {
    const target = process.env.PIPELINE_GUARD_LOG;
    if (target === 'off') return;
    (target === 'stderr' ? process.stderr : process.stdout).write(`${line}\n`);
  },
};

export class Logger {
  readonly lines: string[] = [];
  private readonly secrets: string[] = [];

  constructor(
    private readonly sink: LogSink = stdoutSink,
    private readonly base: Record<string, unknown> = {},
    private keep = false,
    /** The invocation's clock (HookDeps.now): the `time` of every line. */
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Keep the lines of this invocation (for delivery to the provider log group). */
  keepLines(): void {
    this.keep = true;
  }

  /** Raw strings that must never appear in a log line (the request's credential strings). */
  protect(...values: Array<string | undefined>): void {
    for (const v of values) if (v) this.secrets.push(v);
  }

  private time(): string {
    const t = this.now();
    return Number.isNaN(t.getTime()) ? new Date().toISOString() : t.toISOString();
  }

  log(level: Level, msg: string, fields: Record<string, unknown> = {}): void {
    if (!this.keep && this.sink.enabled?.() === false) return;
    const record = scrub({ level, msg, ...this.base, ...fields, time: this.time() }, 0, this.secrets);
    const line = JSON.stringify(record);
    if (this.keep && this.lines.length < 200) this.lines.push(line);
    this.sink.write(line);
  }

  info(msg: string, fields?: Record<string, unknown>): void {
    this.log('INFO', msg, fields);
  }

  warn(msg: string, fields?: Record<string, unknown>): void {
    this.log('WARN', msg, fields);
  }

  error(msg: string, fields?: Record<string, unknown>): void {
    this.log('ERROR', msg, fields);
  }
}
