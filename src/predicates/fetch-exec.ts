/**
 * Fetch-and-execute in build commands, read from the shell parse (src/predicates/shell.ts), not from
 * example texts:
 *
 * - a download piped into any interpreter that reads its program from stdin (`| sh`, `| python3`,
 *   `| node`, `| perl`, `| ruby`, `| php`, `| pwsh`, `| iex`, `| sudo -E bash -s -- …`);
 * - a download handed to an interpreter as its program: `bash -c "$(curl …)"`, `python3 -c "$(wget -O- …)"`,
 *   `eval "$(curl …)"`, `source <(curl …)`, `sh <(wget -O- …)`, `bash < <(curl …)`, `sh <<< "$(curl …)"`,
 *   `deno run https://…`, PowerShell `iex (iwr …)` / `Invoke-Expression (…DownloadString(…))`;
 * - across commands and phases: a download saved to a file (`curl -o f`, `curl -O url`, `wget url`,
 *   `wget -O f`, `curl … > f`, `… | tee f`, `iwr -OutFile f`) that a later command runs (`./f`, `sh f`,
 *   `python3 f`, `. f`, `cat f | bash`, `bash < f`, a binary saved into a `bin` directory and run by name)
 *   without a verification in between (`sha256sum -c`, `shasum -c`, `gpg --verify`, `gpgv`, `cosign verify*`,
 *   `minisign -V`, a `[ … ]` test over a hash) whose failure stops the build (`|| true` does not count).
 *
 * Events are computed per command text and memoised; the buildspec-level pass only replays them.
 */
import { allStages, commandBase, commandIndex, parseShell, type Script, type Stage, type Word } from './shell';

const DOWNLOADERS = new Set(['curl', 'wget', 'fetch', 'iwr', 'irm', 'invoke-webrequest', 'invoke-restmethod', 'aria2c', 'http', 'https', 'xh', 'lwp-download', 'lwp-request', 'get', 'wget2', 'curlie', 'httpie']);
/** PowerShell download primitives (method calls and cmdlets), matched in PowerShell code text. */
const PS_DOWNLOAD = /downloadstring|downloadfile|downloaddata|invoke-webrequest|invoke-restmethod|\biwr\b|\birm\b|\bcurl\b|\bwget\b|net\.webclient|start-bitstransfer/i;
const PS_EXEC = /\biex\b|invoke-expression|\[scriptblock\]::create|invoke-command/i;

type Kind = 'shell' | 'python' | 'node' | 'deno' | 'perl' | 'ruby' | 'php' | 'pwsh' | 'lua' | 'r' | 'iex' | 'source' | 'tcl';

const INTERPRETERS: ReadonlyMap<string, Kind> = new Map<string, Kind>([
  ...['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'fish', 'csh', 'tcsh', 'yash', 'busybox'].map((n) => [n, 'shell'] as [string, Kind]),
  ...['node', 'nodejs'].map((n) => [n, 'node'] as [string, Kind]),
  ['deno', 'deno'],
  ['bun', 'deno'],
  ['perl', 'perl'],
  ['ruby', 'ruby'],
  ['jruby', 'ruby'],
  ['php', 'php'],
  ['pwsh', 'pwsh'],
  ['powershell', 'pwsh'],
  ['lua', 'lua'],
  ['luajit', 'lua'],
  ['rscript', 'r'],
  ['tclsh', 'tcl'],
  ['iex', 'iex'],
  ['invoke-expression', 'iex'],
  ['source', 'source'],
  ['.', 'source'],
]);

function interpreterKind(name: string): Kind | undefined {
  const k = INTERPRETERS.get(name);
  if (k !== undefined) return k;
  if (/^(?:python|pypy)(?:\d+(?:\.\d+)*)?$/.test(name)) return 'python';
  if (/^perl\d/.test(name)) return 'perl';
  if (/^php\d/.test(name)) return 'php';
  if (/^(?:ba|z|k)?sh\d/.test(name)) return 'shell';
  return undefined;
}

/** Options whose next word is program text. */
const CODE_OPTS: Record<Kind, RegExp | undefined> = {
  shell: /^-[a-z]*c[a-z]*$/i, // -c, -ec, -xc, -lc
  python: /^-c$/,
  node: /^(?:-e|--eval|-p|--print)$/,
  deno: /^(?:eval)$/,
  perl: /^-[a-zA-Z]*[eE]$/,
  ruby: /^-[a-zA-Z]*e$/,
  php: /^-r$/,
  pwsh: /^-(?:c|command|ec|enc|encodedcommand|e)$/i,
  lua: /^-e$/,
  r: /^-e$/,
  tcl: undefined,
  iex: undefined,
  source: undefined,
};
/** Options that take a value that is not the program. */
const ARG_OPTS: Record<Kind, RegExp | undefined> = {
  shell: /^(?:[-+]o|[-+]O|--rcfile|--init-file)$/,
  python: /^-[WXQ]$/,
  node: /^(?:-r|--require|--import|--loader|--experimental-loader|--input-type|--conditions|-C)$/,
  deno: /^(?:--allow-[a-z-]+|--config|-c|--import-map|--lock)$/,
  perl: /^-[IMm]$/,
  ruby: /^-[Ir]$/,
  php: /^-[dcz]$/,
  pwsh: /^-(?:executionpolicy|ex|ep|workingdirectory|wd|configurationname|outputformat|of|inputformat|if|windowstyle|w|settingsfile)$/i,
  lua: /^-[l]$/,
  r: undefined,
  tcl: undefined,
  iex: undefined,
  source: undefined,
};

const STDIN_OPERANDS = new Set(['-', '/dev/stdin', '/dev/fd/0', '/proc/self/fd/0']);

/** How an interpreter stage gets its program. */
interface Program {
  kind: Kind;
  name: string;
  /** Reads the program from stdin. */
  stdin: boolean;
  /** The program text word (`-c` code, `eval` words joined), if given inline. */
  code?: Word[];
  /** The program operand (a file path, `<(…)`, a URL). */
  operand?: Word;
}

function program(words: readonly Word[], start: number): Program | undefined {
  const name = commandBase(words[start].text);
  const kind = interpreterKind(name);
  if (kind === undefined) return undefined;
  const args = words.slice(start + 1);
  if (kind === 'iex') return { kind, name, stdin: args.length === 0, code: args };
  if (kind === 'source') return { kind, name, stdin: args.length === 0, operand: args[0] };
  let i = 0;
  if (kind === 'deno' && args[0] !== undefined && ['run', 'x', 'eval', 'exec'].includes(args[0].text)) {
    if (args[0].text === 'eval') return { kind, name, stdin: false, code: args.slice(1).filter((w) => !w.text.startsWith('-')).slice(0, 1) };
    i = 1;
  }
  let stdin = false;
  for (; i < args.length; i++) {
    const t = args[i].text;
    if (t === '--') {
      i++;
      break;
    }
    if (STDIN_OPERANDS.has(t) && !(kind === 'pwsh')) return { kind, name, stdin: true };
    if (!t.startsWith('-') && !(kind === 'shell' && t.startsWith('+'))) break;
    if (kind === 'python' && t === '-m') return { kind, name, stdin: false, operand: args[i + 1] };
    if (kind === 'pwsh' && /^-(?:f|file)$/i.test(t)) {
      const op = args[i + 1];
      return op === undefined || STDIN_OPERANDS.has(op.text) ? { kind, name, stdin: true } : { kind, name, stdin: false, operand: op };
    }
    const codeOpt = CODE_OPTS[kind];
    if (codeOpt !== undefined && codeOpt.test(t)) {
      const code = args[i + 1];
      if (code === undefined) return { kind, name, stdin: false };
      if (kind === 'pwsh' && code.text === '-') return { kind, name, stdin: true };
      return { kind, name, stdin: false, code: kind === 'pwsh' ? args.slice(i + 1) : [code] };
    }
    if (kind === 'shell' && /^-[a-z]*s[a-z]*$/i.test(t)) stdin = true;
    const argOpt = ARG_OPTS[kind];
    if (argOpt !== undefined && argOpt.test(t)) i++;
  }
  if (stdin) return { kind, name, stdin: true };
  const operand = args[i];
  if (operand === undefined) return { kind, name, stdin: true };
  if (STDIN_OPERANDS.has(operand.text)) return { kind, name, stdin: true };
  return { kind, name, stdin: false, operand };
}

export type ExecEvent =
  /** A download saved to a file (`file` is its basename, lower-cased; `bin` when saved into a bin directory). */
  | { kind: 'download'; file: string; bin: boolean }
  /** A verification step; `names` are the words it mentions (a verification naming no pending file covers all). */
  | { kind: 'verify'; names: string[] }
  /** A local file run as a program; `bare` when run by name only (found through PATH). */
  | { kind: 'exec'; file: string; bare: boolean; how: string }
  /** A download run directly (no file in between). */
  | { kind: 'fetch-exec'; how: string };

function scriptDownloads(script: Script): boolean {
  return allStages(script).some((st) => isDownloaderStage(st));
}

function wordDownloads(w: Word): boolean {
  return w.subs.some(scriptDownloads) || (PS_DOWNLOAD.test(w.text) && /downloadstring|downloaddata|webclient|\(\s*(?:iwr|irm|invoke-webrequest|invoke-restmethod|curl|wget)\b/i.test(w.text));
}

function isDownloaderStage(st: Stage): boolean {
  if (st.group) return scriptDownloads(st.group);
  const at = commandIndex(st.words);
  if (at === -1) return false;
  const name = commandBase(st.words[at].text);
  if (DOWNLOADERS.has(name)) return true;
  // `(New-Object Net.WebClient).DownloadString(…)` as a PowerShell statement
  return /downloadstring|downloaddata|downloadfile/i.test(st.words[at].text);
}

function basename(path: string): string {
  return path.replace(/[?#].*$/, '').replace(/\/+$/, '').replace(/^.*[/\\]/, '').toLowerCase();
}

function looksLikeUrl(t: string): boolean {
  return /^(?:https?|ftps?):\/\//i.test(t);
}

/** Files a downloader stage writes (basename and whether the directory is a bin directory). */
function downloadTargets(st: Stage): Array<{ file: string; bin: boolean }> {
  const at = commandIndex(st.words);
  if (at === -1) return [];
  const name = commandBase(st.words[at].text);
  const args = st.words.slice(at + 1).map((w) => w.text);
  const out: Array<{ file: string; bin: boolean }> = [];
  const add = (p: string | undefined) => {
    if (p === undefined || p === '' || p === '-' || p.startsWith('/dev/')) return;
    const file = basename(p);
    if (file !== '' && !file.includes('$')) out.push({ file, bin: /(?:^|\/)s?bin\//.test(p) });
  };
  const urls = args.filter(looksLikeUrl);
  if (name === 'curl' || name === 'curlie') {
    let remoteName = false;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '--output' || a === '-o') add(args[++i]);
      else if (a.startsWith('--output=')) add(a.slice(9));
      else if (a === '--remote-name' || a === '--remote-name-all') remoteName = true;
      else if (/^-[A-Za-z]+$/.test(a)) {
        if (a.endsWith('o')) add(args[++i]);
        else if (a.includes('O')) remoteName = true;
      } else if (/^-o./.test(a)) add(a.slice(2));
    }
    if (remoteName) urls.forEach(add);
  } else if (name === 'wget' || name === 'wget2') {
    let named = false;
    let stdout = false;
    let dir = '';
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '-O' || a === '--output-document' || (/^-[A-Za-z]+$/.test(a) && a.endsWith('O'))) {
        const t = args[++i];
        named = true;
        if (t === '-') stdout = true;
        else add(t);
      } else if (a.startsWith('--output-document=')) {
        named = true;
        const t = a.slice(18);
        if (t === '-') stdout = true;
        else add(t);
      } else if (/^-[A-Za-z]*O-$/.test(a)) {
        named = true;
        stdout = true;
      } else if (/^-[A-Za-z]*O./.test(a)) {
        named = true;
        add(a.slice(a.indexOf('O') + 1));
      } else if (a === '-P' || a === '--directory-prefix') dir = args[++i] ?? '';
    }
    if (!named && !stdout) urls.forEach((u) => add(`${dir}/${basename(u)}`));
  } else if (name === 'aria2c') {
    const o = args.indexOf('-o');
    if (o !== -1) add(args[o + 1]);
    else urls.forEach(add);
  } else if (['iwr', 'invoke-webrequest', 'irm', 'invoke-restmethod'].includes(name)) {
    const o = args.findIndex((a) => /^-outfile$/i.test(a));
    if (o !== -1) add(args[o + 1]);
  } else if (name === 'fetch') {
    const o = args.indexOf('-o');
    if (o !== -1) add(args[o + 1]);
  }
  for (const r of st.redirects) if (/^\d*>>?$|^&>$|^>\|$/.test(r.op) && !r.op.startsWith('2')) add(r.target.text);
  return out;
}

const HASHERS = /^(?:sha(?:1|224|256|384|512)sum|shasum|b2sum|b3sum|sha256|sha512|cksum)$/;

function isVerifierStage(st: Stage): boolean {
  const at = commandIndex(st.words);
  if (at === -1) return false;
  const name = commandBase(st.words[at].text);
  const args = st.words.slice(at + 1).map((w) => w.text);
  if (HASHERS.test(name)) return args.some((a) => a === '-c' || a === '--check' || /^-[a-z]*c$/.test(a) || a === '--check=1');
  if (name === 'gpgv' || name === 'gpgv2') return true;
  if (name === 'gpg' || name === 'gpg2') return args.includes('--verify');
  if (name === 'cosign' || name === 'sigstore') return args.some((a) => /^verify/.test(a));
  if (name === 'minisign' || name === 'signify') return args.includes('-V');
  if (name === 'openssl') return args.some((a) => a === '-verify' || a === 'verify');
  if (name === 'slsa-verifier' || name === 'gh' && args[0] === 'attestation') return true;
  if (name === '[' || name === '[[' || name === 'test') return st.words.some((w) => w.subs.some((s) => allStages(s).some((x) => { const i = commandIndex(x.words); return i !== -1 && (HASHERS.test(commandBase(x.words[i].text)) || /^(?:openssl|get-filehash)$/.test(commandBase(x.words[i].text))); })));
  return false;
}

/** `|| true`, `|| echo …`: a failing verification does not stop the build (`|| exit 1` / `|| false` does). */
function failureIgnored(script: Script, index: number): boolean {
  if (script.pipelines[index].next !== '||') return false;
  const following = script.pipelines[index + 1];
  const st = following?.stages[0];
  if (st === undefined) return false;
  const at = commandIndex(st.words);
  const name = at === -1 ? '' : commandBase(st.words[at].text);
  return !['exit', 'false', 'return', 'kill', 'abort', 'throw'].includes(name);
}

function allWordsText(st: Stage, out: string[]): void {
  for (const w of st.words) {
    out.push(w.text);
    for (const s of w.subs) for (const x of allStages(s)) allWordsText(x, out);
  }
  for (const r of st.redirects) out.push(r.target.text);
  if (st.group) for (const x of allStages(st.group)) allWordsText(x, out);
}

const CAT = new Set(['cat', 'type', 'get-content', 'gc', 'more', 'less', 'tac', 'head', 'tail', 'dd', 'base64', 'gunzip', 'zcat', 'xxd']);

function describe(p: Program): string {
  return p.name === '.' ? 'source (.)' : p.name;
}

function analyse(script: Script, out: ExecEvent[], depth: number): void {
  for (let k = 0; k < script.pipelines.length; k++) {
    const pipe = script.pipelines[k];
    let downloadUpstream = false;
    const catFiles: string[] = [];
    let verifier = false;
    for (const st of pipe.stages) {
      // substitutions and groups run first (their own fetch-exec and files)
      for (const w of st.words) for (const sub of w.subs) analyse(sub, out, depth + 1);
      for (const r of st.redirects) for (const sub of r.target.subs) analyse(sub, out, depth + 1);
      if (st.group) analyse(st.group, out, depth + 1);
      if (isVerifierStage(st)) verifier = true;

      const at = commandIndex(st.words);
      const prog = at === -1 ? undefined : program(st.words, at);
      if (prog !== undefined) {
        const who = describe(prog);
        let stdinFromDownload = downloadUpstream;
        let stdinFile: string | undefined;
        for (const r of st.redirects) {
          if (r.op === '<' || r.op === '<<<' || /^0?<$/.test(r.op)) {
            if (r.target.procSub || r.op === '<<<') stdinFromDownload = stdinFromDownload || r.target.subs.some(scriptDownloads);
            else stdinFile = basename(r.target.text);
          }
        }
        if (prog.stdin && stdinFromDownload) out.push({ kind: 'fetch-exec', how: `pipes a download into ${who}` });
        if (prog.stdin) for (const f of catFiles) out.push({ kind: 'exec', file: f, bare: false, how: `feeds it to ${who}` });
        if (prog.stdin && stdinFile !== undefined) out.push({ kind: 'exec', file: stdinFile, bare: false, how: `feeds it to ${who}` });
        if (prog.code !== undefined) {
          if (prog.code.some(wordDownloads)) out.push({ kind: 'fetch-exec', how: `runs a download as ${who} code` });
          else if ((prog.kind === 'shell' || prog.kind === 'iex') && depth < 4 && prog.code.length > 0 && prog.code.every((w) => w.subs.length === 0)) {
            analyse(parseShell(prog.code.map((w) => w.text).join(' ')), out, depth + 1);
          }
          if ((prog.kind === 'pwsh' || prog.kind === 'iex') && prog.code.some((w) => PS_DOWNLOAD.test(w.text)) && (prog.kind === 'iex' || prog.code.some((w) => PS_EXEC.test(w.text)))) {
            out.push({ kind: 'fetch-exec', how: `runs a download as ${who} code` });
          }
        }
        if (prog.operand !== undefined) {
          const op = prog.operand;
          if (op.procSub && op.subs.some(scriptDownloads)) out.push({ kind: 'fetch-exec', how: `runs a download through process substitution with ${who}` });
          else if (looksLikeUrl(op.text)) out.push({ kind: 'fetch-exec', how: `runs a remote script with ${who}` });
          else if (!op.procSub && op.text !== '') out.push({ kind: 'exec', file: basename(op.text), bare: false, how: `runs it with ${who}` });
        }
      } else if (at !== -1) {
        const name = commandBase(st.words[at].text);
        const cmd = st.words[at].text;
        if (name === 'eval') {
          const rest = st.words.slice(at + 1);
          if (rest.some(wordDownloads)) out.push({ kind: 'fetch-exec', how: 'evaluates a download with eval' });
          else if (depth < 4 && rest.length > 0) analyse(parseShell(rest.map((w) => w.text).join(' ')), out, depth + 1);
        } else if (CAT.has(name)) {
          for (const w of st.words.slice(at + 1)) if (!w.text.startsWith('-') && w.text !== '') catFiles.push(basename(w.text));
        } else if (!DOWNLOADERS.has(name) && name !== '' && !/^(?:chmod|chown|mv|cp|ln|install|rm|ls|file|stat|test|\[|echo|printf|mkdir|cd|tar|unzip|gzip)$/.test(name)) {
          if (/[/\\]/.test(cmd)) out.push({ kind: 'exec', file: basename(cmd), bare: false, how: 'runs it' });
          else out.push({ kind: 'exec', file: name, bare: true, how: 'runs it' });
        }
        // PowerShell statements: iex/Invoke-Expression over a download primitive in the same statement
        const text = st.words.map((w) => w.text).join(' ');
        if (PS_EXEC.test(text) && PS_DOWNLOAD.test(text)) out.push({ kind: 'fetch-exec', how: 'runs a download with Invoke-Expression' });
      }
      if (prog === undefined && st.words.some(wordDownloads)) downloadUpstream = true; // echo "$(curl …)" | sh
      if (isDownloaderStage(st)) {
        downloadUpstream = true;
        for (const t of downloadTargets(st)) out.push({ kind: 'download', file: t.file, bin: t.bin });
      } else if (downloadUpstream && at !== -1 && commandBase(st.words[at].text) === 'tee') {
        for (const w of st.words.slice(at + 1)) if (!w.text.startsWith('-')) out.push({ kind: 'download', file: basename(w.text), bin: /(?:^|\/)s?bin\//.test(w.text) });
      }
    }
    if (verifier && !failureIgnored(script, k)) {
      const names: string[] = [];
      for (const st of pipe.stages) allWordsText(st, names);
      out.push({ kind: 'verify', names: names.map((n) => basename(n)).filter((n) => n !== '') });
    }
  }
}

const eventsMemo = new Map<string, ExecEvent[]>();

/** The fetch/verify/exec events of one command text, in execution order (memoised per text). */
export function execEvents(command: string): ExecEvent[] {
  let hit = eventsMemo.get(command);
  if (hit === undefined) {
    hit = [];
    // Cheap pre-filter: a command that can neither download nor run a saved file produces no events
    // other than exec events, which only matter after a download. Keep exec events for every command.
    analyse(parseShell(command), hit, 0);
    if (eventsMemo.size >= 4096) eventsMemo.clear();
    eventsMemo.set(command, hit);
  }
  return hit;
}

export interface FetchExecHit {
  /** Index into the commands given. */
  index: number;
  how: string;
  /** The command index where the file was downloaded (cross-command hits). */
  downloadedAt?: number;
}

/**
 * Fetch-and-execute across an ordered list of commands (the buildspec's phases in run order): direct hits
 * and files downloaded by one command and run by a later one without a verification in between.
 */
export function fetchAndExecute(commands: readonly string[]): FetchExecHit[] {
  const hits: FetchExecHit[] = [];
  const pending = new Map<string, { at: number; bin: boolean }>();
  commands.forEach((text, index) => {
    for (const e of execEvents(text)) {
      if (e.kind === 'fetch-exec') hits.push({ index, how: e.how });
      else if (e.kind === 'download') pending.set(e.file, { at: index, bin: e.bin });
      else if (e.kind === 'verify') {
        const named = [...pending.keys()].filter((f) => e.names.some((n) => n === f || n.startsWith(`${f}.`)));
        if (named.length === 0) pending.clear();
        else for (const f of named) pending.delete(f);
      } else if (e.kind === 'exec') {
        const p = pending.get(e.file);
        if (p !== undefined && (!e.bare || p.bin)) hits.push({ index, how: `runs a downloaded file unverified (${e.how})`, downloadedAt: p.at });
      }
    }
  });
  return hits;
}

/** One command on its own: does it fetch and execute? (the single-command form of `fetchAndExecute`). */
export function fetchesAndExecutes(command: string): boolean {
  return fetchAndExecute([command]).length > 0;
}
