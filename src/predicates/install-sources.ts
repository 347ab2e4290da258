/**
 * Package installs from sources that are not a registry: the package argument itself names where the code
 * comes from (a tarball URL, a git URL, a GitHub shorthand), or the command turns off the Go module proxy or
 * its checksum database. Read from the shell parse (src/predicates/shell.ts), for every package manager the
 * same way: find the install sub-command, then judge every package operand.
 *
 * - npm/pnpm/yarn/bun install|i|add|update and npx/pnpx/bunx/yarn dlx/pnpm dlx: `https://…/x.tgz`,
 *   `git+https://…`, `git://…`, `git@host:owner/repo`, `github:owner/repo`, `gitlab:`, `bitbucket:`,
 *   `gist:`, `owner/repo` (npm reads it as GitHub), `name@<any of these>`;
 * - pip/pip3/python -m pip/uv pip/pipx install: `https://…/x.tar.gz`, `git+…`, `name @ url`, `-e git+…`;
 * - cargo install `--git URL`, `--registry NAME`, `--index URL`; gem `sources -a|--add URL`, gem install
 *   `--source|--clear-sources`;
 * - Go: GOFLAGS with -insecure, GOINSECURE, GONOSUMDB, GONOSUMCHECK, GONOPROXY, GOPRIVATE, GOSUMDB=off (as
 *   variables, `export`, `go env -w`, or `go get -insecure`).
 *
 * Returned destinations are checked by the caller against AllowedPackageRegistries
 * (src/predicates/registry.ts `checkRegistryValue`).
 */
import { allStages, commandBase, commandIndex, parseShell, type Word } from './shell';

export interface InstallSource {
  /** How the source is written, without its value: `npm install <url>`, `pip install git+…`, `cargo install --git`. */
  via: string;
  /** The destination as a URL-ish string (`https://github.com/owner/repo`), or undefined for a Go bypass. */
  value?: string;
  /** For Go bypasses: what is turned off. */
  bypass?: string;
}

const NPM_INSTALL = new Set(['install', 'i', 'add', 'isntall', 'in', 'ins', 'inst', 'insta', 'instal', 'isnt', 'isnta', 'isntal', 'update', 'up', 'upgrade', 'udpate', 'dlx', 'exec', 'x', 'create', 'init']);
const NODE_TOOLS = new Set(['npm', 'pnpm', 'yarn', 'bun', 'cnpm']);
const NODE_RUNNERS = new Set(['npx', 'pnpx', 'bunx']);

/** A package spec that names its own source, as a URL-ish destination; undefined for a registry name. */
export function nodeSpecSource(spec: string): string | undefined {
  let s = spec.trim();
  if (s === '' || s.startsWith('-')) return undefined;
  // name@<source> (but not @scope/name or name@1.2.3 / name@latest / alias@npm:name)
  const at = /^((?:@[^/@\s]+\/)?[^@/\s]+)@(.+)$/.exec(s);
  if (at && /^(?:[a-z][a-z0-9+.-]*:|git@|[^/\s:]+\/[^/\s]+$)/i.test(at[2]) && !/^npm:/i.test(at[2])) s = at[2];
  else if (at) return undefined;
  if (/^npm:/i.test(s) || /^file:|^link:|^workspace:|^portal:|^patch:|^\.{0,2}\/|^~\//i.test(s)) return undefined;
  return normaliseSource(s);
}

/** Any URL-ish source (URL, git URL, scp-like, hosted shorthand) → a comparable URL; undefined otherwise. */
function normaliseSource(s: string): string | undefined {
  const host = /^(github|gitlab|bitbucket|gist):(.+)$/i.exec(s);
  if (host) {
    const domain = { github: 'github.com', gitlab: 'gitlab.com', bitbucket: 'bitbucket.org', gist: 'gist.github.com' }[host[1].toLowerCase() as 'github'];
    return `https://${domain}/${host[2].replace(/^\/+/, '')}`;
  }
  const scp = /^(?:git\+)?(?:ssh:\/\/)?[^@\s/]+@([^:/\s]+)[:/](.+)$/.exec(s);
  if (scp && !/^[a-z][a-z0-9+.-]*:\/\/[^@]*$/i.test(s)) return `https://${scp[1]}/${scp[2]}`;
  const url = /^(?:git\+)?([a-z][a-z0-9+.-]*):\/\/(.+)$/i.exec(s);
  if (url) return `${url[1].toLowerCase() === 'git' ? 'git' : url[1].toLowerCase()}://${url[2]}`;
  // owner/repo shorthand (npm: GitHub), optionally #ref
  if (/^[A-Za-z0-9][\w.-]*\/[\w.-]+(?:#\S*)?$/.test(s) && !s.startsWith('@')) return `https://github.com/${s}`;
  return undefined;
}

function pipSpecSource(spec: string): string | undefined {
  const s = spec.trim();
  if (/^(?:git\+|hg\+|svn\+|bzr\+)/i.test(s) || /^(?:https?|ftp):\/\//i.test(s)) return normaliseSource(s.replace(/^(?:hg|svn|bzr)\+/i, ''));
  const direct = /^[A-Za-z0-9_.\-[\],]+\s*@\s*(\S+)$/.exec(s);
  if (direct) return normaliseSource(direct[1]);
  return undefined;
}

const PIP = /^(?:pip|pip3|pip3?\.\d+|pipx)$/;
const GO_BYPASS_VARS = /^(?:GOINSECURE|GONOSUMDB|GONOSUMCHECK|GONOPROXY|GOPRIVATE|GOFLAGS|GOSUMDB)$/i;

/** Does this Go variable assignment turn off the proxy or the checksum database? Returns what, or undefined. */
export function goBypass(name: string, value: string): string | undefined {
  if (!GO_BYPASS_VARS.test(name)) return undefined;
  const n = name.toUpperCase();
  const v = value.trim().replace(/^["']|["']$/g, '');
  if (n === 'GOFLAGS') return /(?:^|\s)-insecure\b/.test(v) ? 'GOFLAGS=-insecure (module downloads without TLS verification)' : undefined;
  if (n === 'GOSUMDB') return /^off$/i.test(v) ? 'GOSUMDB=off (no checksum verification)' : undefined;
  if (v === '') return undefined;
  if (n === 'GOINSECURE') return 'GOINSECURE (module downloads without TLS verification)';
  return `${n} (modules fetched straight from their source repositories, bypassing GOPROXY and the checksum database)`;
}

function nonOptions(args: readonly Word[], valueOpts: RegExp): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const t = args[i].text;
    if (t === '--') {
      out.push(...args.slice(i + 1).map((w) => w.text));
      break;
    }
    if (t.startsWith('-')) {
      if (valueOpts.test(t)) i++;
      continue;
    }
    out.push(t);
  }
  return out;
}

const memo = new Map<string, InstallSource[]>();
const TRIGGER = /npm|pnpm|yarn|bun|npx|pip|uv|cargo|gem|GO[A-Z]+=|go\s|-insecure/i;

/** Non-registry install sources in one command text (memoised per text). */
export function installSources(command: string): InstallSource[] {
  let hit = memo.get(command);
  if (hit !== undefined) return hit;
  hit = TRIGGER.test(command) ? scan(command) : [];
  if (memo.size >= 4096) memo.clear();
  memo.set(command, hit);
  return hit;
}

function scan(command: string): InstallSource[] {
  const out: InstallSource[] = [];
  for (const st of allStages(parseShell(command))) {
    const words = st.words;
    // Go bypass variables: prefixes, export/env/declare, go env -w
    for (const w of words) {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(w.text);
      if (!m) continue;
      const b = goBypass(m[1], m[2]);
      if (b !== undefined) out.push({ via: `${m[1].toUpperCase()}=`, bypass: b });
    }
    const at = commandIndex(words);
    if (at === -1) continue;
    const tool = commandBase(words[at].text);
    const args = words.slice(at + 1);
    const sub = args.find((w) => !w.text.startsWith('-'))?.text.toLowerCase();
    if (NODE_TOOLS.has(tool) && sub !== undefined && NPM_INSTALL.has(sub)) {
      const subAt = args.findIndex((w) => w.text.toLowerCase() === sub);
      for (const spec of nonOptions(args.slice(subAt + 1), /^(?:--registry|--prefix|-C|--dir|--filter|--workspace|-w|--cache|--userconfig|--tag|--cwd|--modules-folder)$/)) {
        const src = nodeSpecSource(spec);
        if (src !== undefined) out.push({ via: `${tool} ${sub} <package from a URL, git or GitHub source>`, value: src });
      }
    } else if (NODE_RUNNERS.has(tool)) {
      const first = nonOptions(args, /^(?:-p|--package|-c|--call)$/)[0];
      const pkgOpts = args.flatMap((w, i) => (w.text === '-p' || w.text === '--package' ? [args[i + 1]?.text ?? ''] : w.text.startsWith('--package=') ? [w.text.slice(10)] : []));
      for (const spec of [...pkgOpts, ...(first !== undefined ? [first] : [])]) {
        const src = nodeSpecSource(spec);
        if (src !== undefined) out.push({ via: `${tool} <package from a URL, git or GitHub source>`, value: src });
      }
    }
    const isPip = PIP.test(tool) || (/^python[0-9.]*$/.test(tool) && args[0]?.text === '-m' && /^pip/.test(args[1]?.text ?? '')) || (tool === 'uv' && args[0]?.text === 'pip');
    if (isPip) {
      const installAt = args.findIndex((w) => w.text === 'install' || w.text === 'download' || w.text === 'wheel' || w.text === 'inject');
      if (installAt !== -1) {
        const rest = args.slice(installAt + 1);
        const texts = nonOptions(rest, /^(?:-i|--index-url|--extra-index-url|-f|--find-links|-c|--constraint|-r|--requirement|--target|-t|--prefix|--root|--python|--trusted-host|--platform|--src|--cache-dir|--timeout)$/);
        // `-e git+…` (editable) has its spec as the option's value
        rest.forEach((w, i) => {
          if ((w.text === '-e' || w.text === '--editable') && rest[i + 1]) texts.push(rest[i + 1].text);
          else if (w.text.startsWith('--editable=')) texts.push(w.text.slice(11));
        });
        // `name @ url` arrives as three words
        for (let i = 0; i + 2 < texts.length; i++) if (texts[i + 1] === '@') texts.push(`${texts[i]} @ ${texts[i + 2]}`);
        for (const spec of texts) {
          const src = pipSpecSource(spec);
          if (src !== undefined) out.push({ via: `${tool === 'uv' ? 'uv pip' : tool} install <package from a URL or VCS source>`, value: src });
        }
        if (rest.some((w) => w.text === '--trusted-host' || w.text.startsWith('--trusted-host='))) out.push({ via: 'pip --trusted-host', bypass: '--trusted-host (installs without TLS verification)' });
      }
    }
    if (tool === 'cargo' && sub === 'install') {
      args.forEach((w, i) => {
        const m = /^--(git|registry|index)(?:=(.*))?$/.exec(w.text);
        if (!m) return;
        const v = m[2] ?? args[i + 1]?.text;
        if (v === undefined) return;
        out.push({ via: `cargo install --${m[1]}`, value: m[1] === 'registry' ? `registry:${v}` : (normaliseSource(v) ?? v) });
      });
    }
    if (tool === 'gem' && sub === 'sources') {
      args.forEach((w, i) => {
        if (w.text === '-a' && args[i + 1]) // --add is read by commandRedirects (src/predicates/registry.ts)
           out.push({ via: `gem sources ${w.text}`, value: args[i + 1].text });
      });
    }
    if (tool === 'go' && (sub === 'get' || sub === 'install') && args.some((w) => w.text === '-insecure')) out.push({ via: `go ${sub} -insecure`, bypass: '-insecure (module downloads without TLS verification)' });
  }
  return out;
}
