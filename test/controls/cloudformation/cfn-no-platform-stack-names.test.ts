/** CICD.CFN.3 outside any stack (Cloud Control requests carry no stack name): judged, never the platform's. */
import { buildRequest, invokeHook } from '../../helpers/requests';

const KIT = { PlatformStackNames: ['pipeline-guard-*', 'StackSet-pipeline-guard-*', 'registry-hook', 'lambda-hook'] };

async function cfn3(type: string, properties: Record<string, unknown>) {
  const { response } = await invokeHook(buildRequest({ type, properties, stackId: null, hookModel: KIT, logicalId: 'Resource' }));
  return response.annotations?.find((a) => a.annotationName === 'CICD.CFN.3');
}

describe('CICD.CFN.3 without a stack (Cloud Control)', () => {
  test('a stack created under a platform name fails', async () => {
    const a = await cfn3('AWS::CloudFormation::Stack', { StackName: 'pipeline-guard-evil', TemplateURL: 'https://s3.eu-west-1.amazonaws.com/t/app.yaml' });
    expect(a?.status).toBe('FAILED');
    expect(a?.statusMessage).toContain('pipeline-guard-evil');
  });
  test('a stack set whose instance stacks get platform names fails', async () => {
    const a = await cfn3('AWS::CloudFormation::StackSet', { StackSetName: 'pipeline-guard-evil', PermissionModel: 'SELF_MANAGED', TemplateURL: 'https://s3.eu-west-1.amazonaws.com/t/app.yaml' });
    expect(a?.status).toBe('FAILED');
  });
  test('team names pass; a stack without StackName outside a stack names nothing', async () => {
    expect((await cfn3('AWS::CloudFormation::Stack', { StackName: 'team-app', TemplateURL: 'https://s3.eu-west-1.amazonaws.com/t/app.yaml' }))?.status).toBe('PASSED');
    expect((await cfn3('AWS::CloudFormation::Stack', { TemplateURL: 'https://s3.eu-west-1.amazonaws.com/t/app.yaml' }))?.status).toBe('PASSED');
    expect((await cfn3('AWS::CloudFormation::StackSet', { StackSetName: 'team-baseline', PermissionModel: 'SELF_MANAGED', TemplateURL: 'https://s3.eu-west-1.amazonaws.com/t/app.yaml' }))?.status).toBe('PASSED');
  });
});
