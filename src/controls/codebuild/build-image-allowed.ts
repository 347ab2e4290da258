import { batchEnvironments } from '../../predicates/buildspec';
import { inlineBuildSpecs } from '../../predicates/codebuild';
import { imageMatchesAny } from '../../predicates/image';
import { isDynamicReference, ownCI } from '../../predicates/values';
import { defineControl, type Finding, type ResourceView, type Settings } from '../types';

function evaluate(view: ResourceView, settings: Settings): Finding[] {
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
    'The build image is the operating system every build step runs in, with the project role credentials. An image from a public registry can be replaced by whoever controls the upstream repository. Images are matched against AllowedBuildImages (default: CodeBuild curated images aws/codebuild/* and private ECR repositories of the same account); registry host and repository path are matched separately so a wildcard cannot stretch across hosts. A dynamic reference ({{resolve:ssm:...}}) as image cannot be verified and fails. Environment.RegistryCredential exists only to pull from registries outside AWS and fails too. Batch builds are judged like the project: every image a build-list or build-graph task or a build-matrix env (static, or each entry of a dynamic list) of an inline buildspec selects must be allowed; an inline buildspec that does not parse or whose parse is ambiguous fails, because its batch images cannot be read.',
  remediation:
    'Use an aws/codebuild/* image or mirror the image into an ECR repository of this account (ImagePullCredentialsType: SERVICE_ROLE) and reference it by URI, and remove Environment.RegistryCredential. The platform team extends AllowedBuildImages in the hook configuration for other approved registries.',
  cdkHint: 'environment: { buildImage: codebuild.LinuxBuildImage.STANDARD_7_0 } or codebuild.LinuxBuildImage.fromEcrRepository(repo, tag)',
  parameters: ['AllowedBuildImages'],
  check({ resource, settings }) {
    return evaluate(resource, settings);
  },
});
