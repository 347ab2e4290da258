import { imageMatchesAny } from '../../predicates/image';
import { isDynamicReference } from '../../predicates/values';
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
    'The build image is the operating system every build step runs in, with the project role credentials. An image from a public registry can be replaced by whoever controls the upstream repository. Images are matched against AllowedBuildImages (default: CodeBuild curated images aws/codebuild/* and private ECR repositories of the same account); registry host and repository path are matched separately so a wildcard cannot stretch across hosts. A dynamic reference ({{resolve:ssm:...}}) as image cannot be verified and fails. Environment.RegistryCredential exists only to pull from registries outside AWS and fails too.',
  remediation:
    'Use an aws/codebuild/* image or mirror the image into an ECR repository of this account (ImagePullCredentialsType: SERVICE_ROLE) and reference it by URI, and remove Environment.RegistryCredential. The platform team extends AllowedBuildImages in the hook configuration for other approved registries.',
  parameters: ['AllowedBuildImages'],
  check({ resource, settings }) {
    return evaluate(resource, settings);
  },
});
