/** `pipeline-guard` command line: invoke, check, controls, report. */
import { controlsCommand } from './catalogue';
import { version } from '../../package.json';
import { EXIT, quietOnClosedPipe, UsageError } from './io';
import { invokeCommand } from './invoke';
import { REPORT_HELP, reportCommand } from './report';

const USAGE = `usage: pipeline-guard <command> [options]

commands:
  check <path>...     evaluate templates or cdk.out directories exactly as the hook would
  invoke <file | ->   run the hook entry point on a raw hook request and print the response
  controls            list the control catalogue (--format text|json|markdown)
  report <file>       summarise exported hook log lines: findings by control, account, stack, day; controls ready to enforce

options: -h, --help (also after a command), -V, --version
`;

const COMMAND_USAGE: Record<string, string> = {
  invoke: 'usage: pipeline-guard invoke <request.json | ->\n\nRuns the hook entry point on a raw hook invocation request and prints the response JSON.\nExit 0 SUCCESS, 1 FAILED, 2 the file cannot be read.\n',
  controls: 'usage: pipeline-guard controls [-f|--format text|json|markdown] [-o|--output FILE]\n\nLists the control catalogue (markdown is docs/controls.md).\n',
  report: REPORT_HELP,
};

type Command = (argv: string[]) => number | Promise<number>;

async function loadCheck(): Promise<Command | undefined> {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = (await import('./check')) as { checkCommand?: Command };
    return mod.checkCommand;
  } catch {
    return undefined;
  }
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  // The hook's structured logs go to stderr (or nowhere, if the user says so): stdout carries results.
  if (process.env.PIPELINE_GUARD_LOG === undefined) process.env.PIPELINE_GUARD_LOG = 'stderr';
  try {
    if (COMMAND_USAGE[command ?? ''] && (rest.includes('--help') || rest.includes('-h'))) {
      process.stdout.write(COMMAND_USAGE[command as string]);
      return EXIT.OK;
    }
    switch (command) {
      case 'invoke':
        return await invokeCommand(rest);
      case 'controls':
        return controlsCommand(rest);
      case 'report':
        return reportCommand(rest);
      case 'check': {
        const check = await loadCheck();
        if (!check) throw new UsageError('check is not available in this build');
        return await check(rest);
      }
      case '-V':
      case '--version':
      case 'version':
        process.stdout.write(`${version}\n`);
        return EXIT.OK;
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        process.stdout.write(USAGE);
        return command === undefined ? EXIT.USAGE : EXIT.OK;
      default:
        throw new UsageError(`unknown command ${command}`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      const known = command === 'check' || command === 'invoke' || command === 'controls' || command === 'report';
      process.stderr.write(known ? `pipeline-guard ${command}: ${e.message} (see pipeline-guard ${command} --help)\n` : `pipeline-guard: ${e.message}\n\n${USAGE}`);
      return EXIT.USAGE;
    }
    process.stderr.write(`pipeline-guard: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT.USAGE;
  }
}

if (require.main === module) {
  quietOnClosedPipe(process.stdout);
  quietOnClosedPipe(process.stderr);
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = EXIT.USAGE;
    },
  );
}
