// Shared by the data-set generators (scripts/gen-iam-catalogue.mjs, scripts/gen-managed-policies.mjs): a data set
// is written as two files in src/predicates/generated/:
//   <name>.br        the text, brotli-compressed (quality 11, 16 MiB window: smaller than deflate/gzip by 20 % for
//                    the catalogue and 40 % for the policies, and the handler zip cannot deflate it further);
//                    read on first use by src/predicates/data-file.ts; scripts/build.mjs copies it next to the bundles
//   <name>.data.ts   a small module: the source package version, the data file's name and its SHA-256, which the
//                    loader checks (a missing, corrupt or stale data file fails closed)
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';

export const GENERATED_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'src/predicates/generated');

export function pack(text) {
  const buf = Buffer.from(text, 'utf8');
  return brotliCompressSync(buf, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
  });
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/**
 * Writes `<name>.br` and `<name>.data.ts`. `constants` names the module's exports:
 * { version: 'IAM_DATA_VERSION', file: 'IAM_CATALOGUE_FILE', sha256: 'IAM_CATALOGUE_SHA256' }.
 */
export function writeDataSet({ name, header, constants: names, version, text }) {
  const bytes = pack(text);
  const file = `${name}.br`;
  mkdirSync(GENERATED_DIR, { recursive: true });
  writeFileSync(join(GENERATED_DIR, file), bytes);
  const source = [
    ...header,
    `export const ${names.version} = ${JSON.stringify(version)};`,
    `/** The data file, read on first use from generated/ next to the code (src/predicates/data-file.ts). */`,
    `export const ${names.file} = ${JSON.stringify(file)};`,
    `/** SHA-256 of the data file's bytes: the loader refuses any other file. */`,
    `export const ${names.sha256} = ${JSON.stringify(sha256(bytes))};`,
    '',
  ].join('\n');
  writeFileSync(join(GENERATED_DIR, `${name}.data.ts`), source);
  return { path: join(GENERATED_DIR, file), bytes: bytes.length };
}

/** What is committed: the version, the decompressed text, and whether the module's hash is the file's. */
export function committedDataSet({ name, constants: names }) {
  let src;
  let bytes;
  try {
    src = readFileSync(join(GENERATED_DIR, `${name}.data.ts`), 'utf8');
    bytes = readFileSync(join(GENERATED_DIR, `${name}.br`));
  } catch {
    return undefined;
  }
  const field = (n) => {
    const m = new RegExp(`${n} = ("[^"]*")`).exec(src);
    return m ? JSON.parse(m[1]) : undefined;
  };
  const version = field(names.version);
  if (version === undefined || field(names.file) !== `${name}.br`) return undefined;
  let text;
  try {
    text = brotliDecompressSync(bytes).toString('utf8');
  } catch {
    return undefined;
  }
  return { version, text, hashMatches: field(names.sha256) === sha256(bytes) };
}
