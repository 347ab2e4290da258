/**
 * A small POSIX-shell parser for build commands: enough structure for the dangerous-command rules to read a
 * command the way a shell would, instead of matching example texts.
 *
 * A command text becomes a `Script`: a list of pipelines joined by `;`, `&&`, `||`, `&` or newlines; a
 * pipeline is a list of stages joined by `|` / `|&`; a stage is a simple command (words and redirections) or
 * a group (`( … )`, `{ …; }`) holding a nested script. Words are unquoted (`'…'`, `"…"`, `\x`), and every
 * command substitution (`$(…)`, backticks) and process substitution (`<(…)`, `>(…)`) inside a word is parsed
 * recursively and kept on the word, so a rule can ask "does this word's value come from a download?".
 *
 * Not a full shell: no expansion of variables, globs or aliases, here-document bodies are read as commands
 * (which errs on the side of finding more), arithmetic `$((…))` is kept as text. Unbalanced quotes or
 * brackets do not throw: the rest of the text is read as far as it goes (`incomplete` is set).
 */

export interface Word {
  /** The word after quote removal; substitutions appear as their source text. */
  text: string;
  /** Command and process substitutions inside the word, parsed. */
  subs: Script[];
  /** The whole word is a process substitution `<(…)` / `>(…)`. */
  procSub: boolean;
}

export interface Redirect {
  /** `>`, `>>`, `<`, `<<`, `<<<`, `2>`, `&>`, `>&` … (the digits of an fd prefix included). */
  op: string;
  target: Word;
}

export interface Stage {
  words: Word[];
  redirects: Redirect[];
  /** `( … )` or `{ …; }`: the group's script (words are then empty). */
  group?: Script;
}

export interface Pipeline {
  stages: Stage[];
  /** Operator that follows this pipeline (`&&`, `||`, `;`, `&`, newline as `;`, or '' at the end). */
  next: string;
}

export interface Script {
  pipelines: Pipeline[];
  /** The text ended inside a quote, substitution or group. */
  incomplete: boolean;
}

const MAX_DEPTH = 24;

class Parser {
  i = 0;
  incomplete = false;
  constructor(readonly s: string, readonly depth: number) {}

  /** Parse a list until `close` (`)` or `}` as a word) or the end. */
  list(close: string | undefined): Script {
    const pipelines: Pipeline[] = [];
    let stages: Stage[] = [];
    let stage: Stage = { words: [], redirects: [] };
    const endStage = () => {
      if (stage.words.length > 0 || stage.redirects.length > 0 || stage.group) stages.push(stage);
      stage = { words: [], redirects: [] };
    };
    const endPipeline = (next: string) => {
      endStage();
      if (stages.length > 0) pipelines.push({ stages, next });
      else if (pipelines.length > 0 && next !== ';') pipelines[pipelines.length - 1].next = next;
      stages = [];
    };
    const s = this.s;
    while (this.i < s.length) {
      const c = s[this.i];
      if (c === ' ' || c === '\t' || c === '\r') {
        this.i++;
        continue;
      }
      if (c === '\\' && s[this.i + 1] === '\n') {
        this.i += 2;
        continue;
      }
      if (c === '\n') {
        this.i++;
        endPipeline(';');
        continue;
      }
      if (c === '#' ) {
        while (this.i < s.length && s[this.i] !== '\n') this.i++;
        continue;
      }
      if (close === ')' && c === ')') {
        this.i++;
        endPipeline('');
        return { pipelines, incomplete: this.incomplete };
      }
      if (c === ';' || c === '&' || c === '|') {
        const two = s.slice(this.i, this.i + 2);
        if (two === '&&' || two === '||' || two === ';;') {
          this.i += 2;
          endPipeline(two === ';;' ? ';' : two);
        } else if (two === '|&' || c === '|') {
          this.i += c === '|' && two !== '|&' ? 1 : 2;
          endStage();
        } else if (two === '&>') {
          this.i += 2;
          if (s[this.i] === '>') this.i++;
          stage.redirects.push({ op: '&>', target: this.word() });
        } else {
          this.i++;
          endPipeline(c === '&' ? '&' : ';');
        }
        continue;
      }
      if (c === '(' && stage.words.length === 0 && !stage.group) {
        this.i++;
        stage.group = this.nested(')');
        continue;
      }
      // redirections: [n]> [n]>> < << <<< >& <& >|  (but not process substitution <( / >( )
      const redir = /^(\d*)(<<<|<<-?|>>|>\||>&|<&|<>|>|<)/.exec(s.slice(this.i, this.i + 6));
      if (redir && s[this.i + redir[0].length] !== '(' ) {
        // a digit prefix only counts when it starts the word
        this.i += redir[0].length;
        this.skipBlanks();
        stage.redirects.push({ op: redir[0], target: this.word() });
        continue;
      }
      const w = this.word();
      if (stage.words.length === 0 && !stage.group && w.text === '{' && w.subs.length === 0) {
        stage.group = this.nested('}');
        continue;
      }
      if (close === '}' && w.text === '}' && stage.words.length === 0) {
        endPipeline('');
        return { pipelines, incomplete: this.incomplete };
      }
      stage.words.push(w);
    }
    endPipeline('');
    if (close !== undefined) this.incomplete = true;
    return { pipelines, incomplete: this.incomplete };
  }

  skipBlanks(): void {
    while (this.s[this.i] === ' ' || this.s[this.i] === '\t') this.i++;
  }

  nested(close: string): Script {
    if (this.depth >= MAX_DEPTH) {
      this.incomplete = true;
      this.i = this.s.length;
      return { pipelines: [], incomplete: true };
    }
    const p = new Parser(this.s, this.depth + 1);
    p.i = this.i;
    const script = p.list(close);
    this.i = p.i;
    if (p.incomplete) this.incomplete = true;
    return script;
  }

  /** `$(…)` / `<(…)` body: parsed as a script up to the matching `)`. */
  substitution(): Script {
    return this.nested(')');
  }

  backtick(): Script {
    const s = this.s;
    let body = '';
    while (this.i < s.length && s[this.i] !== '`') {
      if (s[this.i] === '\\' && this.i + 1 < s.length) {
        body += s[this.i + 1];
        this.i += 2;
      } else body += s[this.i++];
    }
    if (this.i >= s.length) this.incomplete = true;
    this.i++;
    return this.depth >= MAX_DEPTH ? { pipelines: [], incomplete: true } : new Parser(body, this.depth + 1).list(undefined);
  }

  word(): Word {
    const s = this.s;
    const start = this.i;
    let text = '';
    const subs: Script[] = [];
    let procSub = false;
    if ((s[this.i] === '<' || s[this.i] === '>') && s[this.i + 1] === '(') {
      this.i += 2;
      subs.push(this.substitution());
      procSub = true;
      text = s.slice(start, this.i);
    }
    while (this.i < s.length) {
      const c = s[this.i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ';' || c === '&' || c === '|' || c === ')' || c === '<' || c === '>') break;
      if (c === '(' && text === '' && !procSub) break;
      if (c === '\\') {
        if (s[this.i + 1] === '\n') this.i += 2;
        else {
          text += s[this.i + 1] ?? '';
          this.i += 2;
        }
      } else if (c === "'") {
        const end = s.indexOf("'", this.i + 1);
        if (end === -1) {
          this.incomplete = true;
          text += s.slice(this.i + 1);
          this.i = s.length;
        } else {
          text += s.slice(this.i + 1, end);
          this.i = end + 1;
        }
      } else if (c === '"') {
        this.i++;
        while (this.i < s.length && s[this.i] !== '"') {
          const d = s[this.i];
          if (d === '\\' && '"\\$`\n'.includes(s[this.i + 1] ?? '')) {
            if (s[this.i + 1] !== '\n') text += s[this.i + 1];
            this.i += 2;
          } else if (d === '$' && s[this.i + 1] === '(' && s[this.i + 2] !== '(') {
            const from = this.i;
            this.i += 2;
            subs.push(this.substitution());
            text += s.slice(from, this.i);
          } else if (d === '`') {
            const from = this.i;
            this.i++;
            subs.push(this.backtick());
            text += s.slice(from, this.i);
          } else text += s[this.i++];
        }
        if (this.i >= s.length) this.incomplete = true;
        this.i++;
      } else if (c === '$' && s[this.i + 1] === '(' && s[this.i + 2] !== '(') {
        const from = this.i;
        this.i += 2;
        subs.push(this.substitution());
        text += s.slice(from, this.i);
      } else if (c === '$' && s[this.i + 1] === '(' && s[this.i + 2] === '(') {
        const end = s.indexOf('))', this.i + 3);
        const stop = end === -1 ? s.length : end + 2;
        text += s.slice(this.i, stop);
        this.i = stop;
      } else if (c === '$' && s[this.i + 1] === '{') {
        const end = s.indexOf('}', this.i + 2);
        const stop = end === -1 ? s.length : end + 1;
        text += s.slice(this.i, stop);
        this.i = stop;
      } else if (c === '`') {
        const from = this.i;
        this.i++;
        subs.push(this.backtick());
        text += s.slice(from, this.i);
      } else {
        text += c;
        this.i++;
      }
    }
    if (this.i === start) {
      // a lone character the word loop stops at (e.g. a stray `(`): consume it so parsing advances
      text = s[this.i];
      this.i++;
    }
    return { text, subs, procSub };
  }
}

const memo = new Map<string, Script>();

/** Parse a shell command text (memoised per text). Never throws. */
export function parseShell(text: string): Script {
  let hit = memo.get(text);
  if (hit === undefined) {
    hit = new Parser(text, 0).list(undefined);
    if (memo.size >= 4096) memo.clear();
    memo.set(text, hit);
  }
  return hit;
}

/** Every stage of the script, including those inside groups and substitutions (depth first, in order). */
export function allStages(script: Script, out: Stage[] = []): Stage[] {
  for (const p of script.pipelines) {
    for (const st of p.stages) {
      out.push(st);
      if (st.group) allStages(st.group, out);
      for (const w of st.words) for (const sub of w.subs) allStages(sub, out);
      for (const r of st.redirects) for (const sub of r.target.subs) allStages(sub, out);
    }
  }
  return out;
}

/** Wrappers that run the next word as the command (their options and `VAR=value` words are skipped). */
const WRAPPERS = new Set(['sudo', 'env', 'exec', 'command', 'nohup', 'time', 'doas', 'nice', 'ionice', 'stdbuf', 'timeout', 'setsid', 'builtin', 'xargs', 'unbuffer', 'chronic', 'then', 'do', 'else', 'if', 'elif', 'while', 'until', '!']);
/** Wrapper options that take a value (`sudo -u user`, `timeout -s KILL`, `xargs -I {}`). */
const WRAPPER_ARG_OPTS = /^-(?:u|g|C|h|p|U|r|t|s|k|n|I|L|P|d|a|E|S)$/;

/** Index of the command word of a simple command (after assignments and wrappers), or -1. */
export function commandIndex(words: readonly Word[]): number {
  let i = 0;
  let wrapper = '';
  while (i < words.length) {
    const w = words[i].text;
    if (/^[A-Za-z_][A-Za-z0-9_]*\+?=/.test(w)) {
      i++;
      continue;
    }
    const base = commandBase(w);
    if (wrapper !== '' && w.startsWith('-') && w.length > 1) {
      if (WRAPPER_ARG_OPTS.test(w) && !(wrapper === 'sudo' && w === '-E') && !(wrapper === 'sudo' && w === '-S')) i++;
      i++;
      continue;
    }
    if (wrapper === 'timeout' && /^\d+(?:\.\d+)?[smhd]?$/.test(w)) {
      i++;
      continue;
    }
    if (WRAPPERS.has(base)) {
      wrapper = base;
      i++;
      continue;
    }
    return i;
  }
  return -1;
}

/** Lower-case basename of a command word without `.exe`: `/usr/bin/Python3.exe` → `python3`. */
export function commandBase(word: string): string {
  return word.replace(/^.*[/\\]/, '').toLowerCase().replace(/\.exe$/, '');
}
