import { defineControl, type Finding, type ResourceView } from '../types';

function evaluate(view: ResourceView): Finding[] {
  const v = view.str('Visibility')?.trim().toUpperCase();
  if (v === undefined || v === 'PRIVATE') return [];
  if (v === 'PUBLIC_READ') return [{ path: 'Visibility', message: 'Visibility is PUBLIC_READ: build logs and artifacts are readable by anyone on the internet' }];
  return [{ path: 'Visibility', message: 'Visibility is not PRIVATE' }];
}

export const codebuildProjectNotPublic = defineControl({
  id: 'CICD.CODEBUILD.15',
  slug: 'project-not-public',
  title: 'CodeBuild project builds are not public',
  resourceTypes: ['AWS::CodeBuild::Project'],
  severity: 'HIGH',
  risks: ['CICD-SEC-6', 'CICD-SEC-10'],
  requirement: 'Secrets do not leak into build logs; the pipeline is hardened like a production system (S13, S14).',
  rationale:
    'Visibility PUBLIC_READ publishes build results, logs and artifacts at a public URL. Build logs carry environment details, internal hostnames and, through careless echo statements, secrets; artifacts carry the product before release.',
  remediation: 'Remove Visibility or set it to PRIVATE (and remove ResourceAccessRole if it was added for public access).',
  check({ resource }) {
    return evaluate(resource);
  },
});
