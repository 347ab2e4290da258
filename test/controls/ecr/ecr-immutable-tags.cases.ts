import { defineCases } from '../../helpers/cases';

const repo = (extra: Record<string, unknown> = {}) => ({ RepositoryName: 'ci/app', ImageScanningConfiguration: { ScanOnPush: true }, ...extra });
const filter = (value: string) => ({ ImageTagMutabilityExclusionFilterType: 'WILDCARD', ImageTagMutabilityExclusionFilterValue: value });

export default defineCases({
  controlId: 'CICD.ECR.2',
  resourceType: 'AWS::ECR::Repository',
  cases: [
    { name: 'IMMUTABLE', properties: repo({ ImageTagMutability: 'IMMUTABLE' }), expect: 'PASS' },
    { name: 'immutable in lower case', properties: repo({ ImageTagMutability: 'immutable' }), expect: 'PASS' },
    { name: 'IMMUTABLE_WITH_EXCLUSION for latest only', properties: repo({ ImageTagMutability: 'IMMUTABLE_WITH_EXCLUSION', ImageTagMutabilityExclusionFilters: [filter('latest')] }), expect: 'PASS' },
    { name: 'IMMUTABLE_WITH_EXCLUSION with a prefix wildcard', properties: repo({ ImageTagMutability: 'IMMUTABLE_WITH_EXCLUSION', ImageTagMutabilityExclusionFilters: [filter('dev-*')] }), expect: 'PASS' },
    {
      name: 'IMMUTABLE_WITH_EXCLUSION with a filter of "*" (every tag mutable)',
      properties: repo({ ImageTagMutability: 'IMMUTABLE_WITH_EXCLUSION', ImageTagMutabilityExclusionFilters: [filter('latest'), filter('*')] }),
      expect: 'FAIL',
      messageIncludes: 'ImageTagMutabilityExclusionFilters[1]',
    },
    { name: 'MUTABLE', properties: repo({ ImageTagMutability: 'MUTABLE' }), expect: 'FAIL', messageIncludes: 'ImageTagMutability is MUTABLE' },
    { name: 'MUTABLE_WITH_EXCLUSION', properties: repo({ ImageTagMutability: 'MUTABLE_WITH_EXCLUSION', ImageTagMutabilityExclusionFilters: [filter('v*')] }), expect: 'FAIL' },
    { name: 'ImageTagMutability missing (defaults to MUTABLE)', absent: ['ImageTagMutability'], properties: repo(), expect: 'FAIL', messageIncludes: 'ImageTagMutability is not set' },
    { name: 'ImageTagMutability is a list (odd shape)', properties: repo({ ImageTagMutability: ['IMMUTABLE'] }), expect: 'FAIL' },
    {
      name: 'update turns tags mutable again',
      properties: repo({ ImageTagMutability: 'MUTABLE' }),
      previous: repo({ ImageTagMutability: 'IMMUTABLE' }),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
      messageIncludes: ['ImageTagMutability is MUTABLE', 'introduced by this update'],
    },
    {
      name: 'update adds a catch-all exclusion filter',
      properties: repo({ ImageTagMutability: 'IMMUTABLE_WITH_EXCLUSION', ImageTagMutabilityExclusionFilters: [filter('*')] }),
      previous: repo({ ImageTagMutability: 'IMMUTABLE' }),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
    },
    { name: 'unresolved Ref (local check only)', properties: repo({ ImageTagMutability: { Ref: 'Mutability' } }), expect: 'UNKNOWN', typedOnly: true },
  ],
});
