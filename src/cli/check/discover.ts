/**
 * Inputs of `pipeline-guard check` → the stacks to evaluate. A path is a template file, a CDK cloud
 * assembly (a directory with manifest.json, e.g. cdk.out: every stack artifact, nested assemblies of
 * CDK Pipelines stages and CDK nested stacks included), or a directory searched for either.
 */
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { isRecord } from '../../predicates/values';
import { isTemplate, parseTemplateText, TemplateError, type ParsedDocument } from '../../template/parse';

export class InputError extends Error {
  constructor(readonly file: string, readonly reason: string) {
    super(`${file}: ${reason}`);
    this.name = 'InputError';
  }
}

export interface StackInput {
  /** The template file as shown in reports (relative to the working directory when below it). */
  file: string;
  /** The deployed stack name (CDK: the artifact's stackName; a plain template: its file name). */
  stack: string;
  /** CDK: the stack's construct path (e.g. `Pipeline/Prod/App`). */
  displayName?: string;
  template: { Resources: Record<string, unknown> } & Record<string, unknown>;
  lineOf(logicalId: string): number | undefined;
  /** A CDK nested stack (its name is derived from the parent's). */
  nested?: boolean;
  /** Account and region from the cloud assembly, when the stack's environment is concrete. */
  account?: string;
  region?: string;
}

export function displayPath(abs: string, cwd = process.cwd()): string {
  const rel = relative(cwd, abs);
  const shown = rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? abs : rel;
  return sep === '/' ? shown : shown.split(sep).join('/');
}

/** A stack name derived from a file name: letters, digits and hyphens, starting with a letter. */
export function stackNameFromFile(file: string): string {
  const base = basename(file).replace(/(\.nested)?(\.template)?\.(json|ya?ml|template)$/i, '');
  let s = base.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  if (!/^[A-Za-z]/.test(s)) s = `stack-${s}`;
  return s.slice(0, 128);
}

function readText(abs: string): string {
  try {
    return readFileSync(abs, 'utf8');
  } catch (e) {
    throw new InputError(displayPath(abs), `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

function parseFile(abs: string): ParsedDocument {
  const text = readText(abs);
  try {
    return parseTemplateText(text, abs);
  } catch (e) {
    if (e instanceof TemplateError) throw new InputError(e.line === undefined ? displayPath(abs) : `${displayPath(abs)}:${e.line}`, e.reason);
    throw new InputError(displayPath(abs), e instanceof Error ? e.message : String(e));
  }
}

function parseEnvironment(env: unknown): { account?: string; region?: string } {
  if (typeof env !== 'string') return {};
  const m = /^aws:\/\/([^/]*)\/(.*)$/.exec(env);
  if (!m) return {};
  return {
    account: /^\d{12}$/.test(m[1]) ? m[1] : undefined,
    region: /^[a-z]{2}(-[a-z]+)+-\d+$/.test(m[2]) ? m[2] : undefined,
  };
}

const TEMPLATE_FILE = /\.(template\.json|template|json|ya?ml)$/i;
const CLAIMS_TO_BE_TEMPLATE = /\.template(\.json)?$/i;
const looksLikeTemplate = (abs: string): boolean => {
  const text = readText(abs);
  return /AWSTemplateFormatVersion/.test(text) || (/\bResources["']?\s*:/.test(text) && /\bType["']?\s*:\s*["']?AWS::/.test(text));
};
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

export class Discovery {
  readonly stacks: StackInput[] = [];
  private readonly seen = new Set<string>();

  constructor(
    private readonly cwd = process.cwd(),
    /** Named files that are not templates (or not parsable, unless they claim to be templates) are skipped. */
    private readonly ignoreNonTemplates = false,
  ) {}

  add(path: string): void {
    const abs = resolve(this.cwd, path);
    let st;
    try {
      st = statSync(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new InputError(path, code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? (e as Error).message})`);
    }
    if (st.isDirectory()) {
      if (this.isAssembly(abs)) this.assembly(abs);
      else this.search(abs, 0);
      return;
    }
    if (basename(abs) === 'manifest.json' && this.isAssembly(dirname(abs))) {
      this.assembly(dirname(abs));
      return;
    }
    if (this.ignoreNonTemplates) {
      this.candidate(abs);
      return;
    }
    const doc = parseFile(abs);
    if (!isTemplate(doc.value)) {
      throw new InputError(displayPath(abs, this.cwd), 'is not a CloudFormation template (no Resources map of resources with a Type)');
    }
    this.push(abs, { stack: stackNameFromFile(abs) }, doc);
  }

  private key(abs: string): string {
    try {
      return realpathSync(abs);
    } catch {
      return abs;
    }
  }

  private push(abs: string, meta: Pick<StackInput, 'stack' | 'displayName' | 'account' | 'region' | 'nested'>, doc: ParsedDocument): void {
    const k = this.key(abs);
    if (this.seen.has(k)) return;
    this.seen.add(k);
    const template = doc.value as StackInput['template'];
    this.stacks.push({ file: displayPath(abs, this.cwd), template, lineOf: doc.lineOf, ...meta });
    this.nestedStacks(abs, template, meta);
  }

  /** CDK nested stacks: an AWS::CloudFormation::Stack whose `aws:asset:path` metadata names a template next to this one. */
  private nestedStacks(abs: string, template: StackInput['template'], parent: Pick<StackInput, 'stack' | 'displayName' | 'account' | 'region'>): void {
    for (const [id, res] of Object.entries(template.Resources)) {
      if (!isRecord(res) || res.Type !== 'AWS::CloudFormation::Stack' || !isRecord(res.Metadata)) continue;
      const asset = res.Metadata['aws:asset:path'];
      if (typeof asset !== 'string' || !/\.template\.json$/i.test(asset) || asset.includes('..') || isAbsolute(asset)) continue;
      const file = join(dirname(abs), asset);
      let exists = false;
      try {
        exists = statSync(file).isFile();
      } catch {
        exists = false;
      }
      if (!exists) continue;
      const doc = parseFile(file);
      if (!isTemplate(doc.value)) continue;
      this.push(file, {
        stack: `${parent.stack}-${id}`.slice(0, 128),
        displayName: parent.displayName ? `${parent.displayName}/${id}` : undefined,
        account: parent.account,
        region: parent.region,
        nested: true,
      }, doc);
    }
  }

  private isAssembly(dir: string): boolean {
    let text: string;
    try {
      text = readFileSync(join(dir, 'manifest.json'), 'utf8');
    } catch {
      return false;
    }
    try {
      const m = JSON.parse(text) as unknown;
      return isRecord(m) && isRecord(m.artifacts);
    } catch {
      return false;
    }
  }

  private assembly(dir: string, depth = 0): void {
    const manifestPath = join(dir, 'manifest.json');
    const k = this.key(manifestPath);
    if (this.seen.has(k) || depth > 16) return;
    this.seen.add(k);
    let manifest: unknown;
    try {
      manifest = JSON.parse(readText(manifestPath));
    } catch (e) {
      if (e instanceof InputError) throw e;
      throw new InputError(displayPath(manifestPath, this.cwd), 'is not valid JSON');
    }
    const artifacts = isRecord(manifest) && isRecord(manifest.artifacts) ? manifest.artifacts : {};
    for (const [id, art] of Object.entries(artifacts)) {
      if (!isRecord(art)) continue;
      const props = isRecord(art.properties) ? art.properties : {};
      if (art.type === 'aws:cloudformation:stack' && typeof props.templateFile === 'string') {
        const file = join(dir, props.templateFile);
        const doc = parseFile(file);
        if (!isTemplate(doc.value)) {
          // a stack with no resources (or only custom ones) has nothing the hook would see
          if (isRecord(doc.value)) continue;
          throw new InputError(displayPath(file, this.cwd), 'is not a CloudFormation template');
        }
        const env = parseEnvironment(art.environment);
        this.push(file, {
          stack: typeof props.stackName === 'string' ? props.stackName : id,
          displayName: typeof art.displayName === 'string' ? art.displayName : id,
          ...env,
        }, doc);
      } else if (art.type === 'cdk:cloud-assembly' && typeof props.directoryName === 'string') {
        const nested = join(dir, props.directoryName);
        if (!this.isAssembly(nested)) throw new InputError(displayPath(join(nested, 'manifest.json'), this.cwd), 'nested cloud assembly has no readable manifest.json');
        this.assembly(nested, depth + 1);
      }
    }
  }

  private search(dir: string, depth: number): void {
    if (depth > 24) return;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      throw new InputError(displayPath(dir, this.cwd), `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const abs = join(dir, e.name);
      if (e.isDirectory()) {
        if (SKIP_DIRS.has(e.name) || e.name.startsWith('.')) continue;
        if (this.isAssembly(abs)) this.assembly(abs);
        else this.search(abs, depth + 1);
      } else if (e.isFile() && TEMPLATE_FILE.test(e.name) && e.name !== 'manifest.json') {
        this.candidate(abs);
      }
    }
  }

  /** A file found by searching: a template if its content is one; an error only if its name claims it is a template. */
  private candidate(abs: string): void {
    if (this.seen.has(this.key(abs))) return;
    let doc: ParsedDocument;
    try {
      doc = parseFile(abs);
    } catch (err) {
      // a file that declares CloudFormation resources but breaks the strict reading (a duplicate key, an
      // unknown tag) is a broken template, not a stranger: skipping it would pass it unchecked
      if (CLAIMS_TO_BE_TEMPLATE.test(abs) || looksLikeTemplate(abs)) throw err;
      return;
    }
    if (isTemplate(doc.value)) this.push(abs, { stack: stackNameFromFile(abs) }, doc);
  }
}

/** Every stack named by the paths, in order, each template read and parsed once. */
export function discover(paths: readonly string[], cwd = process.cwd(), options: { ignoreNonTemplates?: boolean } = {}): StackInput[] {
  const d = new Discovery(cwd, options.ignoreNonTemplates === true);
  for (const p of paths) d.add(p);
  return d.stacks;
}
