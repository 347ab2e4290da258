import { isIntrinsic } from '../../predicates/values';
import { defineControl, type Finding, type ResourceView } from '../types';

const MIN_PREFIX = { v4: 16, v6: 24 } as const;

/** Prefix length of a CIDR, or undefined when it is not one. */
function cidrPrefix(cidr: string): { family: 'v4' | 'v6'; prefix: number } | undefined {
  const m = /^([0-9a-fA-F:.]+)\/([0-9]{1,3})$/.exec(cidr.trim());
  if (!m) return undefined;
  const prefix = Number(m[2]);
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(m[1])) {
    if (m[1].split('.').some((o) => Number(o) > 255) || prefix > 32) return undefined;
    return { family: 'v4', prefix };
  }
  if (m[1].includes(':') && prefix <= 128) return { family: 'v6', prefix };
  return undefined;
}

function evaluateAuth(view: ResourceView): Finding[] {
  const raw = view.get('Authentication');
  if (raw === undefined || raw === null || raw === '') return [{ path: 'Authentication', message: 'Authentication is missing' }];
  const auth = view.strOf(raw, 'Authentication')?.trim().toUpperCase();
  if (auth === undefined && isIntrinsic(raw)) return []; // unresolved: UNKNOWN, recorded by the read
  if (auth === 'GITHUB_HMAC') return [];
  if (auth === 'UNAUTHENTICATED') return [{ path: 'Authentication', message: 'Authentication is UNAUTHENTICATED: anyone who knows the URL can start the pipeline' }];
  if (auth !== 'IP') return [{ path: 'Authentication', message: 'Authentication is not GITHUB_HMAC or IP' }];
  const path = 'AuthenticationConfiguration.AllowedIPRange';
  const rawRange = view.get(path);
  if (rawRange === undefined || rawRange === null) return [{ path, message: `${path} is missing although Authentication is IP` }];
  const range = view.strOf(rawRange, path);
  if (range === undefined) return [];
  const cidr = cidrPrefix(range);
  if (!cidr) return [{ path, message: `${path} is not a CIDR range` }];
  if (cidr.prefix < MIN_PREFIX[cidr.family]) {
    return [{ path, message: `${path} is /${cidr.prefix}, wider than /${MIN_PREFIX[cidr.family]}: it admits most of the internet` }];
  }
  return [];
}

export const codepipelineWebhookAuthenticated = defineControl({
  id: 'CICD.CODEPIPELINE.9',
  slug: 'pipeline-webhook-authenticated',
  title: 'CodePipeline webhooks authenticate their callers',
  resourceTypes: ['AWS::CodePipeline::Webhook'],
  severity: 'MEDIUM',
  risks: ['CICD-SEC-8', 'CICD-SEC-1'],
  requirement: 'Pipeline inputs are validated (SEC11-BP07): only the Git host can trigger the pipeline.',
  rationale:
    'An UNAUTHENTICATED webhook starts the pipeline for anyone who learns its URL (it appears in Git host settings, logs and tickets), so outsiders can trigger builds and deployments of whatever the branch holds at any time, burn build capacity and race releases. GITHUB_HMAC verifies a shared secret (see CICD.CODEPIPELINE.8). IP authentication is accepted as weaker but acceptable when AllowedIPRange is a real CIDR no wider than /16 (IPv4) or /24 (IPv6) — the Git host\'s hook ranges — since a webhook only starts an execution of the configured source.',
  remediation:
    'Set Authentication to GITHUB_HMAC with AuthenticationConfiguration.SecretToken "{{resolve:secretsmanager:…}}", or to IP with AuthenticationConfiguration.AllowedIPRange set to the Git host\'s webhook CIDR (e.g. a /20 or /22 from GitHub\'s meta API). Never UNAUTHENTICATED.',
  check({ resource }) {
    return evaluateAuth(resource);
  },
});
