/**
 * "Do these resource patterns TOGETHER match every role / key / bucket / project … of an account (or of any
 * account)?" Actions are judged as a set (several patterns that add up to a whole service are a full-service
 * grant: iam-catalogue.ts `coverage`); this module does the same for resources. One pattern is judged by
 * iam.ts `isBroadResource` (`role/*`, `ro*`, `arn:aws:iam::*`); here a list of patterns is judged by what it
 * matches in a fixed corpus of concrete resource names:
 *
 *   `role/a*`, `role/b*`, …, `role/Z*`, `role/0*`, … `role/9*` (one per first character) are every role;
 *   `key/0*` … `key/f*` (16 patterns) are every key, and so is the single `key/????????-*` (key IDs are UUIDs).
 *
 * For each kind of resource the controls care about (IAM role, user, group, policy; KMS key and alias; S3 bucket
 * and object; CodeBuild project; CodePipeline pipeline; log group and stream; ECR repository; Secrets Manager
 * secret; Lambda function; CloudFormation stack; EC2 instance; SSM parameter; CodeCommit repository) the corpus
 * holds names built from the service's naming rules (written beside each kind below): a name for every first
 * character names of the kind start with, names the tools generate (CDK, CloudFormation, AWS service roles and
 * managed keys), names with paths, the shortest and longest names allowed, and for KMS 32 key IDs (UUIDs, random
 * but seeded) and multi-Region key IDs (`mrk-…`). A kind may have several families (single-Region and
 * multi-Region keys; functions and their versions/aliases; log groups and log streams): patterns that match
 * every name of one family of a kind are every resource of that kind.
 *
 * How a pattern is matched against a corpus name (the way IAM matches a Resource, as far as it matters here):
 * - ARNs of six fields or more only (`*`, `arn:*` and ARNs cut short by a wildcard are `isBroadResource`'s);
 * - the service field must match the kind's service (glob, any case); the account field must fit the kind
 *   (empty or only `*` for S3, not empty otherwise);
 * - partition, region and account are a scope: patterns are judged together only where their scopes meet. A
 *   literal field (`111111111111`, `eu-west-1`) is that one value; a field with a wildcard is taken to match
 *   every value (an over-approximation: `1*` and `2*` in two patterns are judged as if they met: fail closed);
 * - the resource part (everything after the fifth colon) is globbed against the corpus name case-sensitively
 *   (IAM compares resource names with case), except the kind's fixed word (`role/`, `key/`), compared in any
 *   case like `isBroadResource` does.
 *
 * What the corpus leaves out, on purpose: names starting with a character the rules allow but nobody starts a
 * name with (`+=,.@_-` for IAM names; `.`, `#`, `_`, `-` for log groups; `/` for secrets). Every name left out
 * makes the judgement stricter (a set needs to match less to count as every X), never weaker: a set of patterns
 * matching every role but those whose name starts with `_` is every role in practice. The judgement is for
 * Allow statements (a broad grant is a finding); do not use it to decide that a Deny covers everything.
 */
import { globMatch } from './glob';

/** One family of names of a kind, as the resource part of their ARNs (`role/Admin`, `key/1234abcd-…`). */
export interface CorpusFamily {
  readonly label: string;
  readonly names: readonly string[];
}

export interface CorpusKind {
  /** Stable id (`iam-role`). */
  readonly id: string;
  /** How a message names one resource of the kind (`IAM role`). */
  readonly label: string;
  /** ARN service field (lower case). */
  readonly service: string;
  /** The ARN format has an empty account field (`arn:aws:s3:::bucket`). */
  readonly accountless: boolean;
  /** Literal start of the resource part shared by every name (`role/`, `key/`, `` for buckets). */
  readonly word: string;
  readonly families: readonly CorpusFamily[];
}

// ---------------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------------

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = LOWER.toUpperCase();
const DIGITS = '0123456789';
const HEX = '0123456789abcdef';
const ALNUM = UPPER + LOWER + DIGITS;

/** Deterministic PRNG (mulberry32): the corpus is the same in every process and every test run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomText(rand: () => number, alphabet: string, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
  return s;
}

/**
 * One name per first character, each continued by one of `tails` in turn (so the rest of the name varies too:
 * punctuation the rules allow inside names, digits, upper case). `minLength` pads names the rules want longer.
 */
function everyFirst(firsts: string, tails: readonly string[], minLength = 1): string[] {
  return [...firsts].map((c, i) => {
    const name = c + tails[i % tails.length];
    return name.length >= minLength ? name : name + 'x'.repeat(minLength - name.length);
  });
}

/** A name of exactly `length` characters from `alphabet`, starting with `first` (the longest names allowed). */
function longest(first: string, alphabet: string, length: number, seed: number): string {
  return first + randomText(prng(seed), alphabet, length - 1);
}

function uuid(rand: () => number, first: string): string {
  const h = (n: number) => randomText(rand, HEX, n);
  return `${first}${h(7)}-${h(4)}-${h(4)}-${h(4)}-${h(12)}`;
}

const prefixed = (word: string, names: readonly string[]) => names.map((n) => word + n);

// ---------------------------------------------------------------------------------------------------
// The kinds and their naming rules
// ---------------------------------------------------------------------------------------------------

/**
 * IAM role, user and group names: 1-64 characters (policies: 1-128) of upper and lower case letters, digits and
 * `_+=,.@-` (`[\w+=,.@-]+`); names are unique without regard to case, but the Resource element compares them
 * with case. Paths: `/` or `/…/` of printable ASCII (`!` to `~`), up to 512 characters; the ARN is
 * `role/<path without the leading slash><name>`. (IAM API Reference, CreateRole / CreateUser / CreatePolicy.)
 */
const IAM_TAILS = ['dministrators', '-deploy', '_Build', '.svc', '@team', 'ipeline+x=1,y', '9', 'Role'];
const IAM_NAME_CHARS = ALNUM + '_+=,.@-';

function iamNames(seed: number, typical: readonly string[], maxName: number): string[] {
  return [
    ...typical,
    ...everyFirst(ALNUM, IAM_TAILS),
    longest('L', IAM_NAME_CHARS, maxName, seed),
    // a long path (paths hold up to 512 characters)
    `${'platform/'.repeat(40)}${longest('P', IAM_NAME_CHARS, 20, seed + 1)}`,
  ];
}

const ROLE_TYPICAL = [
  'OrganizationAccountAccessRole',
  'AWSControlTowerExecution',
  'cdk-hnb659fds-cfn-exec-role-111111111111-eu-west-1',
  'cdk-hnb659fds-deploy-role-111111111111-eu-west-1',
  'PipelineStack-PipelineRoleB27FAA37-1A2B3C4D5E6F',
  'Admin',
  'admin',
  'service-role/codebuild-app-service-role',
  'service-role/AWSCodePipelineServiceRole-eu-west-1-app',
  'aws-service-role/codebuild.amazonaws.com/AWSServiceRoleForCodeBuild',
  'aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_AdministratorAccess_0123456789abcdef',
  'team/app/deploy',
];
const USER_TYPICAL = ['ci-user', 'deploy-bot', 'Alice', 'bob@example.com', 'system/automation/uploader', 'legacy.user'];
const GROUP_TYPICAL = ['Admins', 'developers', 'ci/build-agents', 'ReadOnly'];
const POLICY_TYPICAL = [
  'AdministratorAccess',
  'PowerUserAccess',
  'service-role/AWSCodePipelineServiceRole',
  'job-function/ViewOnlyAccess',
  'PipelineStack-BuildPolicy-1A2B3C4D5E6F',
  'pipeline-boundary',
  'boundaries/platform-boundary',
];

/**
 * KMS key IDs: a UUID (`1234abcd-12ab-34cd-56ef-1234567890ab`, lower-case hex) for a single-Region key;
 * `mrk-` and 32 hex digits for a multi-Region key (KMS Developer Guide, key identifiers). Alias names: `alias/`
 * and 1-256 characters of letters, digits, `/`, `_`, `-`; `alias/aws/` is reserved for AWS managed keys.
 */
function keyIds(): { single: string[]; multi: string[] } {
  const rand = prng(0x6b6d73);
  // 32 UUIDs, every hex digit twice in first position
  const single = Array.from({ length: 32 }, (_, i) => uuid(rand, HEX[i % 16]));
  single.push('1234abcd-12ab-34cd-56ef-1234567890ab', '5f0e2a52-3c1d-4e2b-9a7f-0b1c2d3e4f50');
  const multi = Array.from({ length: 8 }, () => `mrk-${randomText(rand, HEX, 32)}`);
  multi.push('mrk-1234abcd12ab34cd56ef1234567890ab');
  return { single, multi };
}
const ALIAS_TAILS = ['pp/artifacts', '-key', '_data', 'ipeline', '7', 'Secrets'];
const ALIAS_CHARS = ALNUM + '/_-';
const AWS_MANAGED_ALIASES = ['aws/s3', 'aws/ebs', 'aws/secretsmanager', 'aws/lambda', 'aws/codecommit', 'aws/ssm', 'aws/rds', 'aws/acm', 'aws/dynamodb', 'aws/logs'];

/**
 * S3 general purpose bucket names: 3-63 characters of lower-case letters, digits, `.` and `-`, beginning and
 * ending with a letter or digit; directory buckets end in `--x-s3` (S3 User Guide, bucket naming rules).
 * Object keys: any UTF-8, up to 1024 bytes. An object's resource part is `<bucket>/<key>`.
 */
const BUCKET_TAILS = ['rtifacts', '-logs-111111111111', '.example.com', 'ipeline-artifactsbucket-1a2b3c', '9z', 'data-eu-west-1'];
const BUCKET_TYPICAL = [
  'cdk-hnb659fds-assets-111111111111-eu-west-1',
  'pipelinestack-pipelineartifactsbucket22248f97-1a2b3c4d5e6f',
  'abc',
  'my.bucket.example.com',
  'app-data--euw1-az1--x-s3',
];
const OBJECT_KEYS = ['index.html', 'A', '7z.bin', '.env', '_tmp/x', '-dash', 'folder/sub/file.txt', 'cdk/asset.zip', 'Photo 1.JPG', 'assets/0123abcd.zip'];

/** CodeBuild project names: 2-255 characters, `[A-Za-z0-9][A-Za-z0-9\-_]{1,254}` (CodeBuild API, CreateProject). */
const PROJECT_TAILS = ['pp-build', '_test', 'ynthProject', '0', '-Deploy', 'x'];

/** CodePipeline pipeline names: 1-100 characters of `[A-Za-z0-9.@\-_]` (CodePipeline API, PipelineDeclaration). */
const PIPELINE_TAILS = ['pp-pipeline', '.release', '@main', '_2', 'ipeline', ''];

/**
 * CloudWatch Logs log group names: 1-512 characters of `[\.\-_/#A-Za-z0-9]`; the ARN is `log-group:<name>`,
 * a stream `log-group:<name>:log-stream:<stream>` (streams: 1-512 characters, no `:` or `*`).
 */
const LOG_TAILS = ['pp', '-logs', '_audit', '.trail', '/x', 'uild'];
const LOG_TYPICAL = ['/aws/codebuild/SynthProject', '/aws/lambda/deploy-fn', '/aws/vendedlogs/states/pipeline', 'API-Gateway-Execution-Logs_abc123/prod', 'aws-cloudtrail-logs-111111111111-1a2b3c4d', '/ecs/app'];

/**
 * ECR repository names: 2-256 characters, lower-case letters, digits, `-`, `_`, `.` and `/` namespaces; the
 * name starts with a letter (ECR API, CreateRepository).
 */
const REPO_TAILS = ['pp', '-web/nginx', '_x', '.io', 'roject-a/service', '2'];

/**
 * Secrets Manager secret names: 1-512 characters of ASCII letters, digits and `/_+=.@-`; the ARN is
 * `secret:<name>-<6 random characters>`; secrets managed by a service start with `<service>!` (`rds!db-…`).
 */
const SECRET_TAILS = ['pp/db/password', '-token', '_key', '.cfg', '@svc', '=1+2'];

/** Lambda function names: 1-64 characters of `[a-zA-Z0-9-_]`; a qualified ARN adds `:<version or alias>` (`$LATEST`, `1`, `prod`). */
const FUNCTION_TAILS = ['pp-handler', '_x', 'eploy', '1', '-Fn', 'ustomResource'];

/** CloudFormation stack names: 1-128 characters, `[A-Za-z][A-Za-z0-9-]*`; the ARN is `stack/<name>/<uuid>`. */
const STACK_TAILS = ['pp', '-Pipeline', 'DKToolkit', '1', 'tack-eu'];

/** EC2 instance IDs: `i-` and 8 (older) or 17 lower-case hex digits. */
/** SSM parameter names: up to 2048 characters of `a-zA-Z0-9_.-` and `/` levels; the ARN is `parameter/<name without the leading slash>`. */
const PARAM_TAILS = ['pp/db/url', '-flag', '_x', '.cfg', 'rod/api/key', '9'];

/** CodeCommit repository names: 1-100 characters of letters, digits, `.`, `_`, `-` (not ending in `.git`). */
const CODECOMMIT_TAILS = ['pp', '-infra', '_x', '.web', 'ipeline', '0'];

/** A kind whose names are made the first time a judgement needs them (most requests need one or two kinds). */
function kind(spec: Omit<CorpusKind, 'families'>, make: () => CorpusFamily[]): CorpusKind {
  let families: readonly CorpusFamily[] | undefined;
  return {
    ...spec,
    get families() {
      return (families ??= make());
    },
  };
}

let bucketList: string[] | undefined;
const bucketNames = () => (bucketList ??= [...BUCKET_TYPICAL, ...everyFirst(LOWER + DIGITS, BUCKET_TAILS, 3), longest('b', LOWER + DIGITS + '-', 62, 7) + 'z']);

function build(): CorpusKind[] {
  const iam = { service: 'iam', accountless: false };
  const regional = { accountless: false };
  return [
    kind({ id: 'iam-role', label: 'IAM role', word: 'role/', ...iam }, () => [{ label: 'roles', names: prefixed('role/', iamNames(1, ROLE_TYPICAL, 64)) }]),
    kind({ id: 'iam-user', label: 'IAM user', word: 'user/', ...iam }, () => [{ label: 'users', names: prefixed('user/', iamNames(2, USER_TYPICAL, 64)) }]),
    kind({ id: 'iam-group', label: 'IAM group', word: 'group/', ...iam }, () => [{ label: 'groups', names: prefixed('group/', iamNames(3, GROUP_TYPICAL, 128)) }]),
    kind({ id: 'iam-policy', label: 'IAM managed policy', word: 'policy/', ...iam }, () => [{ label: 'policies', names: prefixed('policy/', iamNames(4, POLICY_TYPICAL, 128)) }]),
    kind({ id: 'kms-key', label: 'KMS key', service: 'kms', word: 'key/', ...regional }, () => {
      const keys = keyIds();
      return [
        { label: 'single-Region keys', names: prefixed('key/', keys.single) },
        { label: 'multi-Region keys', names: prefixed('key/', keys.multi) },
      ];
    }),
    // one family: the aliases of AWS managed keys (`alias/aws/…`) are aliases of the account like any other
    kind({ id: 'kms-alias', label: 'KMS alias', service: 'kms', word: 'alias/', ...regional }, () => [
      { label: 'aliases', names: prefixed('alias/', [...everyFirst(ALNUM, ALIAS_TAILS), 'cdk-pipeline/artifacts', ...AWS_MANAGED_ALIASES, longest('K', ALIAS_CHARS, 256, 5)]) },
    ]),
    kind({ id: 's3-bucket', label: 'S3 bucket', service: 's3', accountless: true, word: '' }, () => [{ label: 'buckets', names: bucketNames() }]),
    kind({ id: 's3-object', label: 'S3 object', service: 's3', accountless: true, word: '' }, () => [
      { label: 'objects', names: bucketNames().flatMap((b, i) => [`${b}/${OBJECT_KEYS[i % OBJECT_KEYS.length]}`, `${b}/${OBJECT_KEYS[(i + 3) % OBJECT_KEYS.length]}`]) },
    ]),
    kind({ id: 'codebuild-project', label: 'CodeBuild project', service: 'codebuild', word: 'project/', ...regional }, () => [
      { label: 'projects', names: prefixed('project/', [...everyFirst(ALNUM, PROJECT_TAILS, 2), 'PipelineBuildSynthCdkBuildProject9D4A4E2-AbCdEf123456', longest('B', ALNUM + '-_', 255, 6)]) },
    ]),
    kind({ id: 'codepipeline-pipeline', label: 'CodePipeline pipeline', service: 'codepipeline', word: '', ...regional }, () => [
      { label: 'pipelines', names: [...everyFirst(ALNUM, PIPELINE_TAILS), 'PipelineStack-Pipeline9850B417-1A2B3C4D5E6F', longest('P', ALNUM + '.@-_', 100, 10)] },
    ]),
    kind({ id: 'logs-log-group', label: 'log group', service: 'logs', word: 'log-group:', ...regional }, () => {
      const rand = prng(0x6c6f6773);
      const groups = [...LOG_TYPICAL, ...everyFirst(ALNUM + '/', LOG_TAILS), longest('/', ALNUM + '._-/#', 512, 9)];
      return [
        { label: 'log groups', names: prefixed('log-group:', groups) },
        { label: 'log streams', names: groups.map((g, i) => `log-group:${g}:log-stream:${i % 2 === 0 ? `2024/01/01/[$LATEST]${randomText(rand, HEX, 32)}` : `build-${randomText(rand, HEX, 8)}`}`) },
      ];
    }),
    kind({ id: 'ecr-repository', label: 'ECR repository', service: 'ecr', word: 'repository/', ...regional }, () => [
      { label: 'repositories', names: prefixed('repository/', [...everyFirst(LOWER, REPO_TAILS, 2), 'cdk-hnb659fds-container-assets-111111111111-eu-west-1', longest('r', LOWER + DIGITS + '-_./', 255, 11) + 'z']) },
    ]),
    kind({ id: 'secretsmanager-secret', label: 'Secrets Manager secret', service: 'secretsmanager', word: 'secret:', ...regional }, () => {
      const rand = prng(0x73656372);
      const names = [...everyFirst(ALNUM, SECRET_TAILS), 'rds!db-0123abcd-4567-89ef-0123-456789abcdef', 'events!connection/github/0123abcd', 'prod/db/password', longest('S', ALNUM + '/_+=.@-', 512, 12)];
      return [{ label: 'secrets', names: prefixed('secret:', names.map((n) => `${n}-${randomText(rand, ALNUM, 6)}`)) }];
    }),
    kind({ id: 'lambda-function', label: 'Lambda function', service: 'lambda', word: 'function:', ...regional }, () => {
      const functions = [...everyFirst(ALNUM, FUNCTION_TAILS), 'PipelineStack-CustomResourceHandler-1A2B3C4D5E6F', longest('F', ALNUM + '-_', 64, 8)];
      return [
        { label: 'functions', names: prefixed('function:', functions) },
        { label: 'function versions and aliases', names: prefixed('function:', functions.map((f, i) => `${f}:${['$LATEST', '1', 'prod', '42', 'Live'][i % 5]}`)) },
      ];
    }),
    kind({ id: 'cloudformation-stack', label: 'CloudFormation stack', service: 'cloudformation', word: 'stack/', ...regional }, () => {
      const rand = prng(0x63666e73);
      const names = [...everyFirst(UPPER + LOWER, STACK_TAILS), 'CDKToolkit', longest('S', ALNUM + '-', 128, 13)];
      return [{ label: 'stacks', names: prefixed('stack/', names.map((n) => `${n}/${uuid(rand, randomText(rand, HEX, 1))}`)) }];
    }),
    kind({ id: 'ec2-instance', label: 'EC2 instance', service: 'ec2', word: 'instance/', ...regional }, () => {
      const rand = prng(0x65633269);
      const ids = [...Array.from({ length: 32 }, (_, i) => `i-${HEX[i % 16]}${randomText(rand, HEX, 16)}`), ...Array.from({ length: 16 }, (_, i) => `i-${HEX[i]}${randomText(rand, HEX, 7)}`)];
      return [{ label: 'instances', names: prefixed('instance/', ids) }];
    }),
    kind({ id: 'ssm-parameter', label: 'SSM parameter', service: 'ssm', word: 'parameter/', ...regional }, () => [
      { label: 'parameters', names: prefixed('parameter/', [...everyFirst(ALNUM, PARAM_TAILS), 'cdk-bootstrap/hnb659fds/version', longest('p', ALNUM + '_.-/', 1000, 14)]) },
    ]),
    kind({ id: 'codecommit-repository', label: 'CodeCommit repository', service: 'codecommit', word: '', ...regional }, () => [
      { label: 'repositories', names: [...everyFirst(ALNUM, CODECOMMIT_TAILS), longest('R', ALNUM + '._-', 100, 15)] },
    ]),
  ];
}

let kinds: readonly CorpusKind[] | undefined;

/** The corpus (the kinds on first use, each kind's names when first needed; the same every time). */
export function corpusKinds(): readonly CorpusKind[] {
  return (kinds ??= build());
}

// ---------------------------------------------------------------------------------------------------
// Judging a list of patterns
// ---------------------------------------------------------------------------------------------------

export interface SetBreadth {
  /** The kind's label (`IAM role`). */
  kind: string;
  /** The family whose every name the patterns match (`roles`, `single-Region keys`). */
  family: string;
  /** `account 111111111111`, or `every account` where the account field is a wildcard. */
  scope: string;
  /** The patterns that match names of the family (as written). */
  patterns: string[];
  /**
   * Set when the list was too long to judge within the work budget (GLOB_BUDGET matches): judged broad without a
   * verdict on what it matches (fail closed; no policy IAM accepts comes near it).
   */
  unjudged?: true;
}

interface Parsed {
  raw: string;
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

const WILD = /[*?]/;

function parseArn(r: string): Parsed | undefined {
  const v = r.trim();
  const f = v.split(':');
  if (f.length < 6 || f[0].toLowerCase() !== 'arn') return undefined;
  return { raw: r, partition: f[1].toLowerCase(), service: f[2].toLowerCase(), region: f[3].toLowerCase(), account: f[4], resource: f.slice(5).join(':') };
}

/** The kind's fixed word compared in any case: the pattern's letters that spell it are written as the word does. */
function normaliseWord(resource: string, word: string): string {
  let out = '';
  let i = 0;
  for (; i < word.length && i < resource.length; i++) {
    const c = resource[i];
    if (c === '*') break;
    if (c === '?') {
      out += c;
      continue;
    }
    if (c.toLowerCase() !== word[i].toLowerCase()) break;
    out += word[i];
  }
  return out + resource.slice(i);
}

/** A value no literal field equals: matched only by fields with a wildcard. */
const ANY = '\u0000any';
const MAX_SCOPES = 64;

function fieldFits(field: string, value: string): boolean {
  if (value === ANY) return WILD.test(field);
  return WILD.test(field) ? globMatch(field.toLowerCase(), value.toLowerCase()) : field.toLowerCase() === value.toLowerCase();
}

function distinctLiterals(values: readonly string[]): string[] {
  return [...new Set(values.filter((v) => !WILD.test(v)).map((v) => v.toLowerCase()))];
}

/**
 * Glob matches one judgement may spend (a few hundred ms at worst). Most lists stop at the first corpus name no
 * pattern matches; only thousands of patterns in scopes of their own come near it.
 */
export const GLOB_BUDGET = 2_000_000;
let budget = GLOB_BUDGET;

class BudgetExhausted extends Error {}

function spend(n = 1): void {
  budget -= n;
  if (budget < 0) throw new BudgetExhausted();
}

/** Does every name of the family match one of the resource parts? */
function covers(resources: readonly string[], family: CorpusFamily): boolean {
  for (const name of family.names) {
    let hit = false;
    for (const r of resources) {
      spend();
      if (globMatch(r, name)) {
        hit = true;
        break;
      }
    }
    if (!hit) return false;
  }
  return true;
}

function judgeKind(kind: CorpusKind, parsed: readonly Parsed[]): SetBreadth | undefined {
  const relevant = parsed.filter((p) => (WILD.test(p.service) ? globMatch(p.service, kind.service) : p.service === kind.service) && (kind.accountless ? /^\**$/.test(p.account) : p.account !== ''));
  // literal names match one corpus name each at most: a set needs a wildcard to cover a family
  if (!relevant.some((p) => WILD.test(p.resource))) return undefined;
  const partitions = [...distinctLiterals(relevant.map((p) => p.partition)), ANY];
  const regions = [...distinctLiterals(relevant.map((p) => p.region)), ANY];
  const accounts = [...distinctLiterals(relevant.map((p) => p.account)), ANY];
  const tooMany = partitions.length * regions.length * accounts.length > MAX_SCOPES;
  const seen = new Set<string>();
  for (const partition of tooMany ? [ANY] : partitions) {
    for (const region of tooMany ? [ANY] : regions) {
      for (const account of tooMany ? [ANY] : accounts) {
        // more scopes than that: every pattern is judged together (fail closed)
        const members = tooMany ? relevant : relevant.filter((p) => fieldFits(p.partition, partition) && fieldFits(p.region, region) && fieldFits(p.account, account));
        if (members.length === 0) continue;
        const key = members.map((m) => m.raw).join('\n');
        if (seen.has(key)) continue;
        seen.add(key);
        const resources = members.map((m) => normaliseWord(m.resource, kind.word));
        for (const family of kind.families) {
          if (!covers(resources, family)) continue;
          const accountsOf = [...new Set(members.map((m) => m.account))];
          const one = accountsOf.length === 1 && !WILD.test(accountsOf[0]) ? accountsOf[0] : undefined;
          const scope = kind.accountless ? 'every account' : account !== ANY ? `account ${account}` : one !== undefined ? `account ${one}` : 'every account';
          spend(members.length * family.names.length);
          return { kind: kind.label, family: family.label, scope, patterns: members.filter((_m, i) => family.names.some((n) => globMatch(resources[i], n))).map((m) => m.raw) };
        }
      }
    }
  }
  return undefined;
}

const memo = new Map<string, SetBreadth | null>();
const MEMO_LIMIT = 1024;

/**
 * Do the patterns together match every name of one family of one kind of the corpus (every role, every
 * single-Region key, every bucket …) within one scope? The first such kind, or undefined. Memoised per list
 * (policies repeat the same resource lists in every request).
 */
export function everyResourceOfAKind(resources: readonly string[]): SetBreadth | undefined {
  const key = resources.join('\n');
  const hit = memo.get(key);
  if (hit !== undefined) return hit ?? undefined;
  const parsed = resources.map(parseArn).filter((p): p is Parsed => p !== undefined);
  let out: SetBreadth | undefined;
  budget = GLOB_BUDGET;
  for (const kind of parsed.length > 0 ? corpusKinds() : []) {
    try {
      out = judgeKind(kind, parsed);
    } catch (e) {
      if (!(e instanceof BudgetExhausted)) throw e;
      out = { kind: kind.label, family: kind.families[0].label, scope: 'an account', patterns: [], unjudged: true };
    }
    if (out) break;
  }
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, out ?? null);
  return out;
}

const everyKindMemo = new Map<string, boolean>();

/**
 * Do the patterns together match every name of some family of EVERY kind of the corpus (every role, every key,
 * every bucket and object, every function, project, pipeline …)? Then they stand for every resource of every
 * service (an administrator grant spelt as a list of per-service patterns).
 */
export function everyResourceOfEveryKind(resources: readonly string[]): boolean {
  const key = resources.join('\n');
  let hit = everyKindMemo.get(key);
  if (hit === undefined) {
    const parsed = resources.map(parseArn).filter((p): p is Parsed => p !== undefined);
    budget = GLOB_BUDGET;
    try {
      hit = parsed.length > 0 && corpusKinds().every((kind) => judgeKind(kind, parsed) !== undefined);
    } catch (e) {
      if (!(e instanceof BudgetExhausted)) throw e;
      hit = true; // too long to judge: fail closed
    }
    if (everyKindMemo.size >= MEMO_LIMIT) everyKindMemo.clear();
    everyKindMemo.set(key, hit);
  }
  return hit;
}
