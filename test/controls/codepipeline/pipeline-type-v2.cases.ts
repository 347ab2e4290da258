import { defineCases } from '../../helpers/cases';
import { hardenedPipeline } from './builders';

const { PipelineType: _t, ...withoutType } = hardenedPipeline();

export default defineCases({
  controlId: 'CICD.CODEPIPELINE.10',
  resourceType: 'AWS::CodePipeline::Pipeline',
  cases: [
    { name: 'V2 pipeline', properties: hardenedPipeline(), expect: 'PASS' },
    { name: 'v2 in lower case', properties: hardenedPipeline({ PipelineType: 'v2' }), expect: 'PASS' },
    { name: 'V1 pipeline (CDK without the V2 feature flag)', properties: hardenedPipeline({ PipelineType: 'V1' }), expect: 'FAIL', messageIncludes: 'PipelineType is V1' },
    { name: 'PipelineType missing means V1', absent: ['PipelineType'], properties: withoutType, expect: 'FAIL', messageIncludes: 'PipelineType is missing' },
    { name: 'update downgrades V2 to V1', properties: hardenedPipeline({ PipelineType: 'V1' }), previous: hardenedPipeline(), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
    { name: 'update removes PipelineType (back to V1)', properties: withoutType, previous: hardenedPipeline(), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
    { name: 'update upgrades V1 to V2', properties: hardenedPipeline(), previous: withoutType, actions: ['UPDATE'], expect: 'PASS' },
  ],
});
