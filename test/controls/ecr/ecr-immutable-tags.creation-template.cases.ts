import { defineCases } from '../../helpers/cases';
import { template } from './repository-creation-template.fixtures';

export default defineCases({
  controlId: 'CICD.ECR.2',
  resourceType: 'AWS::ECR::RepositoryCreationTemplate',
  cases: [
    { name: 'template with IMMUTABLE tags', properties: template(), expect: 'PASS' },
    { name: 'ROOT template, immutable spelled in lower case', properties: template({ Prefix: 'ROOT', ImageTagMutability: ' immutable ' }), expect: 'PASS' },
    { name: 'template with MUTABLE tags', properties: template({ ImageTagMutability: 'MUTABLE' }), expect: 'FAIL', messageIncludes: 'ImageTagMutability is MUTABLE' },
    { name: 'template without ImageTagMutability (MUTABLE by default)', absent: ['ImageTagMutability'], properties: template({ ImageTagMutability: undefined }), expect: 'FAIL', messageIncludes: 'not set' },
    { name: 'template excluding every tag', properties: template({ ImageTagMutability: 'IMMUTABLE_WITH_EXCLUSION', ImageTagMutabilityExclusionFilters: [{ ImageTagMutabilityExclusionFilterType: 'WILDCARD', ImageTagMutabilityExclusionFilterValue: '**' }] }), expect: 'FAIL' },
    { name: 'update of a template to mutable tags', properties: template({ ImageTagMutability: 'MUTABLE' }), previous: template(), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
  ],
});
