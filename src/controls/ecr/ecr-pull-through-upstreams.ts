import { globMatch } from '../../predicates/glob';
import { looksLikeSecretValue } from '../../predicates/secret';
import { hostOf } from '../../predicates/url';
import { defineControl } from '../types';

const PATH = 'UpstreamRegistryUrl';

/** `https://Registry-1.Docker.io/` → `registry-1.docker.io`. */
export function normaliseUpstream(url: string): string {
  return url.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/+$/, '').toLowerCase();
}

/** Whether an upstream registry URL is in AllowedPullThroughCacheUpstreams (also for images pulled through an existing rule, CICD.CODEBUILD.9). */
export function isAllowedUpstream(allowedUpstreams: readonly string[], url: string | undefined): boolean {
  return url !== undefined && url.trim() !== '' && allowedUpstreams.some((p) => globMatch(normaliseUpstream(p), normaliseUpstream(url)));
}

/** The host for the message, unless it could be a credential planted in the URL. */
export function shownHost(url: string): string {
  const text = url.trim();
  const host = hostOf(text);
  if (host === undefined || !/^[a-z0-9.-]{1,253}$/.test(host) || !host.includes('.')) return 'not shown';
  // Judge the labels as written (hostOf lower-cases, which hides a token's mixed case).
  const at = text.toLowerCase().indexOf(host);
  const written = at >= 0 ? text.slice(at, at + host.length) : host;
  return written.split('.').some((l) => looksLikeSecretValue(l)) ? 'not shown' : host;
}

export const ecrPullThroughUpstreams = defineControl({
  id: 'CICD.ECR.5',
  slug: 'ecr-pull-through-upstreams',
  title: 'ECR pull-through-cache rules use only approved upstream registries',
  resourceTypes: ['AWS::ECR::PullThroughCacheRule'],
  severity: 'HIGH',
  risks: ['CICD-SEC-3'],
  requirement: 'Dependency chain abuse (OWASP CICD-SEC-3): container images enter the organisation only from registries the platform has approved.',
  rationale:
    'A pull-through-cache rule makes every image of an upstream registry available inside the private registry, where builds and deployments trust it like an internal image. A rule for an unvetted upstream lets typosquatted or compromised public images into the pipeline.',
  remediation:
    'Set UpstreamRegistryUrl to an approved registry (default allow-list: public.ecr.aws). To add a registry, the platform team extends AllowedPullThroughCacheUpstreams in the hook type configuration.',
  parameters: ['AllowedPullThroughCacheUpstreams'],
  check({ resource, settings }) {
    const url = resource.str(PATH);
    if (isAllowedUpstream(settings.AllowedPullThroughCacheUpstreams, url)) return [];
    const message =
      url === undefined || url.trim() === ''
        ? `${PATH} is not set, so the upstream registry cannot be checked`
        : `${PATH} (host ${shownHost(url)}) is not in AllowedPullThroughCacheUpstreams`;
    return [{ path: PATH, message }];
  },
});
