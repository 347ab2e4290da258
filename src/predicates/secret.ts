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

/** Credential shapes with a distinctive prefix or frame: matched anywhere in a text. */
const STRONG_PATTERNS: readonly RegExp[] = [
  /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/, // AWS access key ID
  /\bgh[pousr]_[A-Za-z0-9]{30,}\b/, // GitHub tokens
  /\bgithub_pat_[A-Za-z0-9_]{22,}\b/,
  /\bglpat-[A-Za-z0-9_-]{20,}\b/, // GitLab personal access token
  /\bxox[abprse]-[A-Za-z0-9-]{10,}\b/, // Slack
  /\bnpm_[A-Za-z0-9]{36}\b/, // npm automation/publish token
  /\bsk_live_[A-Za-z0-9]{20,}\b/, // Stripe
  /\bAIza[0-9A-Za-z_-]{35}\b/, // Google API key
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/, // private-key blocks
];

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
  return entropy(s) >= 4.2;
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
  if (/^[A-Za-z0-9/+]{40}$/.test(v) && /[A-Z]/.test(v) && /[a-z]/.test(v) && /[0-9]/.test(v)) return true;
  return isHighEntropyToken(v);
}

const STRONG_GLOBAL = STRONG_PATTERNS.map((re) => new RegExp(re.source, 'g'));

/** Replace credential-shaped substrings in any outgoing text (messages, annotations, log lines). */
export function redactSecrets(text: string): string {
  let out = text;
  for (const re of STRONG_GLOBAL) {
    re.lastIndex = 0;
    out = out.replace(re, '[REDACTED]');
  }
  return out;
}
