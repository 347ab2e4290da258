import { batchEnvironments } from '../../predicates/buildspec';
import { inlineBuildSpecs } from '../../predicates/codebuild';
import { ECR_HOST, imageMatchesAny, parseImageRef } from '../../predicates/image';
import { shownName } from '../../predicates/referenced';
import { isDynamicReference, ownCI } from '../../predicates/values';
import { isAllowedUpstream, normaliseUpstream, shownHost } from '../ecr/ecr-pull-through-upstreams';
import { defineControl, type FactView, type Finding, type ResourceView, type Settings } from '../types';


/** `team/app:1.2` or `team/app@sha256:…` → `team/app`. */
function repositoryOf(rest: string): string {
  const noDigest = rest.split('@')[0];
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.indexOf(':', slash + 1);
  return colon < 0 ? noDigest : noDigest.slice(0, colon);
}

/**
 * Live lookups: an image of the account's own ECR registry whose repository lies under a pull-through-cache
 * prefix really comes from the rule's upstream registry. The upstream must be in
 * AllowedPullThroughCacheUpstreams (CICD.ECR.5's own test) and the image, named as in the upstream registry
 * (`<upstream host>/<repository after the prefix>:<tag>`), in AllowedBuildImages. `where` names the image
 * for messages, `path` is the property the lookup is reported at. Another account's registry is not looked up.
 */
function pullThroughFindings(image: string, where: string, path: string, settings: Settings, facts: FactView | undefined): Finding[] {
  if (!facts?.enabled) return [];
  const ref = parseImageRef(image);
  const host = ref.host === undefined ? undefined : ECR_HOST.exec(ref.host);
  if (!host) return [];
  // the registry of that account in that region: pull-through rules are regional
  const rules = facts.get({ kind: 'ecr.pullThroughCache', ref: `${host[1]}:${host[2]}` }, path)?.rules;
  if (!rules) return [];
  const repository = repositoryOf(ref.rest);
  const out: Finding[] = [];
  for (const rule of rules) {
    const prefix = rule.prefix.trim().replace(/^\/+|\/+$/g, '');
    if (prefix === '' || !repository.startsWith(`${prefix}/`)) continue;
    const upstream = rule.upstreamRegistryUrl;
    const subject = `${where} lies under the pull-through-cache prefix ${shownName(prefix)} of the account's own ECR registry, so it really comes from the upstream registry (host ${shownHost(upstream)})`;
    if (!isAllowedUpstream(settings.AllowedPullThroughCacheUpstreams, upstream)) out.push({ path, message: `${subject}, which is not in AllowedPullThroughCacheUpstreams` });
    else if (!imageMatchesAny(settings.AllowedBuildImages, `${normaliseUpstream(upstream)}/${ref.rest.trim().slice(prefix.length + 1)}`)) out.push({ path, message: `${subject}, and its name there is not in AllowedBuildImages` });
  }
  return out;
}

function evaluate(view: ResourceView, settings: Settings, facts?: FactView): Finding[] {
  const findings: Finding[] = [];
  const raw = view.get('Environment.Image');
  const image = view.strOf(raw, 'Environment.Image');
  if (raw === undefined || raw === null) {
    findings.push({ path: 'Environment.Image', message: 'Environment.Image is missing' });
  } else if (image !== undefined) {
    if (isDynamicReference(image)) {
      findings.push({ path: 'Environment.Image', message: 'Environment.Image is a dynamic reference, which the hook cannot check against AllowedBuildImages' });
    } else if (!imageMatchesAny(settings.AllowedBuildImages, image)) {
      findings.push({ path: 'Environment.Image', message: 'Environment.Image is not in AllowedBuildImages' });
    } else {
      findings.push(...pullThroughFindings(image, 'Environment.Image', 'Environment.Image', settings, facts));
    }
  }
  if (view.has('Environment.RegistryCredential')) {
    findings.push({ path: 'Environment.RegistryCredential', message: 'Environment.RegistryCredential pulls the build image from a registry outside AWS' });
  }
  // batch builds: every image a build-list/build-graph task or a build-matrix env selects (dynamic: a list)
  for (const bs of inlineBuildSpecs(view)) {
    if (!bs.parsed.ok) {
      findings.push({ path: bs.path, message: `${bs.path} ${bs.parsed.reason}; its batch build images cannot be checked` });
      continue;
    }
    const { envs, malformed } = batchEnvironments(bs.parsed.doc);
    for (const m of malformed) findings.push({ path: bs.path, message: `${bs.path} ${m}; its batch build images cannot be checked` });
    for (const e of envs) {
      const raw = ownCI(e.env, 'image');
      if (raw === undefined || raw === null) continue;
      const images = Array.isArray(raw) ? raw : [raw];
      images.forEach((img, i) => {
        const where = Array.isArray(raw) ? `${e.path}.image[${i}]` : `${e.path}.image`;
        if (typeof img !== 'string') findings.push({ path: bs.path, message: `${bs.path} ${where} is not a string` });
        else if (isDynamicReference(img) || /\$/.test(img)) findings.push({ path: bs.path, message: `${bs.path} ${where} is resolved at build time, which the hook cannot check against AllowedBuildImages` });
        else if (!imageMatchesAny(settings.AllowedBuildImages, img)) findings.push({ path: bs.path, message: `${bs.path} ${where} is not in AllowedBuildImages` });
        else findings.push(...pullThroughFindings(img, `${bs.path} ${where}`, bs.path, settings, facts));
      });
    }
  }
  return findings;
}

export const codebuildBuildImageAllowed = defineControl({
  id: 'CICD.CODEBUILD.9',
  slug: 'build-image-allowed',
  title: 'CodeBuild build images come from allowed registries',
  resourceTypes: ['AWS::CodeBuild::Project'],
  severity: 'HIGH',
  risks: ['CICD-SEC-3', 'CICD-SEC-7'],
  requirement: 'Inputs to the pipeline are validated; build tooling comes only from approved sources (S3, S6, SEC11-BP07).',
  rationale:
    'The build image is the operating system every build step runs in, with the project role credentials. An image from a public registry can be replaced by whoever controls the upstream repository. Images are matched against AllowedBuildImages (default: CodeBuild curated images aws/codebuild/* and private ECR repositories of the same account); registry host and repository path are matched separately so a wildcard cannot stretch across hosts. A dynamic reference ({{resolve:ssm:...}}) as image cannot be verified and fails. Environment.RegistryCredential exists only to pull from registries outside AWS and fails too. Batch builds are judged like the project: every image a build-list or build-graph task or a build-matrix env (static, or each entry of a dynamic list) of an inline buildspec selects must be allowed; an inline buildspec that does not parse or whose parse is ambiguous fails, because its batch images cannot be read. An image of the account\'s own ECR registry may still come from outside: with live lookups (ecr:DescribePullThroughCacheRules) an image whose repository lies under a pull-through-cache prefix is judged as the upstream image it is — the rule\'s upstream registry must be in AllowedPullThroughCacheUpstreams (as CICD.ECR.5 requires of the rule) and the image, named as in that registry (`<upstream host>/<repository after the prefix>:<tag>`, e.g. public.ecr.aws/docker/library/node:20), must match AllowedBuildImages; a lookup that cannot be answered follows LookupFailureMode, and another account\'s registry is not looked up.',
  remediation:
    'Use an aws/codebuild/* image or mirror the image into an ECR repository of this account (ImagePullCredentialsType: SERVICE_ROLE) and reference it by URI, and remove Environment.RegistryCredential. The platform team extends AllowedBuildImages in the hook configuration for other approved registries; an image pulled through a pull-through cache is allowed by its upstream name (public.ecr.aws/<repository>:<tag>).',
  cdkHint: 'environment: { buildImage: codebuild.LinuxBuildImage.STANDARD_7_0 } or codebuild.LinuxBuildImage.fromEcrRepository(repo, tag)',
  parameters: ['AllowedBuildImages', 'AllowedPullThroughCacheUpstreams'],
  check({ resource, settings, facts }) {
    return evaluate(resource, settings, facts);
  },
});
