/** SDK calls named in templates (CDK AwsCustomResource, Step Functions / Scheduler aws-sdk ARNs, SSM aws:executeAwsApi) → IAM actions → change or not. */
import { lookupAction, type CatalogueAction } from '../../src/predicates/iam-catalogue';
import { changesDefinition, definitionChangesAllowed, iamPrefixOfSdkService, iamPrefixOfType, judgeSdkCall, sdkIntegrationsIn } from '../../src/predicates/sdk-calls';

const GUARDED: ReadonlySet<string> = new Set(['codebuild', 'codepipeline', 's3', 'kms', 'logs', 'lambda', 'states', 'ec2', 'ssm', 'events', 'scheduler', 'iam', 'cloudformation']);

function action(name: string): CatalogueAction {
  const a = lookupAction(name);
  if (!a) throw new Error(`the IAM catalogue does not list ${name}`);
  return a;
}

describe('iamPrefixOfSdkService', () => {
  test.each([
    ['CodeBuild', 'codebuild'],
    ['codebuild', 'codebuild'],
    ['@aws-sdk/client-codebuild', 'codebuild'],
    ['CloudWatchLogs', 'logs'],
    ['EventBridge', 'events'],
    ['SFN', 'states'],
    ['@aws-sdk/client-sfn', 'states'],
    ['@aws-sdk/client-codestar-connections', 'codestar-connections'],
    ['ElasticLoadBalancingV2', 'elasticloadbalancing'],
  ])('%s → %s', (service, prefix) => {
    expect(iamPrefixOfSdkService(service)).toBe(prefix);
  });

  test('surrounding blanks around a package name do not hide it', () => {
    expect(iamPrefixOfSdkService('  @aws-sdk/client-codebuild ')).toBe('codebuild');
    expect(iamPrefixOfSdkService(' @aws-sdk/client-sfn')).toBe('states');
  });

  test('only a leading @aws-sdk/client- package scope is dropped, not one inside another name', () => {
    expect(iamPrefixOfSdkService('vendor/@aws-sdk/client-s3')).not.toBe('s3');
    expect(iamPrefixOfSdkService('vendor/@aws-sdk/client-s3')).toBe('vendorawssdkclients3');
  });
});

describe('judgeSdkCall: spellings of one call', () => {
  test.each([
    ['CodeBuild', 'updateProject'],
    ['CodeBuild', 'UpdateProject'],
    ['codebuild', 'UpdateProjectCommand'],
    ['@aws-sdk/client-codebuild', 'UpdateProjectCommand'],
    ['@aws-sdk/client-codebuild', 'updateProject'],
  ])('%s %s is codebuild:UpdateProject, a change', (service, act) => {
    expect(judgeSdkCall(service, act, GUARDED)).toEqual({ kind: 'change', iamAction: 'codebuild:UpdateProject', service: 'codebuild' });
  });

  test('blanks around a Command name do not hide the call', () => {
    expect(judgeSdkCall('@aws-sdk/client-codebuild', ' UpdateProjectCommand ', GUARDED)).toEqual({ kind: 'change', iamAction: 'codebuild:UpdateProject', service: 'codebuild' });
  });

  test('only a trailing Command is dropped: StartCommandExecution stays itself (a data-plane action, not a change)', () => {
    expect(judgeSdkCall('CodeBuild', 'StartCommandExecution', GUARDED)).toEqual({ kind: 'none' });
    expect(judgeSdkCall('CodeBuild', 'startCommandExecutionCommand', GUARDED)).toEqual({ kind: 'none' });
  });

  test('a service the hook does not guard is never a change', () => {
    expect(judgeSdkCall('DynamoDB', 'deleteTable', GUARDED)).toEqual({ kind: 'none' });
  });

  test('S3 API names are mapped to their IAM spelling', () => {
    expect(judgeSdkCall('S3', 'putBucketEncryption', GUARDED)).toEqual({ kind: 'change', iamAction: 's3:PutEncryptionConfiguration', service: 's3' });
    expect(judgeSdkCall('@aws-sdk/client-s3', 'DeletePublicAccessBlockCommand', GUARDED)).toEqual({ kind: 'change', iamAction: 's3:PutBucketPublicAccessBlock', service: 's3' });
  });

  test("S3's spellings are not applied to other services' calls of the same name", () => {
    const guarded = new Set(['s3control']);
    expect(judgeSdkCall('@aws-sdk/client-s3-control', 'PutPublicAccessBlockCommand', guarded)).toEqual({ kind: 'change', iamAction: 's3control:PutPublicAccessBlock', service: 's3control' });
  });
});

describe('judgeSdkCall: catalogue actions', () => {
  test('reading and data-plane actions are not changes', () => {
    expect(judgeSdkCall('CodeBuild', 'listProjects', GUARDED)).toEqual({ kind: 'none' });
    expect(judgeSdkCall('CodeBuild', 'startBuild', GUARDED)).toEqual({ kind: 'none' });
    expect(judgeSdkCall('KMS', 'encrypt', GUARDED)).toEqual({ kind: 'none' });
    expect(judgeSdkCall('Lambda', 'invokeFunction', GUARDED)).toEqual({ kind: 'none' });
  });

  test('definition changes of guarded services are changes, named as the catalogue spells them', () => {
    expect(judgeSdkCall('KMS', 'createKey', GUARDED)).toEqual({ kind: 'change', iamAction: 'kms:CreateKey', service: 'kms' });
    expect(judgeSdkCall('SFN', 'updateStateMachine', GUARDED)).toEqual({ kind: 'change', iamAction: 'states:UpdateStateMachine', service: 'states' });
    expect(judgeSdkCall('CloudWatchLogs', 'putRetentionPolicy', GUARDED)).toEqual({ kind: 'change', iamAction: 'logs:PutRetentionPolicy', service: 'logs' });
  });

  test('in services guarded for a few types only, only actions on those types are changes', () => {
    expect(judgeSdkCall('EC2', 'createVpc', GUARDED)).toEqual({ kind: 'none' });
    expect(judgeSdkCall('EC2', 'createNetworkInterface', GUARDED)).toEqual({ kind: 'none' });
    // instances are guarded (their user data and instance profile): launching or changing one out of band is a change
    expect(judgeSdkCall('EC2', 'runInstances', GUARDED)).toEqual({ kind: 'change', iamAction: 'ec2:RunInstances', service: 'ec2' });
    expect(judgeSdkCall('EC2', 'modifyInstanceAttribute', GUARDED)).toEqual({ kind: 'change', iamAction: 'ec2:ModifyInstanceAttribute', service: 'ec2' });
    expect(judgeSdkCall('EC2', 'replaceIamInstanceProfileAssociation', GUARDED)).toEqual({ kind: 'change', iamAction: 'ec2:ReplaceIamInstanceProfileAssociation', service: 'ec2' });
    // the extension registry: switching a hook off through an SDK call
    expect(judgeSdkCall('CloudFormation', 'setTypeConfiguration', GUARDED)).toEqual({ kind: 'change', iamAction: 'cloudformation:SetTypeConfiguration', service: 'cloudformation' });
    expect(judgeSdkCall('CloudFormation', 'DeactivateTypeCommand', GUARDED)).toEqual({ kind: 'change', iamAction: 'cloudformation:DeactivateType', service: 'cloudformation' });
    expect(judgeSdkCall('CloudFormation', 'describeType', GUARDED)).toEqual({ kind: 'none' });
    expect(judgeSdkCall('CloudFormation', 'createStack', GUARDED)).toEqual({ kind: 'none' });
    expect(judgeSdkCall('EC2', 'createLaunchTemplateVersion', GUARDED)).toEqual({ kind: 'change', iamAction: 'ec2:CreateLaunchTemplateVersion', service: 'ec2' });
    expect(judgeSdkCall('SSM', 'putParameter', GUARDED)).toEqual({ kind: 'change', iamAction: 'ssm:PutParameter', service: 'ssm' });
    expect(judgeSdkCall('EventBridge', 'putEvents', GUARDED)).toEqual({ kind: 'none' });
    expect(judgeSdkCall('EventBridge', 'putRule', GUARDED)).toEqual({ kind: 'change', iamAction: 'events:PutRule', service: 'events' });
  });
});

describe('judgeSdkCall: actions the catalogue does not list', () => {
  test('a reading name is not a change', () => {
    expect(judgeSdkCall('CodeBuild', 'describeProjectInsights', GUARDED)).toEqual({ kind: 'none' });
  });

  test('a mutating name is a change, named from the SDK call', () => {
    expect(judgeSdkCall('CodeBuild', 'updateProjectInsights', GUARDED)).toEqual({ kind: 'change', iamAction: 'codebuild:UpdateProjectInsights', service: 'codebuild' });
  });

  test('a name that tells neither is unknown', () => {
    expect(judgeSdkCall('CodeBuild', 'frobnicateProject', GUARDED)).toEqual({ kind: 'unknown', iamAction: 'codebuild:FrobnicateProject', service: 'codebuild' });
  });

  test('in services guarded for a few types only, a mutating name on another type is not a change', () => {
    expect(judgeSdkCall('EC2', 'createWidgetPool', GUARDED)).toEqual({ kind: 'none' });
    expect(judgeSdkCall('EC2', 'frobnicateWidgetPool', GUARDED)).toEqual({ kind: 'none' });
  });

  test('in services guarded for a few types only, a mutating name on a guarded type is a change', () => {
    expect(judgeSdkCall('EC2', 'createLaunchTemplateAlias', GUARDED)).toEqual({ kind: 'change', iamAction: 'ec2:CreateLaunchTemplateAlias', service: 'ec2' });
    expect(judgeSdkCall('EC2', 'frobnicateLaunchTemplate', GUARDED)).toEqual({ kind: 'unknown', iamAction: 'ec2:FrobnicateLaunchTemplate', service: 'ec2' });
  });
});

describe('changesDefinition', () => {
  test('Write and Permissions management actions change a definition; reading and tagging do not', () => {
    expect(changesDefinition(action('codebuild:UpdateProject'))).toBe(true);
    expect(changesDefinition(action('iam:PutRolePolicy'))).toBe(true);
    expect(changesDefinition(action('codebuild:ListProjects'))).toBe(false);
    expect(changesDefinition(action('scheduler:TagResource'))).toBe(false);
  });

  test('a service without data-plane or type restrictions: every Write action is a change', () => {
    expect(changesDefinition(action('states:UpdateStateMachine'))).toBe(true);
    expect(changesDefinition(action('codestar-connections:UpdateConnectionInstallation'))).toBe(true);
  });

  test('data-plane actions are not changes', () => {
    expect(changesDefinition(action('kms:Encrypt'))).toBe(false);
    expect(changesDefinition(action('iam:PassRole'))).toBe(false);
    expect(changesDefinition(action('codepipeline:StartPipelineExecution'))).toBe(false);
  });

  test('in services guarded for a few types only, Write actions on other types are not changes', () => {
    expect(changesDefinition(action('ec2:CreateVpc'))).toBe(false);
    expect(changesDefinition(action('ec2:RunInstances'))).toBe(true); // instances are guarded
    expect(changesDefinition(action('ec2:CreateLaunchTemplate'))).toBe(true);
    expect(changesDefinition(action('ssm:SendCommand'))).toBe(false);
    expect(changesDefinition(action('scheduler:CreateSchedule'))).toBe(true);
  });
});

describe('definitionChangesAllowed', () => {
  test('a service wildcard allows its definition changes, not its reads or data-plane actions', () => {
    const names = definitionChangesAllowed('codebuild:*', new Set(['codebuild'])).map((a) => `${a.service}:${a.name}`);
    expect(names).toContain('codebuild:UpdateProject');
    expect(names).toContain('codebuild:DeleteProject');
    expect(names).not.toContain('codebuild:StartBuild');
    expect(names).not.toContain('codebuild:ListProjects');
  });

  test('only guarded services count', () => {
    expect(definitionChangesAllowed('codebuild:*', new Set(['s3']))).toEqual([]);
    const services = new Set(definitionChangesAllowed('*', new Set(['codebuild', 'states'])).map((a) => a.service));
    expect([...services].sort()).toEqual(['codebuild', 'states']);
  });
});

describe('sdkIntegrationsIn', () => {
  const text = JSON.stringify({
    StartAt: 'A',
    States: {
      A: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:codebuild:updateProject', Next: 'B' },
      B: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:s3:putBucketPolicy', End: true },
    },
    Target: 'arn:aws:scheduler:::aws-sdk:ssm:putParameter',
  });

  test('Step Functions aws-sdk tasks', () => {
    expect(sdkIntegrationsIn(text, 'states')).toEqual([
      { service: 'codebuild', action: 'updateProject' },
      { service: 's3', action: 'putBucketPolicy' },
    ]);
  });

  test('Scheduler universal targets', () => {
    expect(sdkIntegrationsIn(text, 'scheduler')).toEqual([{ service: 'ssm', action: 'putParameter' }]);
  });

  test('other partitions and upper case ARNs; nothing without aws-sdk', () => {
    expect(sdkIntegrationsIn('arn:aws-us-gov:STATES:::aws-sdk:sfn:StartExecution', 'states')).toEqual([{ service: 'sfn', action: 'StartExecution' }]);
    expect(sdkIntegrationsIn('arn:aws:states:::lambda:invoke', 'states')).toEqual([]);
  });
});

describe('iamPrefixOfType', () => {
  test.each([
    ['AWS::CodeBuild::Project', 'codebuild'],
    ['AWS::CodeStarConnections::Connection', 'codestar-connections'],
    ['AWS::StepFunctions::StateMachine', 'states'],
    ['AWS::ElasticLoadBalancingV2::LoadBalancer', 'elasticloadbalancing'],
  ])('%s → %s', (type, prefix) => {
    expect(iamPrefixOfType(type)).toBe(prefix);
  });

  test('not a resource type: undefined', () => {
    expect(iamPrefixOfType('Custom::Thing')).toBeUndefined();
    expect(iamPrefixOfType('codebuild')).toBeUndefined();
  });
});

describe('judgeSdkCall: actions whose own name ends in Command', () => {
  // AWS IoT's commands feature (iot:CreateCommand, iot:UpdateCommand, iot:DeleteCommand): the SDK's
  // `UpdateCommandCommand` and the bare `UpdateCommand` are the same IAM action, never `iot:Update`.
  test.each(['UpdateCommand', 'UpdateCommandCommand', 'updateCommand', ' UpdateCommand '])('IoT %j is iot:UpdateCommand', (action) => {
    expect(judgeSdkCall('IoT', action, new Set(['iot']))).toEqual({ kind: 'change', iamAction: 'iot:UpdateCommand', service: 'iot' });
  });
  test('the SDK suffix is still dropped where the name without it is the action', () => {
    expect(judgeSdkCall('CodeBuild', 'UpdateProjectCommand', new Set(['codebuild']))).toEqual({ kind: 'change', iamAction: 'codebuild:UpdateProject', service: 'codebuild' });
  });
});

describe('judgeSdkCall and iamPrefixOfType: names that merely contain a marker', () => {
  test('an action with Command inside its name (not a catalogue action) keeps its whole name', () => {
    expect(judgeSdkCall('CodeBuild', 'PutCommandPolicy', new Set(['codebuild']))).toMatchObject({ iamAction: 'codebuild:PutCommandPolicy' });
  });
  test('a custom type that merely contains AWS:: is no AWS type', () => {
    expect(iamPrefixOfType('Custom::AWS::CodeBuild::Project')).toBeUndefined();
    expect(iamPrefixOfType('AWS::CodeBuild::Project')).toBe('codebuild');
  });
});
