import { defineCases } from '../../helpers/cases';

const CMK = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const repo = (extra: Record<string, unknown> = {}) => ({
  Type: 'AWS::ECR::Repository',
  Properties: { RepositoryName: 'ci/app', ImageScanningConfiguration: { ScanOnPush: true }, ImageTagMutability: 'IMMUTABLE', EncryptionConfiguration: { EncryptionType: 'KMS', KmsKey: CMK }, ...extra },
});
const body = (resources: Record<string, unknown>) => JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: resources });
const STACK_SET = 'AWS::CloudFormation::StackSet';
const STACK = 'AWS::CloudFormation::Stack';
/** A StackSet, or a stack created through Cloud Control (StackName + TemplateBody), holding `templateBody`. */
const stackSet = (templateBody: unknown) => (type: string) => ({
  ...(type === STACK ? { StackName: 'ci-app' } : { StackSetName: 'ci-baseline', PermissionModel: 'SERVICE_MANAGED', AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false } }),
  ...(templateBody === undefined ? {} : { TemplateBody: templateBody }),
});
const yamlMutable = ['Resources:', '  Repo:', '    Type: AWS::ECR::Repository', '    Properties:', '      ImageScanningConfiguration: {ScanOnPush: "true"}', '      ImageTagMutability: mutable', '      EncryptionConfiguration:', '        EncryptionType: KMS', `        KmsKey: ${CMK}`, ''].join('\n');

export default defineCases({
  controlId: 'CICD.CFN.1',
  resourceTypes: [STACK_SET, STACK],
  cases: [
    { name: 'inline JSON template with a compliant repository', properties: stackSet(body({ Repo: repo() })), expect: 'PASS' },
    { name: 'inline YAML template with an untargeted resource', properties: stackSet('Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n'), expect: 'PASS' },
    { name: 'TemplateURL only (not fetched: left to the hook where the stacks are created)', absent: ['TemplateBody'], properties: (t) => ({ ...stackSet(undefined)(t), TemplateURL: 'https://s3.amazonaws.com/ci-templates/baseline.json' }), expect: 'PASS' },
    { name: 'template without Resources', absent: ['TemplateBody'], properties: stackSet(undefined), expect: 'PASS' },
    {
      name: 'inline JSON template with a repository of mutable tags',
      properties: stackSet(body({ Ok: repo(), Repo: repo({ ImageTagMutability: 'MUTABLE' }) })),
      expect: 'FAIL',
      messageIncludes: ['TemplateBody.Resources.Repo.Properties.ImageTagMutability', 'CICD.ECR.2'],
    },
    { name: 'inline YAML template with a mutable repository (values as strings, lower case)', properties: stackSet(yamlMutable), expect: 'FAIL', messageIncludes: 'TemplateBody.Resources.Repo.Properties.ImageTagMutability' },
    {
      name: 'privileged CodeBuild project wrapped in a StackSet or a stack',
      properties: stackSet(body({ Build: { Type: 'AWS::CodeBuild::Project', Properties: { Environment: { Type: 'LINUX_CONTAINER', Image: 'aws/codebuild/standard:7.0', ComputeType: 'BUILD_GENERAL1_SMALL', PrivilegedMode: true } } } })),
      expect: 'FAIL',
      messageIncludes: 'TemplateBody.Resources.Build.Properties.Environment.PrivilegedMode',
    },
    { name: 'unreadable TemplateBody', properties: stackSet('{"Resources": {"A": '), expect: 'FAIL', messageIncludes: 'TemplateBody is not a readable' },
    { name: 'TemplateBody with duplicate keys (ambiguous)', properties: stackSet('{"Resources": {"Repo": {"Type": "AWS::SQS::Queue"}, "Repo": {"Type": "AWS::SQS::Queue"}}}'), expect: 'FAIL' },
    { name: 'unresolved TemplateBody', typedOnly: true, properties: stackSet({ 'Fn::Sub': '${Body}' }), expect: 'UNKNOWN' },
    { name: 'update that adds a mutable repository to the inline template', properties: stackSet(body({ Ok: repo(), Repo: repo({ ImageTagMutability: 'MUTABLE' }) })), previous: stackSet(body({ Ok: repo() })), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
  ],
});
