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

/**
 * Last words that make a secret-looking name a *reference* to where the secret lives (`DB_SECRET_ARN`,
 * `APP_PRIVATE_KEY_SECRET_NAME`, `GITHUB_TOKEN_PARAMETER_NAME`, `SecretId`, `ApiKeyName`, `TOKEN_URL`) or a
 * property of it (`PasswordLength`, `SecretType`): the value names something, it is not the secret.
 */
const REFERENCE_LAST_WORDS = new Set(['arn', 'arns', 'name', 'names', 'id', 'ids', 'path', 'paths', 'param', 'parameter', 'ref', 'url', 'uri', 'endpoint', 'file', 'ttl', 'length', 'type', 'version', 'location', 'store', 'required']);

const nameCache = new Map<string, boolean>();

export function looksLikeSecretName(name: string): boolean {
  let hit = nameCache.get(name);
  if (hit === undefined) {
    hit = judgeName(name);
    if (nameCache.size >= 4096) nameCache.clear();
    nameCache.set(name, hit);
  }
  return hit;
}

/**
 * A condition key of an OIDC identity provider: the provider's host (and path), a colon, the claim —
 * `token.actions.githubusercontent.com:sub`, `oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE:aud`,
 * `app.terraform.io:sub`. The host names the provider, not a secret; the claim after it is judged.
 */
const PROVIDER_KEY = /^[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:\/[\w.-]+)*:([\w./-]+)$/i;

function judgeName(name: string): boolean {
  const claim = PROVIDER_KEY.exec(name);
  if (claim !== null) return judgeName(claim[1]);
  const lower = name.toLowerCase();
  if (NOT_SECRET_NAMES.has(lower)) return false;
  const ws = words(name);
  const squashed = lower.replace(/[^a-z0-9]/g, '');
  // an access key ID is half of a long-term credential (AWS_ACCESS_KEY_ID), not a reference to one
  if (ws.length > 1 && REFERENCE_LAST_WORDS.has(ws[ws.length - 1]) && !squashed.includes('accesskey')) return false;
  for (const w of SECRET_WORDS) if (squashed.includes(w)) return true;
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
  /gl(?:pat|dt|rt|ptt|oas|cbt|imt|agent|ft|soat)-[A-Za-z0-9_-]{20,}/, // GitLab tokens
  /GR1348941[A-Za-z0-9_-]{20,}/, // GitLab runner registration token
  /xox[abprse]-[A-Za-z0-9-]{10,}/, // Slack
  /hooks\.slack\.com\/services\/T[A-Za-z0-9_]{6,}\/B[A-Za-z0-9_]{6,}\/[A-Za-z0-9_]{16,}/, // Slack webhook
  /npm_[A-Za-z0-9]{36}/, // npm automation/publish token
  /(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{20,}/, // Stripe secret and restricted keys
  /AIza[0-9A-Za-z_-]{35}/, // Google API key
  /ya29\.[0-9A-Za-z_-]{20,}/, // Google OAuth access token
  /GOCSPX-[0-9A-Za-z_-]{20,}/, // Google OAuth client secret
  /-----BEGIN [A-Z ]*PRIVATE KEY( BLOCK)?-----/, // private-key blocks (PEM, OpenSSH, PGP)
  /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}/, // JWT (signed)
  /(?<![A-Za-z0-9])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}/, // SendGrid
  /dckr_pat_[A-Za-z0-9_-]{20,}/, // Docker Hub
  /pypi-AgE[A-Za-z0-9_-]{50,}/, // PyPI upload token
  /(?<![A-Za-z0-9])hf_[A-Za-z]{34}/, // Hugging Face
  /(?<![A-Za-z0-9_-])sk-(?:proj-|ant-api\d\d-)?[A-Za-z0-9_-]{32,}/, // OpenAI / Anthropic API keys
  /dop_v1_[a-f0-9]{64}/, // DigitalOcean
  /shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}/, // Shopify
  /ATATT3[A-Za-z0-9_=-]{40,}/, // Atlassian API token
];

/** What each strong pattern is, for messages (same order as STRONG_PATTERNS). */
const STRONG_NAMES: readonly string[] = [
  'an AWS access key ID', 'a GitHub token', 'a GitHub token', 'a GitLab token', 'a GitLab runner registration token',
  'a Slack token', 'a Slack webhook URL', 'an npm token', 'a Stripe key', 'a Google API key', 'a Google OAuth token',
  'a Google OAuth client secret', 'a private key', 'a JSON Web Token', 'a SendGrid key', 'a Docker Hub token',
  'a PyPI token', 'a Hugging Face token', 'an API key (sk-)', 'a DigitalOcean token', 'a Shopify token', 'an Atlassian token',
];

/** Every strong pattern starts with one of these: text without any of them needs no pattern pass. */
const STRONG_PREFIX = /AKIA|ASIA|ABIA|ACCA|gh[pousr]_|github_pat_|gl(?:pat|dt|rt|ptt|oas|cbt|imt|agent|ft|soat)-|GR1348941|xox[abprse]-|hooks\.slack\.com|npm_|[sr]k_(?:live|test)_|AIza|ya29\.|GOCSPX-|-----BEGIN|eyJ|SG\.|dckr_pat_|pypi-AgE|hf_|sk-|dop_v1_|shp(?:at|ss|ca|pa)_|ATATT3/;

/** The kind of the first known credential format found in a text (no value), or undefined. */
export function credentialFormatIn(text: string): string | undefined {
  if (!STRONG_PREFIX.test(text)) return undefined;
  for (let i = 0; i < STRONG_PATTERNS.length; i++) if (STRONG_PATTERNS[i].test(text)) return STRONG_NAMES[i];
  return undefined;
}

/** A whole PEM private-key block (header, body, footer — or up to the end of a clipped text). */
const PRIVATE_KEY_BLOCK = /-----BEGIN [A-Z ]*PRIVATE KEY( BLOCK)?-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY( BLOCK)?-----|$)/g;

/** Shannon entropy of a text, in bits per character. */
export function entropy(s: string): number {
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
  if (value.length < 8) return false;
  // a known format anywhere, also after a dynamic reference or inside an ARN
  if (credentialFormatIn(value) !== undefined || hasEncodedCredential(value)) return true;
  // text around dynamic references is literal: judge what is left when they are taken out
  const v = stripDynamicReferences(value).trim();
  if (v.length < 8 || isReferenceValue(v)) return false;
  // AWS secret access keys: 40 characters of base64.
  if (/^[A-Za-z0-9/+]{40}$/.test(v) && /[A-Z]/.test(v) && /[a-z]/.test(v) && /[0-9]/.test(v) && !isGeneratedIdentifier(v)) return true;
  return isHighEntropyToken(v);
}

/** The text with every `{{resolve:…}}` dynamic reference taken out (what is left is literal). */
export function stripDynamicReferences(text: string): string {
  return text.includes('{{resolve:') ? text.replace(/\{\{resolve:[^}]*\}\}/g, ' ') : text;
}

const STRONG_GLOBAL = STRONG_PATTERNS.map((re) => new RegExp(re.source, 'g'));
/** Long base64/hex runs that may encode a credential. */
const ENCODED_RUN = /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{24,}={0,2}/g;
/** A password in a URL's user-info (`scheme://user:password@host`). */
const URL_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^\s:/@"'<>]*:)([^\s/@"'<>]+)@/gi;

/** Decode a hex or base64 run to text when it decodes to mostly printable text; undefined otherwise. */
export function decodeEncodedText(run: string): string | undefined {
  let bytes: Buffer;
  if (/^(?:[0-9a-fA-F]{2})+$/.test(run)) bytes = Buffer.from(run, 'hex');
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(run) && run.replace(/=+$/, '').length % 4 !== 1) bytes = Buffer.from(run.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  else return undefined;
  if (bytes.length < 12) return undefined;
  let printable = 0;
  for (const b of bytes) if ((b >= 0x20 && b < 0x7f) || b === 0x0a || b === 0x0d || b === 0x09) printable++;
  return printable / bytes.length >= 0.95 ? bytes.toString('latin1') : undefined;
}

/** A hex or base64 run in the text that decodes to a known credential format. */
export function hasEncodedCredential(text: string): boolean {
  if (text.length < 24) return false;
  ENCODED_RUN.lastIndex = 0;
  for (const m of text.matchAll(ENCODED_RUN)) {
    const decoded = decodeEncodedText(m[0]);
    if (decoded !== undefined && credentialFormatIn(decoded) !== undefined) return true;
  }
  return false;
}

/** Replace credential-shaped substrings in any outgoing text (messages, annotations, log lines). */
export function redactSecrets(text: string): string {
  let out = text;
  if (STRONG_PREFIX.test(out)) {
    out = out.replace(PRIVATE_KEY_BLOCK, '[REDACTED]');
    for (const re of STRONG_GLOBAL) {
      re.lastIndex = 0;
      out = out.replace(re, '[REDACTED]');
    }
  }
  if (out.includes('://') && out.includes('@')) out = out.replace(URL_PASSWORD, '$1[REDACTED]@');
  if (out.length >= 24) {
    // hex- or base64-encoded credentials
    out = out.replace(ENCODED_RUN, (run) => {
      const decoded = decodeEncodedText(run);
      return decoded !== undefined && credentialFormatIn(decoded) !== undefined ? '[REDACTED]' : run;
    });
  }
  return out;
}
