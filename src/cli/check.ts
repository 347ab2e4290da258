/**
 * `pipeline-guard check <path>...`: evaluate CloudFormation templates and CDK cloud assemblies locally,
 * exactly as the hook would (every request goes through the hook's single evaluation path, handleHookEvent).
 *
 * Exit codes: 0 nothing fails; 1 at least one FAIL (at or above --severity-threshold; also UNKNOWN with
 * --fail-on-unknown); 2 usage error, unreadable input or invalid configuration.
 */
import { version } from '../../package.json';
import { configurationNotes, InvalidConfiguration, readConfig } from './check/config';
import { discover, InputError, type StackInput } from './check/discover';
import { FORMATS, gateFails, render, SEVERITY_ORDER, type Format } from './check/format';
import type { Severity } from '../model';
import { redactSecrets } from '../predicates/secret';
import { toNum } from '../predicates/values';
import { partitionOf } from '../template/resolve';
import { NO_LOGS, runCheck, type CheckResult, type RunOptions } from './check/run';
import { LookupSetupError, setUpLookups, type LookupSetup } from './check/lookups';
import { EXIT, parseArgs, UsageError } from './io';
import { statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const CHECK_USAGE = `usage: pipeline-guard check <template | cdk.out | directory>... [options]

  -f, --format FORMAT                 text (default), json, sarif, markdown or junit
  -o, --output FILE                   write the report to FILE instead of stdout
  -c, --config FILE                   hook type configuration: the set-type-configuration document
                                      ({"CloudFormationConfiguration":{"HookConfiguration":{"Properties":{…}}}})
                                      or just its Properties (JSON or YAML); default: the embedded secure default
  --account ID                        AWS::AccountId (default: the cdk.out stack's account, else 123456789012)
  --region REGION                     AWS::Region (default: the cdk.out stack's region, else us-east-1)
  --partition PARTITION               AWS::Partition (default: derived from the region)
  --stack-name NAME                   stack name of plain templates, as exemptions match it
                                      (default: the file name; cdk.out stacks keep their own names)
  --severity-threshold LEVEL          exit 1 only for findings of LEVEL or above: CRITICAL, HIGH, MEDIUM, LOW
                                      or INFORMATIONAL (default: any); the report still shows every finding
  --fail-on-unknown                   exit 1 when a control is UNKNOWN (a value decided only at deployment)
  --include-passed                    full PASS rows (message, severity) in every format; by default json
                                      keeps a short row per passed control and the others show none
  --base-dir DIR                      SARIF artifact URIs are relative to DIR (default: the working folder)
  --soft-fail                         exit 0 even when something fails (reports only; 2 still means bad input)
  --ignore-non-templates              skip named files that are not templates instead of exiting 2
                                      (for pre-commit, which passes every changed .json/.yaml file)
  --verbose                           the hook's structured logs on stderr
  --lookups                           live lookups, as the deployed hook makes them (keys, roles, policies,
                                      buckets, log groups, fleets, pull-through caches, Fn::ImportValue exports
                                      referenced but not defined in the template) with YOUR AWS credentials
                                      (the SDK's standard chain); off by default. The account is --account or
                                      the credentials' own (sts:GetCallerIdentity), the region --region, else
                                      AWS_REGION or the profile's. Needs read-only permissions: see docs/lookups.md
  --profile NAME                      with --lookups: the named profile of your AWS configuration
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
  /** Exit 1 only for FAIL (and, with failOnUnknown, UNKNOWN) rows of this severity or above; undefined: any. */
  severityThreshold?: Severity;
  includePassed: boolean;
  /** SARIF URIs relative to this folder (default: the working folder). */
  baseDir?: string;
  softFail: boolean;
  ignoreNonTemplates: boolean;
  verbose: boolean;
  /** `--lookups`: live lookups with the developer's credentials. */
  lookups: boolean;
  /** `--profile`: the AWS profile of the lookups. */
  profile?: string;
}

export function parseCheckArgs(argv: string[]): CheckOptions {
  const { opts, positionals } = parseArgs(
    argv,
    ['format', 'output', 'config', 'account', 'region', 'partition', 'stack-name', 'severity-threshold', 'base-dir', 'profile'],
    ['fail-on-unknown', 'soft-fail', 'ignore-non-templates', 'verbose', 'help', 'include-passed', 'lookups'],
  );
  const profile = opts.profile as string | undefined;
  if (profile !== undefined && opts.lookups !== true) throw new UsageError('--profile is used only with --lookups');
  if (profile !== undefined && !/^[\w.+@=,-]{1,128}$/.test(profile)) throw new UsageError('--profile must be a profile name of your AWS configuration');
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
  const threshold = opts['severity-threshold'] as string | undefined;
  if (threshold !== undefined && !(SEVERITY_ORDER as readonly string[]).includes(threshold.toUpperCase())) {
    throw new UsageError(`--severity-threshold must be one of ${SEVERITY_ORDER.join(', ')}`);
  }
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
    severityThreshold: threshold === undefined ? undefined : (threshold.toUpperCase() as Severity),
    includePassed: opts['include-passed'] === true,
    baseDir: opts['base-dir'] as string | undefined,
    softFail: opts['soft-fail'] === true,
    ignoreNonTemplates: opts['ignore-non-templates'] === true,
    verbose: opts.verbose === true,
    lookups: opts.lookups === true,
    profile,
  };
}

export interface CheckIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** stdout is a terminal (colour in text reports). */
  stdoutTty: boolean;
  /** stderr is a terminal (progress). */
  stderrTty: boolean;
  /** Environment for NO_COLOR and FORCE_COLOR. */
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
  const baseDir = resolve(options.baseDir ?? process.cwd());
  if (options.baseDir !== undefined && !isDirectory(baseDir)) {
    io.stderr(`pipeline-guard: --base-dir ${options.baseDir}: not a directory\n`);
    return { code: EXIT.USAGE };
  }
  let hookModel: Record<string, unknown> | null = null;
  /** DISABLED and WARN modes of the configuration: on stderr and in every report's header. */
  let notes: string[] = [];
  // --lookups: the developer's credentials decide the account (and, without --region, the configured region)
  let lookups: LookupSetup | undefined;
  if (options.lookups) {
    try {
      lookups = await setUpLookups({ profile: options.profile, account: options.account, region: options.region });
    } catch (e) {
      if (e instanceof LookupSetupError) {
        io.stderr(`pipeline-guard: --lookups: ${e.message}\n`);
        return { code: EXIT.USAGE };
      }
      throw e;
    }
  }
  const account = lookups?.account ?? options.account;
  const region = lookups?.region ?? options.region;
  try {
    if (options.config !== undefined) {
      const loaded = readConfig(options.config, account ?? '123456789012', options.partition ?? partitionOf(region ?? 'us-east-1'));
      hookModel = loaded.hookModel;
      notes = configurationNotes(loaded);
      for (const note of notes) io.stderr(`pipeline-guard: note: ${note}\n`);
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
    if (lookups && st.account !== undefined && st.account !== lookups.account) {
      io.stderr(`pipeline-guard: note: ${redactSecrets(st.stack)} is for account ${st.account}, your credentials are for ${lookups.account}: it is checked as ${lookups.account} (lookups see only that account; use --profile for the other)\n`);
    }
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
      account,
      region,
      partition: options.partition,
      lookups: lookups?.lookups,
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

  const color = options.format === 'text' && options.output === undefined && useColor(io.stdoutTty, io.env);
  const gate = { failOnUnknown: options.failOnUnknown, severityThreshold: options.severityThreshold };
  const maximumExemptionDays = toNum(hookModel?.MaximumExemptionDays);
  const report = render(options.format, result, { color, ...gate, includePassed: options.includePassed, version, baseDir, cwd: process.cwd(), notes, maximumExemptionDays });
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
  return { code: gateFails(result, gate) && !options.softFail ? EXIT.FAIL : EXIT.OK, result, report };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Colour as Node decides it: FORCE_COLOR '', 1, 2, 3 or true turns it on even into a pipe and wins over
 * NO_COLOR, any other FORCE_COLOR value (0, false) turns it off; NO_COLOR (non-empty) turns it off;
 * otherwise colour only on a TTY. A report written with --output is never coloured.
 */
export function useColor(tty: boolean, env: NodeJS.ProcessEnv): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return ['', '1', '2', '3', 'true'].includes(force.toLowerCase());
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return tty;
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
