// The cold-start request of bench/cold-ab.mjs and bench/cold-ceiling.mjs: the bench's first CodeBuild CREATE,
// WITHOUT callerCredentials (no live lookups: the bundle's own cost).
import { readFileSync } from 'node:fs';

const build = JSON.parse(readFileSync(new URL('./fixtures/cdk-pipeline.json', import.meta.url), 'utf8')).largest.codebuild;

export const request = {
  clientRequestToken: 'bench-0001',
  awsAccountId: '111111111111',
  stackId: 'arn:aws:cloudformation:eu-west-1:111111111111:stack/PipelineStack/2b0c8a30-1c2d-11f0-9d3e-0a1b2c3d4e5f',
  changeSetId: null,
  hookTypeName: 'PipelineGuard::CICD::Hook',
  hookTypeVersion: '00000001',
  hookModel: null,
  actionInvocationPoint: 'CREATE_PRE_PROVISION',
  requestData: { targetName: 'AWS::CodeBuild::Project', targetType: 'RESOURCE', targetLogicalId: build.logicalId, targetModel: { resourceProperties: build.properties } },
  requestContext: { invocation: 1, callbackContext: null },
};
