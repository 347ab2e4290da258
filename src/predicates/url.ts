/** Credentials hidden in URLs: user-info (`user:pass@host`, `token@host`) and token-like query parameters. */
import { looksLikeSecretName, looksLikeSecretValue } from './secret';

export interface UrlProblem {
  /** What is wrong, without the value: "has user-info", "query parameter access_token carries a credential". */
  reason: string;
}

const TOKEN_PARAMS = /^(access_?token|token|auth|password|passwd|pwd|secret|api_?key|key|private_?token|sig|signature|x-amz-signature|x-amz-credential|client_secret)$/i;

export function urlCredentialProblems(value: string): UrlProblem[] {
  const problems: UrlProblem[] = [];
  const text = value.trim();
  // scp-like git URLs (git@github.com:org/repo.git) carry a user name, not a secret.
  if (/^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^/]/.test(text) && !text.includes('://')) return problems;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    if (/^[a-z][a-z0-9+.-]*:\/\/[^/@\s]*@/i.test(text)) problems.push({ reason: 'has user-info (credentials before @)' });
    if (looksLikeSecretValue(text)) problems.push({ reason: 'contains a credential-shaped value' });
    return problems;
  }
  if (url.password !== '') problems.push({ reason: 'has a password in its user-info' });
  else if (url.username !== '' && url.username.toLowerCase() !== 'git') problems.push({ reason: 'has user-info (a user name or token before @)' });
  for (const [name, v] of url.searchParams) {
    if (TOKEN_PARAMS.test(name) || looksLikeSecretName(name)) problems.push({ reason: `query parameter ${name} carries a credential` });
    else if (looksLikeSecretValue(v)) problems.push({ reason: `query parameter ${name} has a credential-shaped value` });
  }
  return problems;
}

/** Host of a URL-ish string (`https://host/...`, `host/path`), lower-cased; undefined when there is none. */
export function hostOf(value: string): string | undefined {
  try {
    return new URL(value.includes('://') ? value : `https://${value}`).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}
