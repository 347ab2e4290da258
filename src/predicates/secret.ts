/**
 * Does a name or a value look like a secret? Used by every plaintext-secret control and by the redaction
 * of messages and logs. Messages built from these never carry the value itself.
 */

/** Words that make a variable name secret wherever they appear (case-insensitive, also inside words). */
const SECRET_WORDS = ['password', 'passwd', 'passphrase', 'secret', 'token', 'credential', 'apikey', 'privatekey', 'accesskey', 'secretkey', 'signingkey', 'clientsecret', 'sessionkey', 'authkey'];
/** Short words that count only as a whole `_`/`-`/`.`-separated word (so PATH does not match PAT). */
const SECRET_PARTS = new Set(['pat', 'pwd', 'pw', 'pass', 'cred', 'creds']);
/** Word pairs that are secret when adjacent (API_KEY, PRIVATE_KEY, ACCESS_KEY, ...). */
const SECRET_PAIRS = new Set(['api key', 'private key', 'access key', 'secret key', 'signing key', 'auth key', 'ssh key', 'deploy key', 'encryption key', 'license key']);
/** Names that contain a secret word but are known not to hold secrets. */
const NOT_SECRET_NAMES = new Set(['aws_session_token_ttl', 'token_url', 'token_endpoint', 'codebuild_build_token_url']);

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

export function looksLikeSecretName(name: string): boolean {
  const lower = name.toLowerCase();
  if (NOT_SECRET_NAMES.has(lower)) return false;
  const squashed = lower.replace(/[^a-z0-9]/g, '');
  for (const w of SECRET_WORDS) if (squashed.includes(w)) return true;
  const ws = words(name);
  for (let i = 0; i < ws.length; i++) {
    if (SECRET_PARTS.has(ws[i])) return true;
    if (i + 1 < ws.length && SECRET_PAIRS.has(`${ws[i]} ${ws[i + 1]}`)) return true;
  }
  return false;
}

/**
 * Credential shapes with a distinctive prefix or frame, matched anywhere in a text — also inside a longer
 * word (a logical ID or property name can carry one), so there are no word boundaries.
 */
const STRONG_PATTERNS: readonly RegExp[] = [
  /(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}/, // AWS access key ID
  /gh[pousr]_[A-Za-z0-9]{30,}/, // GitHub tokens
  /github_pat_[A-Za-z0-9_]{22,}/,
  /glpat-[A-Za-z0-9_-]{20,}/, // GitLab personal access token
  /xox[abprse]-[A-Za-z0-9-]{10,}/, // Slack
  /npm_[A-Za-z0-9]{36}/, // npm automation/publish token
  /sk_live_[A-Za-z0-9]{20,}/, // Stripe
  /AIza[0-9A-Za-z_-]{35}/, // Google API key
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/, // private-key blocks
];

/** A whole PEM private-key block (header, body, footer — or up to the end of a clipped text). */
const PRIVATE_KEY_BLOCK = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g;

function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const c of counts.values()) {
    const p = c / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/**
 * A long random-looking token: base64/base64url alphabet only, upper- and lower-case letters and digits,
 * high Shannon entropy. Hex strings (commit SHAs, content hashes such as CDK's _PROJECT_CONFIG_HASH),
 * words, ARNs, URLs and paths do not qualify.
 */
export function isHighEntropyToken(s: string): boolean {
  if (s.length < 24 || s.length > 4096) return false;
  if (!/^[A-Za-z0-9+/=_-]+$/.test(s)) return false;
  if (!/[A-Z]/.test(s) || !/[a-z]/.test(s) || !/[0-9]/.test(s)) return false;
  if (isGeneratedIdentifier(s)) return false;
  return entropy(s) >= 4.2;
}

/**
 * CloudFormation physical names and CDK logical IDs (`Ci-PipelineBuildSynthCdkBuildProj-AbCdEf123456`,
 * `PipelineAssetsFileAsset185A67CB4`): CamelCase words with a random suffix. In random base64 about 15% of
 * the characters sit in runs of three or more lower-case letters; in these names most of them do.
 */
export function isGeneratedIdentifier(s: string): boolean {
  const camelWords = s.match(/[A-Z][a-z]{2,}/g) ?? [];
  if (camelWords.length < 2) return false;
  const inWords = (s.match(/[a-z]{3,}/g) ?? []).reduce((n, w) => n + w.length, 0);
  return inWords / s.length >= 0.4;
}

/** Values that are references to where a secret lives, not secrets. */
export function isReferenceValue(value: string): boolean {
  const v = value.trim();
  return /^arn:[a-z-]+:/.test(v) || /^\{\{resolve:/.test(v);
}

export function looksLikeSecretValue(value: string): boolean {
  if (value.length < 8 || isReferenceValue(value)) return false;
  for (const re of STRONG_PATTERNS) if (re.test(value)) return true;
  const v = value.trim();
  // AWS secret access keys: 40 characters of base64.
  if (/^[A-Za-z0-9/+]{40}$/.test(v) && /[A-Z]/.test(v) && /[a-z]/.test(v) && /[0-9]/.test(v) && !isGeneratedIdentifier(v)) return true;
  return isHighEntropyToken(v);
}

const STRONG_GLOBAL = STRONG_PATTERNS.map((re) => new RegExp(re.source, 'g'));

/** Replace credential-shaped substrings in any outgoing text (messages, annotations, log lines). */
/** Every strong pattern starts with one of these: text without any of them needs no replacement pass. */
const STRONG_PREFIX = /AKIA|ASIA|ABIA|ACCA|gh[pousr]_|github_pat_|glpat-|xox[abprse]-|npm_|sk_live_|AIza|-----BEGIN/;

export function redactSecrets(text: string): string {
  if (!STRONG_PREFIX.test(text)) return text;
  let out = text.replace(PRIVATE_KEY_BLOCK, '[REDACTED]');
  for (const re of STRONG_GLOBAL) {
    re.lastIndex = 0;
    out = out.replace(re, '[REDACTED]');
  }
  return out;
}
