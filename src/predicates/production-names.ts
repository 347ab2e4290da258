/**
 * Does a name (a CodePipeline stage, a CodeDeploy deployment group) say "production"? The patterns come
 * from `ProductionStageNames`, in two forms:
 *
 * - an entry with `*` or `?` is a case-insensitive glob over the whole name (`Prod*`, `*-live`), exactly
 *   as before: platforms that configured globs keep their behaviour;
 * - an entry without wildcards is a WORD pattern (the default: `prod`, `production`, `prd`, `live`): it
 *   matches when its words occur, in order and next to each other, among the words of the name.
 *
 * Words are split at separators (anything but letters and digits: `-`, `_`, `.`, space, `/`…), at
 * camel-case boundaries (`DeployProd` → deploy, prod; `ProdEU` → prod, eu; `PRODDeploy` → prod, deploy)
 * and between letters and digits (`prod2` → prod, 2). A match right after a negating qualifier word
 * (`non`, `pre`, `not`, `no`: `NonProd`, `Pre-Prod`, `not_prod`) or right before `like` (`ProdLike`) does not
 * count. So `Prod`, `prod-eu`, `Deploy_Prod`, `DeployProd`, `ProdEU`, `PRODUCTION`, `prd1` are production;
 * `NonProd`, `PreProd`, `ProductCatalogDev`, `Products`, `Reproduce`, `nonprod`, `preprod` are not. A name
 * written as one lower-case run (`prodeu`, `deployprod`) has one word and is not recognised: production
 * accounts (`ProductionAccountIds`) are the authoritative signal, names a convenience.
 *
 * No regular expression is built from configuration; compiled patterns are memoised per settings list.
 */
import { globMatch } from './glob';

/** Qualifiers that, right before a production word, say it is not production (`NonProd`, `PreProd`). */
const NEGATING_BEFORE = new Set(['non', 'pre', 'not', 'no']);
/** A qualifier that, right after a production word, says it only resembles production (`ProdLike`). */
const NEGATING_AFTER = new Set(['like']);

const SEPARATORS = /[^\p{L}\p{N}]+/u;

/** Splits one separator-free token at camel-case and letter/digit boundaries. */
function splitToken(token: string, out: string[]): void {
  let start = 0;
  for (let i = 1; i < token.length; i++) {
    const prev = token[i - 1];
    const cur = token[i];
    const next = i + 1 < token.length ? token[i + 1] : '';
    const prevLower = isLower(prev);
    const prevUpper = isUpper(prev);
    const curUpper = isUpper(cur);
    const boundary =
      (prevLower && curUpper) || // deployProd
      (prevUpper && curUpper && next !== '' && isLower(next)) || // PRODDeploy: the D of Deploy starts a word
      (isDigit(prev) !== isDigit(cur)); // prod2, 2prod
    if (boundary) {
      out.push(token.slice(start, i).toLowerCase());
      start = i;
    }
  }
  out.push(token.slice(start).toLowerCase());
}

const isDigit = (c: string) => c >= '0' && c <= '9';
const isLower = (c: string) => c !== c.toUpperCase() && c === c.toLowerCase();
const isUpper = (c: string) => c !== c.toLowerCase() && c === c.toUpperCase();

/** The lower-case words of a name: `Deploy_ProdEU2` → deploy, prod, eu, 2. */
export function nameWords(name: string): string[] {
  const out: string[] = [];
  for (const token of name.split(SEPARATORS)) if (token !== '') splitToken(token, out);
  return out;
}

type Compiled = { glob: string } | { words: string[]; exact: string };

const compiledMemo = new WeakMap<readonly string[], Compiled[]>();

function compile(patterns: readonly string[]): Compiled[] {
  let c = compiledMemo.get(patterns);
  if (c === undefined) {
    c = patterns.map((p): Compiled => (p.includes('*') || p.includes('?') ? { glob: p } : { words: nameWords(p), exact: p.trim().toLowerCase() }));
    compiledMemo.set(patterns, c);
  }
  return c;
}

/** `seq` occurs contiguously in `words`, not negated by a qualifier before or after it. */
function containsWords(words: readonly string[], seq: readonly string[]): boolean {
  const n = seq.length;
  for (let i = 0; i + n <= words.length; i++) {
    let same = true;
    for (let k = 0; k < n && same; k++) same = words[i + k] === seq[k];
    if (!same) continue;
    if (i > 0 && NEGATING_BEFORE.has(words[i - 1]) && !NEGATING_BEFORE.has(seq[0])) continue;
    if (i + n < words.length && NEGATING_AFTER.has(words[i + n])) continue;
    return true;
  }
  return false;
}

/** Words of recently seen names (stage names repeat across actions and requests). */
const wordsCache = new Map<string, string[]>();
const WORDS_CACHE_MAX = 512;

function cachedWords(name: string): string[] {
  let w = wordsCache.get(name);
  if (w === undefined) {
    w = nameWords(name);
    if (wordsCache.size >= WORDS_CACHE_MAX) wordsCache.clear();
    wordsCache.set(name, w);
  }
  return w;
}

/** The pattern of `patterns` that says `name` is production, or undefined. */
export function productionNamePattern(name: string, patterns: readonly string[]): string | undefined {
  const trimmed = name.trim();
  if (trimmed === '') return undefined;
  const compiled = compile(patterns);
  for (let i = 0; i < compiled.length; i++) {
    const p = compiled[i];
    if ('glob' in p) {
      if (globMatch(p.glob, trimmed, { caseInsensitive: true })) return patterns[i];
    } else if (p.words.length === 0) {
      if (trimmed.toLowerCase() === p.exact) return patterns[i];
    } else if (containsWords(cachedWords(trimmed), p.words)) {
      return patterns[i];
    }
  }
  return undefined;
}

export function isProductionName(name: string, patterns: readonly string[]): boolean {
  return productionNamePattern(name, patterns) !== undefined;
}
