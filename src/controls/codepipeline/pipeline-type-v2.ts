import { defineControl, type ResourceView } from '../types';

/** 'V1' when absent (the CloudFormation default), the upper-cased value, or undefined when unresolved. */
function pipelineType(view: ResourceView): string | undefined {
  if (!view.has('PipelineType')) return 'V1';
  return view.str('PipelineType')?.trim().toUpperCase();
}

export const codepipelineTypeV2 = defineControl({
  id: 'CICD.CODEPIPELINE.10',
  slug: 'pipeline-type-v2',
  title: 'CodePipeline pipelines are of type V2',
  resourceTypes: ['AWS::CodePipeline::Pipeline'],
  severity: 'LOW',
  risks: ['CICD-SEC-1', 'CICD-SEC-7'],
  requirement: 'Harden the pipeline like a production system (SEC11-BP07): use the pipeline type that supports the platform\'s safety features.',
  rationale:
    'Only V2 pipelines support trigger filters (start only for protected branches, tags or file paths instead of every push or pull request), pipeline-level variables instead of values baked into action configuration, stage conditions and rollback on failure, and the execution modes that stop a newer run from racing an older one to production. A V1 pipeline is not insecure by itself — the severity is LOW — but the safety features the other controls assume are unavailable, and AWS develops new pipeline features for V2 only. PipelineType absent means V1.',
  remediation:
    'Set PipelineType: V2. Review trigger behaviour: V2 bills per action-minute.',
  cdkHint:
    'pipelineType: codepipeline.PipelineType.V2 on pipelines.CodePipeline / codepipeline.Pipeline (or the feature flag @aws-cdk/aws-codepipeline:defaultPipelineTypeToV2)',
  check({ resource }) {
    const type = pipelineType(resource);
    if (type === undefined || type === 'V2') return [];
    return [{ path: 'PipelineType', message: resource.has('PipelineType') ? 'PipelineType is V1' : 'PipelineType is missing (the default is V1)' }];
  },
});
