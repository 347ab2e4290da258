/**
 * Strict JSON: `JSON.parse` plus the two things it silently accepts and a security tool must not.
 *
 * - Duplicate keys in one object: `JSON.parse` keeps the last value, other readers (IAM, CloudFormation,
 *   cfn-lint: E0000) may keep the first or reject the document. A document with duplicate keys is
 *   ambiguous, so it is an error naming the key and both lines.
 * - Unbounded nesting: later recursive walks would fail with "Maximum call stack size exceeded".
 *
 * The structure scan runs only after `JSON.parse` accepted the text, so it can rely on the text being
 * valid JSON (no raw newlines inside strings, balanced brackets).
 */

/** Nesting (objects and arrays) that JSON documents this project reads may have. */
export const MAX_JSON_DEPTH = 100;

export class StrictJsonError extends Error {
  /** `line` is 1-based (undefined when the text is not JSON at all: the engine's message has no position). */
  constructor(readonly reason: string, readonly line?: number) {
    super(line === undefined ? reason : `line ${line}: ${reason}`);
    this.name = 'StrictJsonError';
  }
}

/** The first structural problem of a valid JSON text (duplicate key or nesting deeper than `maxDepth`), or undefined. */
export function jsonStructureProblem(text: string, maxDepth = MAX_JSON_DEPTH): { line: number; reason: string } | undefined {
  // one frame per open container: the keys seen so far (objects) or null (arrays), with their lines
  const frames: Array<Map<string, number> | null> = [];
  let line = 1;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      i++;
    } else if (c === 34) {
      const start = ++i;
      // the closing quote: the next quote not escaped by an odd run of backslashes
      let end = text.indexOf('"', start);
      while (end > 0) {
        let k = end - 1;
        while (text.charCodeAt(k) === 92) k--;
        if ((end - 1 - k) % 2 === 0) break;
        end = text.indexOf('"', end + 1);
      }
      if (end < 0) end = n;
      i = end + 1;
      const frame = frames[frames.length - 1];
      if (frame) {
        let j = i;
        while (j < n) {
          const w = text.charCodeAt(j);
          if (w !== 32 && w !== 9 && w !== 13 && w !== 10) break;
          j++;
        }
        if (text.charCodeAt(j) === 58) {
          const raw = text.slice(start, end);
          const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
          const first = frame.get(key);
          if (first !== undefined) {
            return { line, reason: `duplicate key ${JSON.stringify(key)} (first at line ${first}); the document is ambiguous` };
          }
          frame.set(key, line);
        }
      }
    } else if (c === 123 || c === 91) {
      frames.push(c === 123 ? new Map() : null);
      if (frames.length > maxDepth) return { line, reason: `nested deeper than ${maxDepth} levels` };
      i++;
    } else if (c === 125 || c === 93) {
      frames.pop();
      i++;
    } else {
      i++;
    }
  }
  return undefined;
}

/** `JSON.parse` that rejects duplicate keys and nesting deeper than `maxDepth` (StrictJsonError). */
export function parseStrictJson(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new StrictJsonError(`not valid JSON (${e instanceof Error ? e.message : 'parse error'})`);
  }
  // scalars and flat texts cannot hold a duplicate key or deep nesting
  if (value !== null && typeof value === 'object') {
    const problem = jsonStructureProblem(text, maxDepth);
    if (problem) throw new StrictJsonError(problem.reason, problem.line);
  }
  return value;
}
