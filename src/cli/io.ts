import { readFileSync, writeFileSync } from 'node:fs';

/** Exit codes shared by every command: 0 ok, 1 a FAILED/FAIL verdict, 2 usage or unreadable input. */
export const EXIT = { OK: 0, FAIL: 1, USAGE: 2 } as const;

export class UsageError extends Error {}

export function readInput(path: string): string {
  if (path === '-') return readFileSync(0, 'utf8');
  return readFileSync(path, 'utf8');
}

export function writeOutput(text: string, output: string | undefined): void {
  if (output) writeFileSync(output, text.endsWith('\n') ? text : `${text}\n`);
  else process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** Short flags every command understands the same way (`-f json`, `-fjson`, `-f=json`). */
export const SHORT_FLAGS: Readonly<Record<string, string>> = { f: 'format', o: 'output', c: 'config' };

/**
 * Minimal flag parser: `--name value`, `--name=value`, boolean `--flag`, the short forms of SHORT_FLAGS
 * (for the valued options this command has); `-` alone and everything after `--` are positionals.
 */
export function parseArgs(argv: string[], valued: readonly string[], flags: readonly string[] = []): { opts: Record<string, string | true>; positionals: string[] } {
  const opts: Record<string, string | true> = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (valued.includes(name)) {
        const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
        if (value === undefined) throw new UsageError(`--${name} needs a value`);
        opts[name] = value;
      } else if (flags.includes(name) && eq < 0) {
        opts[name] = true;
      } else {
        throw new UsageError(`unknown option --${name}`);
      }
    } else if (a.startsWith('-') && a.length > 1) {
      const name = SHORT_FLAGS[a[1]];
      if (name === undefined || !valued.includes(name)) throw new UsageError(`unknown option ${a.slice(0, 2)}`);
      const attached = a.slice(2).replace(/^=/, '');
      const value = attached !== '' ? attached : argv[++i];
      if (value === undefined) throw new UsageError(`${a.slice(0, 2)} (--${name}) needs a value`);
      opts[name] = value;
    } else {
      positionals.push(a);
    }
  }
  return { opts, positionals };
}

/**
 * A reader that goes away (`pipeline-guard controls | head -1`) closes the pipe: later writes fail with EPIPE,
 * which Node raises as an unhandled 'error' event with a stack trace. The output is no longer wanted, so
 * it is dropped quietly; the exit code stays the command's own.
 */
export function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') return;
    throw e;
  });
}
