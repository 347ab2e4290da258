import { defineCases } from '../../helpers/cases';

/** Hook declarations as the deploy/ kit and the CloudFormation docs write them (stack of the cases: ci-pipeline). */
const HOOK_TYPES = ['AWS::CloudFormation::HookVersion', 'AWS::CloudFormation::HookDefaultVersion', 'AWS::CloudFormation::HookTypeConfig', 'AWS::CloudFormation::LambdaHook', 'AWS::CloudFormation::GuardHook'];
/** The other registry declarations: each brings in an extension whose handler code this hook never sees. */
const EXTENSION_TYPES = [
  'AWS::CloudFormation::TypeActivation',
  'AWS::CloudFormation::ResourceVersion',
  'AWS::CloudFormation::ResourceDefaultVersion',
  'AWS::CloudFormation::ModuleVersion',
  'AWS::CloudFormation::ModuleDefaultVersion',
  'AWS::CloudFormation::PublicTypeVersion',
];
const IDENTIFYING = ['TypeName', 'TypeVersionArn', 'TypeArn', 'Alias', 'TypeNameAlias', 'PublicTypeArn', 'ModuleName', 'Arn'];

function declaration(type: string): Record<string, unknown> {
  switch (type) {
    case 'AWS::CloudFormation::HookVersion':
      return { TypeName: 'PipelineGuard::CICD::Hook', SchemaHandlerPackage: 's3://acme-packages/pipelineguard-cicd-hook/0.0.9.zip' };
    case 'AWS::CloudFormation::HookDefaultVersion':
      return { TypeVersionArn: 'arn:aws:cloudformation:eu-west-1:123456789012:type/hook/PipelineGuard-CICD-Hook/00000001' };
    case 'AWS::CloudFormation::HookTypeConfig':
      return {
        TypeArn: 'arn:aws:cloudformation:eu-west-1:123456789012:type/hook/PipelineGuard-CICD-Hook',
        ConfigurationAlias: 'default',
        Configuration: JSON.stringify({ CloudFormationConfiguration: { HookConfiguration: { HookInvocationStatus: 'DISABLED', FailureMode: 'WARN', Properties: {} } } }),
      };
    case 'AWS::CloudFormation::LambdaHook':
      return { Alias: 'Team::Own::Hook', LambdaFunction: 'arn:aws:lambda:eu-west-1:123456789012:function:team-hook', ExecutionRole: 'arn:aws:iam::123456789012:role/team-hook', HookStatus: 'ENABLED', FailureMode: 'WARN', TargetOperations: ['RESOURCE'] };
    case 'AWS::CloudFormation::TypeActivation':
      return { Type: 'RESOURCE', PublicTypeArn: 'arn:aws:cloudformation:eu-west-1::type/resource/0123456789abcdef0123456789abcdef01234567/Acme-S3-BucketPolicy', TypeNameAlias: 'Team::S3::BucketPolicy', ExecutionRoleArn: 'arn:aws:iam::123456789012:role/team-extension', AutoUpdate: 'true' };
    case 'AWS::CloudFormation::ResourceVersion':
      return { TypeName: 'Team::Ops::BucketPolicy', SchemaHandlerPackage: 's3://team-packages/team-ops-bucketpolicy.zip', ExecutionRoleArn: 'arn:aws:iam::123456789012:role/team-extension' };
    case 'AWS::CloudFormation::ResourceDefaultVersion':
      return { TypeVersionArn: 'arn:aws:cloudformation:eu-west-1:123456789012:type/resource/Team-Ops-BucketPolicy/00000002' };
    case 'AWS::CloudFormation::ModuleVersion':
      return { ModuleName: 'Team::Pipeline::Role::MODULE', ModulePackage: 's3://team-packages/role-module.zip' };
    case 'AWS::CloudFormation::ModuleDefaultVersion':
      return { Arn: 'arn:aws:cloudformation:eu-west-1:123456789012:type/module/Team-Pipeline-Role-MODULE/00000002' };
    case 'AWS::CloudFormation::PublicTypeVersion':
      return { Type: 'RESOURCE', TypeName: 'Team::Ops::BucketPolicy', LogDeliveryBucket: 'team-contract-logs' };
    default:
      return { Alias: 'Team::Guard::Hook', RuleLocation: { Uri: 's3://team-rules/rules.guard' }, ExecutionRole: 'arn:aws:iam::123456789012:role/team-guard', HookStatus: 'ENABLED', FailureMode: 'FAIL', TargetOperations: ['STACK'] };
  }
}

/** The same without its identifying property (TypeName / TypeVersionArn / TypeArn / Alias): still a hook declaration. */
function withoutName(type: string): Record<string, unknown> {
  const p = declaration(type);
  for (const k of IDENTIFYING) delete p[k];
  return p;
}

export default defineCases({
  controlId: 'CICD.CFN.2',
  resourceTypes: [...HOOK_TYPES, ...EXTENSION_TYPES],
  cases: [
    { name: 'a team stack declaring it fails under the default (no platform stacks)', properties: declaration, expect: 'FAIL', messageIncludes: (t) => ['ci-pipeline', t, 'PlatformStackNames'] },
    { name: 'the platform stack named in PlatformStackNames passes', properties: declaration, config: { PlatformStackNames: ['platform-*', 'ci-pipeline'] }, expect: 'PASS' },
    { name: 'a glob that matches the stack passes', properties: declaration, config: { PlatformStackNames: ['ci-*'] }, expect: 'PASS' },
    { name: 'a glob for other stacks does not (case-sensitive)', properties: declaration, config: { PlatformStackNames: ['CI-*', 'StackSet-pipeline-guard-*'] }, expect: 'FAIL' },
    { name: 'the identifying property missing is still a declaration', properties: withoutName, absent: IDENTIFYING, expect: 'FAIL' },
    { name: 'update of a declaration in a team stack fails (not weakening: it failed before)', properties: declaration, previous: declaration, actions: ['UPDATE'], expect: 'FAIL' },
  ],
});
