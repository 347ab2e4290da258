import { defineControl, type Finding, type ResourceView } from '../types';

const PATH = 'ImageTagMutability';
const FILTERS = 'ImageTagMutabilityExclusionFilters';

/** What keeps the repository's tags from being immutable (empty: immutable). */
function evaluate(view: ResourceView): Finding[] {
  const raw = view.str(PATH);
  const value = raw?.trim().toUpperCase();
  if (value === undefined) {
    return [{ path: PATH, message: view.has(PATH) ? `${PATH} is not IMMUTABLE` : `${PATH} is not set, so tags are MUTABLE` }];
  }
  if (value === 'IMMUTABLE') return [];
  if (value !== 'IMMUTABLE_WITH_EXCLUSION') {
    const shown = value === 'MUTABLE' || value === 'MUTABLE_WITH_EXCLUSION' ? value : 'not IMMUTABLE';
    return [{ path: PATH, message: `${PATH} is ${shown}` }];
  }
  // IMMUTABLE_WITH_EXCLUSION: the filters make matching tags mutable again; a filter of only wildcards matches every tag.
  const out: Finding[] = [];
  for (const { view: filter } of view.items(FILTERS)) {
    const v = filter.str('ImageTagMutabilityExclusionFilterValue');
    if (v !== undefined && /^[*?]+$/.test(v.trim()) && v.includes('*')) {
      out.push({ path: filter.path, message: `${filter.path} excludes every tag from immutability` });
    }
  }
  return out;
}

export const ecrImmutableTags = defineControl({
  id: 'CICD.ECR.2',
  slug: 'ecr-immutable-tags',
  title: 'ECR repositories, and the templates of repositories created on push, have immutable image tags',
  resourceTypes: ['AWS::ECR::Repository', 'AWS::ECR::RepositoryCreationTemplate'],
  severity: 'MEDIUM',
  risks: ['CICD-SEC-9'],
  requirement: 'Artifact integrity (OWASP CICD-SEC-9): an image tag that was tested and approved always refers to the same image.',
  rationale:
    'With mutable tags anyone who can push to the repository can replace the image behind a tag the pipeline already tested and approved (for example v1.4.2, or the tag a production task definition uses); the next deployment or scale-out then runs the replacement. An AWS::ECR::RepositoryCreationTemplate gives the settings of every repository ECR creates on push, through pull-through cache or by replication for its Prefix (ROOT: every such repository): it is judged like a repository, so create-on-push cannot produce mutable repositories.',
  remediation:
    'Set ImageTagMutability to IMMUTABLE. If a moving tag such as latest is needed, use IMMUTABLE_WITH_EXCLUSION with ImageTagMutabilityExclusionFilters naming only that tag (never a filter of just "*"), and deploy by image digest.',
  cdkHint: 'imageTagMutability: ecr.TagMutability.IMMUTABLE on ecr.Repository',
  check({ resource }) {
    return evaluate(resource);
  },
});
