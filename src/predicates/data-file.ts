/**
 * The generated data sets (the IAM action catalogue, the AWS managed policy documents) are files, not code:
 * embedding them in the handler bundle made every cold start scan ~370 KiB of string literals it rarely needs.
 * Each is brotli-compressed text written by its generator (scripts/gen-iam-catalogue.mjs,
 * scripts/gen-managed-policies.mjs) into `src/predicates/generated/`, next to a small generated module that
 * names the file and pins its SHA-256.
 *
 * Where the file is found: `<directory of this module's code>/generated/<file>`. That one relative path holds
 * in both trees that run this code:
 * - from src/ (ts-jest, ts-node): this module is src/predicates/data-file.ts, the files are in
 *   src/predicates/generated/ where the generators write them;
 * - from a bundle (dist/handlers.js, dist/cli.js, a test's temporary build): `__dirname` is the bundle's
 *   directory, and scripts/build.mjs copies the files to `<that directory>/generated/` (scripts/package.mjs
 *   ships them in ResourceProvider.zip as dist/generated/<file>).
 * Both bundles are CommonJS, so `__dirname` is the directory of the file that runs.
 *
 * Read synchronously on first use only (the callers memoise the decoded result). Fails closed: a missing file,
 * a file whose hash is not the pinned one (corrupt, truncated, or from another generator run) or one that does
 * not decompress throws `DataFileError`; the engine turns a control's exception into a failed request
 * (InternalFailure), never a PASS, and nothing is cached, so a later request tries again.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The directory, relative to the module's code, holding the data files (see the header). */
export const DATA_DIRECTORY = 'generated';

export class DataFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataFileError';
  }
}

/** Where `file` is looked up (exported for tests and diagnostics). */
export function dataFilePath(file: string): string {
  return join(__dirname, DATA_DIRECTORY, file);
}

/** The decompressed text of a generated data file whose bytes must hash to `sha256` (hex). Throws DataFileError. */
export function readDataFile(file: string, sha256: string): string {
  const path = dataFilePath(file);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new DataFileError(`data file ${DATA_DIRECTORY}/${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  // node:crypto and node:zlib are loaded here, on first use, not when the handler bundle loads
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  if (createHash('sha256').update(bytes).digest('hex') !== sha256) {
    throw new DataFileError(`data file ${DATA_DIRECTORY}/${file} is not the one this code was built with (SHA-256 differs)`);
  }
  const { brotliDecompressSync } = require('node:zlib') as typeof import('node:zlib');
  try {
    return brotliDecompressSync(bytes).toString('utf8');
  } catch {
    throw new DataFileError(`data file ${DATA_DIRECTORY}/${file} does not decompress`);
  }
}
