/**
 * `pipeline-guard check <path>...`: evaluate CloudFormation templates and CDK cloud assemblies locally,
 * exactly as the hook would (every request goes through the hook's single evaluation path, handleHookEvent).
 *
 * Exit codes: 0 nothing fails; 1 at least one FAIL (also UNKNOWN with --fail-on-unknown); 2 usage
 * error, unreadable input or invalid configuration.
 */
import { version } from '../../package.json';
import { InvalidConfiguration, readConfig } from './check/config';
import { discover, InputError, type StackInput } from './check/discover';
import { FORMATS, isFailing, render, type Format } from './check/format';
import { redactSecrets } from '../predicates/secret';
import { partitionOf } from '../template/resolve';
import { NO_LOGS, runCheck, type CheckResult, type RunOptions } from './check/run';
import { EXIT, parseArgs, UsageError } from './io';
import { writeFileSync } from 'node:fs';

export const CHECK_USAGE = `usage: pipeline-guard check <template | cdk.out | directory>... [options]

  --format text|json|sarif|markdown   report format (default text)
  --output FILE                       write the report to FILE instead of stdout
  --config FILE                       hook type configuration: the set-type-configuration document
                                      ({"CloudFormationConfiguration":{"HookConfiguration":{"Properties":{…}}}})
                                      or just its Properties (JSON or YAML); default: the embedded secure default
  --account ID                        AWS::AccountId (default: the cdk.out stack's account, else 123456789012)
  --region REGION                     AWS::Region (default: the cdk.out stack's region, else us-east-1)
  --partition PARTITION               AWS::Partition (default: derived from the region)
  --stack-name NAME                   stack name of plain templates, as exemptions match it
                                      (default: the file name; cdk.out stacks keep their own names)
  --fail-on-unknown                   exit 1 when a control is UNKNOWN (a value decided only at deployment)
  --soft-fail                         exit 0 even when something fails (reports only; 2 still means bad input)
  --ignore-non-templates              skip named files that are not templates instead of exiting 2
                                      (for pre-commit, which passes every changed .json/.yaml file)
  --verbose                           the hook's structured logs on stderr
`;

export interface CheckOptions {
  paths: string[];
  format: Format;
  output?: string;
  config?: string;
  account?: string;
  region?: string;
  partition?: string;
  stackName?: string;
  failOnUnknown: boolean;
  softFail: boolean;
  ignoreNonTemplates: boolean;
  verbose: boolean;
}

export function parseCheckArgs(argv: string[]): CheckOptions {
  const { opts, positionals } = parseArgs(argv, ['format', 'output', 'config', 'account', 'region', 'partition', 'stack-name'], ['fail-on-unknown', 'soft-fail', 'ignore-non-templates', 'verbose', 'help']);
  if (opts.help) throw new UsageError(CHECK_USAGE);
  if (positionals.length === 0) throw new UsageError(`check needs at least one path\n\n${CHECK_USAGE}`);
  const format = (opts.format as string | undefined) ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format ${format} (${FORMATS.join(', ')})`);
  const account = opts.account as string | undefined;
  if (account !== undefined && !/^\d{12}$/.test(account)) throw new UsageError('--account must be a 12-digit AWS account ID');
  const region = opts.region as string | undefined;
  if (region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) throw new UsageError('--region must be a region name such as eu-west-1');
  const partition = opts.partition as string | undefined;
  if (partition !== undefined && !/^aws(-[a-z]+)*$/.test(partition)) throw new UsageError('--partition must be aws, aws-cn, aws-us-gov, ...');
  const stackName = opts['stack-name'] as string | undefined;
  if (stackName !== undefined && !/^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(stackName)) throw new UsageError('--stack-name must be a valid stack name (letters, digits, hyphens; starting with a letter)');
  return {
    paths: positionals,
    stackName,
    format: format as Format,
    output: opts.output as string | undefined,
    config: opts.config as string | undefined,
    account,
    region,
    partition,
    failOnUnknown: opts['fail-on-unknown'] === true,
    softFail: opts['soft-fail'] === true,
    ignoreNonTemplates: opts['ignore-non-templates'] === true,
    verbose: opts.verbose === true,
  };
}

export interface CheckIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** stdout is a terminal (colour in text reports). */
  stdoutTty: boolean;
  /** stderr is a terminal (progress). */
  stderrTty: boolean;
  /** Environment for NO_COLOR. */
  env: NodeJS.ProcessEnv;
}

export interface CheckOutcome {
  code: number;
  result?: CheckResult;
  report?: string;
}

const PROGRESS_MIN_STACKS = 5;

/** The whole command, with its I/O injected (tests call this; `checkCommand` binds it to the process). */
export async function runCheckCommand(options: CheckOptions, io: CheckIo, extra: Pick<RunOptions, 'onRequest'> = {}): Promise<CheckOutcome> {
  let stacks: StackInput[];
  let hookModel: Record<string, unknown> | null = null;
  try {
    if (options.config !== undefined) {
      const region = options.region ?? 'us-east-1';
      const loaded = readConfig(options.config, options.account ?? '123456789012', options.partition ?? partitionOf(region));
      hookModel = loaded.hookModel;
      if (loaded.failureMode && loaded.failureMode.toUpperCase() === 'WARN') {
        io.stderr('pipeline-guard: note: the configuration sets FailureMode WARN; check reports what the hook answers regardless.\n');
      }
    }
    stacks = discover(options.paths, process.cwd(), { ignoreNonTemplates: options.ignoreNonTemplates });
  } catch (e) {
    if (e instanceof InputError) {
      io.stderr(redactSecrets(`pipeline-guard: ${e.file}: ${e.reason}\n`));
      return { code: EXIT.USAGE };
    }
    if (e instanceof InvalidConfiguration) {
      io.stderr(`pipeline-guard: ${options.config}: ${e.message}\n`);
      return { code: EXIT.USAGE };
    }
    throw e;
  }
  for (const st of stacks) {
    if (options.stackName !== undefined && st.displayName === undefined && !st.nested) st.stack = options.stackName;
    if (st.template.Transform !== undefined) {
      io.stderr(`pipeline-guard: note: ${redactSecrets(st.file)} declares a Transform; it is evaluated as written, so resources the transform generates are not checked (check the processed template, e.g. from \`aws cloudformation get-template --template-stage Processed\`)\n`);
    }
  }
  if (stacks.length === 0) {
    if (options.ignoreNonTemplates) return { code: EXIT.OK };
    io.stderr(`pipeline-guard: no CloudFormation template or cloud assembly found in ${options.paths.join(', ')}\n`);
    return { code: EXIT.USAGE };
  }

  const progress = io.stderrTty && stacks.length >= PROGRESS_MIN_STACKS;
  // stdout carries only the report: the hook's structured logs go to stderr with --verbose, else nowhere
  const sink = options.verbose ? { write: (line: string) => io.stderr(`${line}\n`) } : NO_LOGS;
  let result: CheckResult;
  try {
    result = await runCheck(stacks, {
      hookModel,
      account: options.account,
      region: options.region,
      partition: options.partition,
      onRequest: extra.onRequest,
      sink,
      onProgress: progress ? (done, total) => io.stderr(`\rpipeline-guard: ${done}/${total} stacks evaluated`) : undefined,
    });
  } catch (e) {
    if (e instanceof InvalidConfiguration) {
      io.stderr(`pipeline-guard: ${options.config ?? '(configuration)'}: ${e.message}\n`);
      return { code: EXIT.USAGE };
    }
    throw e;
  } finally {
    if (progress) io.stderr('\r\u001b[K');
  }

  const color = options.format === 'text' && options.output === undefined && io.stdoutTty && !io.env.NO_COLOR;
  const report = render(options.format, result, { color, failOnUnknown: options.failOnUnknown, version });
  const text = report.endsWith('\n') ? report : `${report}\n`;
  if (options.output !== undefined) {
    try {
      writeFileSync(options.output, text);
    } catch (e) {
      io.stderr(`pipeline-guard: ${options.output}: cannot be written (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})\n`);
      return { code: EXIT.USAGE, result, report };
    }
  } else {
    io.stdout(text);
  }
  return { code: isFailing(result, options.failOnUnknown) && !options.softFail ? EXIT.FAIL : EXIT.OK, result, report };
}

export async function checkCommand(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(CHECK_USAGE);
    return EXIT.OK;
  }
  const options = parseCheckArgs(argv);
  const outcome = await runCheckCommand(options, {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    stdoutTty: process.stdout.isTTY === true,
    stderrTty: process.stderr.isTTY === true,
    env: process.env,
  });
  return outcome.code;
}
