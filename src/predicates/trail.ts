/**
 * What a CloudTrail trail records, from its EventSelectors or AdvancedEventSelectors (a trail has one or the
 * other; neither means every management event, reads and writes). Used to tell whether an update to a
 * protected trail stops recording something it recorded.
 *
 * Management events: each selector that records them says whether it records reads, writes or both, and
 * whether it leaves some out (ExcludeManagementEventSources; an advanced selector's field conditions other
 * than eventCategory and readOnly, e.g. `eventSource NotEquals kms.amazonaws.com`). Reads (and writes) are
 * `full` when one selector records them with nothing left out, `partial` when only narrowed selectors do,
 * `none` otherwise. Data events are compared as the set of data selectors (canonical text).
 */
import type { ResourceView } from '../model';

export type Level = 0 | 1 | 2; // none, partial, full

export interface TrailRecording {
  read: Level;
  write: Level;
  /** What the narrowed management selectors leave out (`ExcludeManagementEventSources=kms.amazonaws.com`, ...). */
  narrowing: Set<string>;
  /** Data-event selectors, canonical. */
  data: Set<string>;
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).sort().join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v as object).sort().map((k) => `${k}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return v === undefined || v === null ? '' : String(v).trim().toLowerCase();
}

function strs(view: ResourceView, path: string): string[] {
  return view.list(path).map((v, i) => view.strOf(v, `${path}[${i}]`)).filter((s): s is string => s !== undefined).map((s) => s.trim());
}

export function trailRecording(trail: ResourceView): TrailRecording {
  const out: TrailRecording = { read: 0, write: 0, narrowing: new Set(), data: new Set() };
  const basic = trail.items('EventSelectors');
  const advanced = trail.items('AdvancedEventSelectors');
  const note = (read: boolean, write: boolean, narrowing: string[]) => {
    const level: Level = narrowing.length === 0 ? 2 : 1;
    if (read) out.read = Math.max(out.read, level) as Level;
    if (write) out.write = Math.max(out.write, level) as Level;
    if (level === 1) for (const n of narrowing) out.narrowing.add(n);
  };
  if (basic.length === 0 && advanced.length === 0) {
    out.read = 2;
    out.write = 2;
    return out;
  }
  for (const { view: s } of basic) {
    const rwt = (s.has('ReadWriteType') ? s.str('ReadWriteType') : 'All')?.trim().toLowerCase();
    const read = rwt === 'all' || rwt === 'readonly';
    const write = rwt === 'all' || rwt === 'writeonly';
    const mgmt = s.has('IncludeManagementEvents') ? s.bool('IncludeManagementEvents') === true : true;
    if (mgmt) note(read, write, strs(s, 'ExcludeManagementEventSources').map((x) => `ExcludeManagementEventSources=${x.toLowerCase()}`));
    for (const { value } of s.items('DataResources')) out.data.add(`basic:${rwt}:${canonical(value)}`);
  }
  for (const { view: s, value } of advanced) {
    const fields = s.items('FieldSelectors');
    const field = (name: string) => fields.find(({ view: f }) => f.str('Field')?.trim().toLowerCase() === name.toLowerCase())?.view;
    const category = field('eventCategory');
    const categories = category ? strs(category, 'Equals').map((c) => c.toLowerCase()) : [];
    if (!categories.includes('management')) {
      out.data.add(`advanced:${canonical(isObject(value) ? (value as Record<string, unknown>).FieldSelectors : value)}`);
      continue;
    }
    const ro = field('readOnly');
    let read = true;
    let write = true;
    const narrowing: string[] = [];
    if (ro) {
      const eq = strs(ro, 'Equals').map((x) => x.toLowerCase());
      const neq = strs(ro, 'NotEquals').map((x) => x.toLowerCase());
      if (eq.length > 0) {
        read = eq.includes('true');
        write = eq.includes('false');
      }
      if (neq.includes('true')) read = false;
      if (neq.includes('false')) write = false;
    }
    for (const { view: f, value: raw } of fields) {
      const name = f.str('Field')?.trim().toLowerCase();
      if (name === 'eventcategory' || name === 'readonly') continue;
      narrowing.push(`${f.str('Field') ?? '?'}:${canonical(raw)}`);
    }
    note(read, write, narrowing);
  }
  return out;
}

function isObject(v: unknown): boolean {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const LEVEL = ['none', 'some', 'all'] as const;

/** What `after` stops recording that `before` recorded (messages, empty when nothing). */
export function recordingLosses(before: TrailRecording, after: TrailRecording): string[] {
  const out: string[] = [];
  if (after.read < before.read) out.push(`the trail records ${LEVEL[after.read]} management read events (before: ${LEVEL[before.read]})`);
  if (after.write < before.write) out.push(`the trail records ${LEVEL[after.write]} management write events (before: ${LEVEL[before.write]})`);
  const newNarrowing = [...after.narrowing].filter((n) => !before.narrowing.has(n));
  if (newNarrowing.length > 0 && (after.read === 1 || after.write === 1)) out.push(`management events are newly left out by selector conditions (${newNarrowing.join('; ')})`);
  const lostData = [...before.data].filter((d) => !after.data.has(d)).length;
  if (lostData > 0) out.push(`${lostData} data-event selector(s) are removed or changed`);
  return out;
}
