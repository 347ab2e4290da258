/**
 * Evaluation with live lookups, in rounds: run the pure checks (a control asking for an unanswered fact
 * plans it), fetch every planned fact concurrently within the deadline, run again with the answers. A fact
 * may lead to another (an instance profile to its roles), so up to MAX_ROUNDS; whatever is still
 * unanswered then counts as a lookup that did not finish. A request no control asks a fact for is
 * evaluated once, exactly as without lookups.
 */
import { setMaxListeners } from 'node:events';
import type { FactRequest } from '../model';
import { evaluate, evaluateStack, type Evaluation, type StackTarget, type Target } from './evaluate';
import { factTable, type FactTable } from './facts';
import { REGISTRY, type Registry } from './registry';
import type { Settings } from '../model';

/**
 * Answers one fact request (src/facts/aws.ts with the AWS SDK; anything else in tests). Rejects with a
 * LookupError naming what went wrong (and the permission it needed); `signal` aborts at the deadline.
 */
export type FactSource = ((request: FactRequest, signal: AbortSignal) => Promise<unknown>) & {
  /** The answer if the source already holds it (a warm cache), synchronously; undefined otherwise. */
  peek?: (request: FactRequest) => unknown;
};

/** A lookup that could not be answered; `why` names the reason and, for access denied, the permission. Never a value. */
export class LookupError extends Error {
  override name = 'LookupError';
  constructor(readonly why: string) {
    super(why);
  }
}

export const MAX_ROUNDS = 3;

/** Bounded concurrency: the hook's 30-second budget is shared, and the API's rate limits with other callers. */
const CONCURRENCY = 8;

function whyOf(e: unknown): string {
  if (e instanceof LookupError) return e.why;
  return `lookup error (${e instanceof Error ? e.name : typeof e})`;
}

/** Fetch every planned fact into the table's answers; none outlives the deadline. */
export async function fetchPlanned(table: FactTable, source: FactSource, deadline: number, clock: () => number = Date.now): Promise<void> {
  const planned = [...table.planned.entries()];
  table.planned.clear();
  const remaining = deadline - clock();
  if (remaining <= 0) {
    for (const [key] of planned) table.answers.set(key, { ok: false, why: 'no time left for the lookup before the deadline' });
    return;
  }
  const controller = new AbortController();
  // every SDK call of the round listens on this one signal (Node warns past 10 listeners otherwise)
  setMaxListeners(0, controller.signal);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve('timeout');
    }, remaining);
  });
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < planned.length) {
      const [key, request] = planned[next++];
      try {
        const value = await Promise.race([source(request, controller.signal), expired]);
        if (value === 'timeout') table.answers.set(key, { ok: false, why: `timed out (the hook's lookup deadline of ${Math.round(remaining / 100) / 10} s)` });
        else table.answers.set(key, { ok: true, value });
      } catch (e) {
        table.answers.set(key, { ok: false, why: controller.signal.aborted ? `timed out (the hook's lookup deadline of ${Math.round(remaining / 100) / 10} s)` : whyOf(e) });
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, planned.length) }, worker));
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `source` undefined: lookups are off (check without --lookups), one plain evaluation. `deadline`: epoch ms
 * by which every lookup must have answered (taken from the Lambda context by the protocol).
 */
export async function evaluateWithLookups(target: Target, settings: Settings, now: Date, source: FactSource | undefined, deadline: number, registry: Registry = REGISTRY): Promise<Evaluation> {
  if (!source) return evaluate(target, settings, now, registry);
  return inRounds(factTable(target.accountId, true, source.peek), source, deadline, (table) => evaluate(target, settings, now, registry, 0, table));
}

/**
 * The rounds: evaluate with the table, fetch what the run planned, again — at most MAX_ROUNDS fetches; then
 * one last run in which every fact still unanswered is a lookup that did not finish.
 */
export async function inRounds<T>(table: FactTable, source: FactSource, deadline: number, run: (table: FactTable) => T): Promise<T> {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const result = run(table);
    if (table.planned.size === 0) return result;
    await fetchPlanned(table, source, deadline);
  }
  table.final = true;
  return run(table);
}

/**
 * The stack controls' lookups (STACK and CHANGE_SET targets), in the same rounds as a resource's. The
 * hook's entry reaches it through evaluateStackWithLookups (src/engine/imports.ts), which looks the template's
 * `Fn::ImportValue` exports up first.
 */
export async function evaluateStackRounds(target: StackTarget, settings: Settings, now: Date, source: FactSource | undefined, deadline: number, registry: Registry = REGISTRY): Promise<Evaluation> {
  if (!source) return evaluateStack(target, settings, now, registry);
  return inRounds(factTable(target.accountId, true, source.peek), source, deadline, (table) => evaluateStack(target, settings, now, registry, table));
}
