import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
/**
 * Control fixtures as data. Every case runs through the real hook handler in four forms: typed and
 * stringified (as CloudFormation sends values), as CREATE and as UPDATE — unless `actions` says otherwise.
 */
import type { TestAction } from './requests';

export type Expectation = 'PASS' | 'FAIL' | 'UNKNOWN' | 'SKIPPED';

export interface ControlCase {
  name: string;
  properties: Record<string, unknown>;
  expect: Expectation;
  /** UPDATE: deployed properties (default: the same as `properties`, i.e. a no-op update). */
  previous?: Record<string, unknown>;
  /** Type configuration (hookModel) for this case. */
  config?: Record<string, unknown>;
  /** Actions to run (default CREATE and UPDATE). */
  actions?: TestAction[];
  /** Only the typed form (for cases whose point is a typed value, e.g. a real boolean). */
  typedOnly?: boolean;
  /** Text the FAILED annotation's statusMessage must contain (e.g. the property path or variable name). */
  messageIncludes?: string | string[];
  /** Values that must never appear in the response or the logs (secrets). */
  neverEcho?: string[];
  /** On UPDATE the finding must say the update weakens a compliant setting. */
  weakened?: boolean;
  logicalId?: string;
}

export interface ControlCases {
  controlId: string;
  resourceType: string;
  cases: ControlCase[];
}

export function defineCases(c: ControlCases): ControlCases {
  return c;
}

/** Every `*.cases.ts` file below `dir`, sorted. */
export function caseFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...caseFiles(p));
    else if (name.endsWith('.cases.ts')) out.push(p);
  }
  return out;
}
