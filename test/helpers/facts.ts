/**
 * A fact source for tests, backed by a table the test writes: `'<kind> <ref>'` → the fact, or
 * `{ $error: '<why>' }` (or an Error to throw) for a lookup that fails. This stands in for our own FactSource interface (what the
 * engine asks), never for an AWS API: the AWS side is tested against moto_server (test/facts/).
 */
import { LookupError, type FactSource } from '../../src/engine/lookups';
import type { HookDeps } from '../../src/protocol/hook';
import type { FactRequest } from '../../src/model';

export type FactTableSpec = Record<string, unknown>;

export function tableSource(table: FactTableSpec, asked: FactRequest[] = []): FactSource {
  return async (request) => {
    asked.push(request);
    const key = `${request.kind} ${request.ref}`;
    if (!Object.prototype.hasOwnProperty.call(table, key)) throw new LookupError(`not found (no fact ${key} in the test's table)`);
    const v = table[key] as { $error?: string } | undefined;
    if (v instanceof Error) throw v;
    if (v && typeof v === 'object' && typeof v.$error === 'string') throw new LookupError(v.$error);
    return v;
  };
}

/** The `lookups` dependency of the hook for a test's fact table. */
export function tableLookups(table: FactTableSpec, asked: FactRequest[] = []): HookDeps['lookups'] {
  return () => tableSource(table, asked);
}
