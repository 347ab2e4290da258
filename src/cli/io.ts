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

/** Minimal flag parser: `--name value`, `--name=value`, boolean `--flag`; the rest are positionals. */
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
    } else {
      positionals.push(a);
    }
  }
  return { opts, positionals };
}
