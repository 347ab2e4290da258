/**
 * PASS / FAIL / UNKNOWN templates of the stack controls (one list per control), run by
 * test/controls/stack-cases.test.ts through the real entry with a STACK payload.
 */
import { RELATION_CASES } from './relation-cases';

export interface StackCase {
  name: string;
  template: Record<string, unknown>;
  expect: 'PASS' | 'FAIL' | 'UNKNOWN';
  /** Logical IDs the control's findings (or UNKNOWNs) name. */
  logicalIds?: string[];
  messageIncludes?: string[];
  config?: Record<string, unknown>;
  /**
   * Live lookups on, answered from this table (test/helpers/facts.ts: `'<kind> <ref>'` → fact or `{ $error }`);
   * a request not in it fails as not found. Without it, lookups are off.
   */
  facts?: Record<string, unknown>;
}

const tlsDeny = (resources: unknown[]) => ({
  Effect: 'Deny',
  Principal: { AWS: '*' },
  Action: 's3:*',
  Resource: resources,
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
});
const arn = { 'Fn::GetAtt': ['Artifacts', 'Arn'] };
const objects = { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Artifacts', 'Arn'] }, '/*']] };

const role = (extra: Record<string, unknown> = {}) => ({
  Type: 'AWS::IAM::Role',
  Properties: { AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'codebuild.amazonaws.com' }, Action: 'sts:AssumeRole' }] }, ...extra },
});
const pipeline = (store: Record<string, unknown> = { Type: 'S3', Location: { Ref: 'Artifacts' } }) => ({
  Type: 'AWS::CodePipeline::Pipeline',
  Properties: { RoleArn: { 'Fn::GetAtt': ['PipelineRole', 'Arn'] }, ArtifactStore: store, Stages: [] },
});
/** The s3.bucket fact of an existing, otherwise hardened bucket with these bucket policy statements. */
const existingBucket = (statements: unknown[]) => ({
  versioning: true,
  logging: true,
  encryption: { algorithm: 'aws:kms', keyId: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
  publicAccessBlock: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true },
  policy: { Version: '2012-10-17', Statement: statements },
});
const withPolicy = (statements: unknown[], bucket: unknown = { Ref: 'Artifacts' }) => ({
  Artifacts: { Type: 'AWS::S3::Bucket', DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' },
  ArtifactsPolicy: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: bucket, PolicyDocument: { Version: '2012-10-17', Statement: statements } } },
  PipelineRole: role(),
  Pipeline: pipeline(),
});

export const STACK_CASES: Record<string, StackCase[]> = {
  'CICD.STACK.1': [
    { name: 'TLS deny on the bucket and its objects (Ref + GetAtt provenance)', expect: 'PASS', template: { Resources: withPolicy([tlsDeny([arn, objects])]) } },
    { name: 'TLS deny with Resource "*"', expect: 'PASS', template: { Resources: withPolicy([tlsDeny(['*'])]) } },
    {
      name: 'literal bucket name in the pipeline and the policy',
      expect: 'PASS',
      template: {
        Resources: {
          Artifacts: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'acme-artifacts' } },
          ArtifactsPolicy: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: 'acme-artifacts', PolicyDocument: { Statement: [tlsDeny(['arn:aws:s3:::acme-artifacts', 'arn:aws:s3:::acme-artifacts/*'])] } } },
          PipelineRole: role(),
          Pipeline: pipeline({ Type: 'S3', Location: 'acme-artifacts' }),
        },
      },
    },
    {
      name: 'no bucket policy at all',
      expect: 'FAIL',
      logicalIds: ['Artifacts'],
      messageIncludes: ['no AWS::S3::BucketPolicy'],
      template: { Resources: { Artifacts: { Type: 'AWS::S3::Bucket' }, PipelineRole: role(), Pipeline: pipeline() } },
    },
    { name: 'TLS deny covers only the bucket, not its objects', expect: 'FAIL', logicalIds: ['Artifacts'], messageIncludes: ['its objects'], template: { Resources: withPolicy([tlsDeny([arn])]) } },
    {
      name: 'TLS deny covers only a prefix of the objects',
      expect: 'FAIL',
      logicalIds: ['Artifacts'],
      template: { Resources: withPolicy([tlsDeny([arn, { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Artifacts', 'Arn'] }, '/logs/*']] }])]) },
    },
    {
      name: 'the policy covers another bucket',
      expect: 'FAIL',
      logicalIds: ['Artifacts'],
      template: {
        Resources: {
          ...withPolicy([tlsDeny([{ 'Fn::GetAtt': ['Other', 'Arn'] }, { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Other', 'Arn'] }, '/*']] }])], { Ref: 'Other' }),
          Other: { Type: 'AWS::S3::Bucket' },
        },
      },
    },
    {
      name: 'a second region store without a policy fails (ArtifactStores)',
      expect: 'FAIL',
      logicalIds: ['Replica'],
      template: {
        Resources: {
          ...withPolicy([tlsDeny([arn, objects])]),
          Replica: { Type: 'AWS::S3::Bucket' },
          Pipeline: {
            Type: 'AWS::CodePipeline::Pipeline',
            Properties: {
              RoleArn: { 'Fn::GetAtt': ['PipelineRole', 'Arn'] },
              ArtifactStores: [
                { Region: 'eu-west-1', ArtifactStore: { Type: 'S3', Location: { Ref: 'Artifacts' } } },
                { Region: 'us-east-1', ArtifactStore: { Type: 'S3', Location: { Ref: 'Replica' } } },
              ],
              Stages: [],
            },
          },
        },
      },
    },
    {
      name: 'artifact bucket from a parameter is UNKNOWN',
      expect: 'UNKNOWN',
      logicalIds: ['Pipeline'],
      template: { Parameters: { Bucket: { Type: 'String' } }, Resources: { PipelineRole: role(), Pipeline: pipeline({ Type: 'S3', Location: { Ref: 'Bucket' } }) } },
    },
    {
      name: 'an artifact bucket outside the stack, lookups off: UNKNOWN (its policy cannot be seen)',
      expect: 'UNKNOWN',
      logicalIds: ['Pipeline'],
      template: { Resources: { PipelineRole: role(), Pipeline: pipeline({ Type: 'S3', Location: 'platform-artifacts' }) } },
    },
    {
      name: 'lookup: the existing artifact bucket\'s own policy denies non-TLS requests to the bucket and its objects',
      expect: 'PASS',
      facts: { 's3.bucket platform-artifacts': existingBucket([tlsDeny(['arn:aws:s3:::platform-artifacts', 'arn:aws:s3:::platform-artifacts/*'])]) },
      template: { Resources: { PipelineRole: role(), Pipeline: pipeline({ Type: 'S3', Location: 'platform-artifacts' }) } },
    },
    {
      name: 'lookup: the existing artifact bucket\'s policy is JSON text with a TLS Deny on "*"',
      expect: 'PASS',
      facts: { 's3.bucket platform-artifacts': { ...existingBucket([]), policy: JSON.stringify({ Version: '2012-10-17', Statement: [tlsDeny(['*'])] }) } },
      template: { Resources: { PipelineRole: role(), Pipeline: pipeline({ Type: 'S3', Location: 'platform-artifacts' }) } },
    },
    {
      name: 'lookup: the existing artifact bucket has no bucket policy',
      expect: 'FAIL',
      logicalIds: ['Pipeline'],
      messageIncludes: ['existing S3 bucket platform-artifacts', 'no bucket policy'],
      facts: { 's3.bucket platform-artifacts': { ...existingBucket([]), policy: undefined } },
      template: { Resources: { PipelineRole: role(), Pipeline: pipeline({ Type: 'S3', Location: 'platform-artifacts' }) } },
    },
    {
      name: 'lookup: the existing artifact bucket\'s TLS Deny covers only the bucket, not its objects',
      expect: 'FAIL',
      logicalIds: ['Pipeline'],
      messageIncludes: ['its objects'],
      facts: { 's3.bucket platform-artifacts': existingBucket([tlsDeny(['arn:aws:s3:::platform-artifacts'])]) },
      template: { Resources: { PipelineRole: role(), Pipeline: pipeline({ Type: 'S3', Location: 'platform-artifacts' }) } },
    },
    {
      name: 'lookup: the existing artifact bucket\'s TLS Deny names another bucket',
      expect: 'FAIL',
      logicalIds: ['Pipeline'],
      facts: { 's3.bucket platform-artifacts': existingBucket([tlsDeny(['arn:aws:s3:::platform-artifacts-old', 'arn:aws:s3:::platform-artifacts-old/*'])]) },
      template: { Resources: { PipelineRole: role(), Pipeline: pipeline({ Type: 'S3', Location: 'platform-artifacts' }) } },
    },
    {
      name: 'lookup: access denied on the bucket fails closed at the location, naming the permission (LookupFailureMode FAIL)',
      expect: 'FAIL',
      logicalIds: ['Pipeline'],
      messageIncludes: ['the S3 bucket named in ArtifactStore.Location could not be looked up', 's3:GetBucketPolicy'],
      facts: { 's3.bucket platform-artifacts': { $error: "access denied: the hook's role needs s3:GetBucketPolicy" } },
      template: { Resources: { PipelineRole: role(), Pipeline: pipeline({ Type: 'S3', Location: 'platform-artifacts' }) } },
    },
    {
      name: 'lookup: the bucket is not found, LookupFailureMode UNKNOWN: UNKNOWN',
      expect: 'UNKNOWN',
      logicalIds: ['Pipeline'],
      messageIncludes: ['could not be looked up'],
      config: { LookupFailureMode: 'UNKNOWN' },
      facts: {},
      template: { Resources: { PipelineRole: role(), Pipeline: pipeline({ Type: 'S3', Location: 'platform-artifacts' }) } },
    },
    {
      name: 'lookup: a bucket policy of the stack names the existing bucket (it replaces the bucket\'s own): still UNKNOWN',
      expect: 'UNKNOWN',
      logicalIds: ['Pipeline'],
      facts: { 's3.bucket platform-artifacts': existingBucket([tlsDeny(['*'])]) },
      template: {
        Resources: {
          ArtifactsPolicy: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: 'platform-artifacts', PolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::platform-artifacts/*' }] } } },
          PipelineRole: role(),
          Pipeline: pipeline({ Type: 'S3', Location: 'platform-artifacts' }),
        },
      },
    },
  ],
  'CICD.STACK.2': [
    {
      name: 'a LogDeliveryWrite bucket that another bucket logs to',
      expect: 'PASS',
      template: {
        Resources: {
          Logs: { Type: 'AWS::S3::Bucket', Properties: { AccessControl: 'LogDeliveryWrite' } },
          Data: { Type: 'AWS::S3::Bucket', Properties: { LoggingConfiguration: { DestinationBucketName: { Ref: 'Logs' } } } },
        },
      },
    },
    {
      name: 'a LogDeliveryWrite bucket whose policy grants logging.s3.amazonaws.com',
      expect: 'PASS',
      template: {
        Resources: {
          Logs: { Type: 'AWS::S3::Bucket', Properties: { AccessControl: 'LogDeliveryWrite' } },
          LogsPolicy: {
            Type: 'AWS::S3::BucketPolicy',
            Properties: { Bucket: { Ref: 'Logs' }, PolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject', Resource: '*' }] } },
          },
        },
      },
    },
    { name: 'a bucket without the ACL is not judged', expect: 'PASS', template: { Resources: { Data: { Type: 'AWS::S3::Bucket', Properties: {} } } } },
    {
      name: 'a bucket that calls itself a log bucket (LogDeliveryWrite alone)',
      expect: 'FAIL',
      logicalIds: ['Artifacts'],
      messageIncludes: ['LogDeliveryWrite'],
      template: { Resources: { Artifacts: { Type: 'AWS::S3::Bucket', Properties: { AccessControl: 'logdeliverywrite' } }, PipelineRole: role(), Pipeline: pipeline() } },
    },
    {
      name: 'Scope: a self-declared log bucket no pipeline uses is not judged in Scope pipeline',
      expect: 'PASS',
      config: { Scope: 'pipeline' },
      template: { Resources: { AppBucket: { Type: 'AWS::S3::Bucket', Properties: { AccessControl: 'LogDeliveryWrite' } } } },
    },
    {
      name: 'Scope all: the same bucket fails',
      expect: 'FAIL',
      logicalIds: ['AppBucket'],
      config: { Scope: 'all' },
      template: { Resources: { AppBucket: { Type: 'AWS::S3::Bucket', Properties: { AccessControl: 'LogDeliveryWrite' } } } },
    },
    {
      name: 'logging into itself does not make it a log bucket for others',
      expect: 'FAIL',
      logicalIds: ['Artifacts'],
      template: { Resources: { Artifacts: { Type: 'AWS::S3::Bucket', Properties: { AccessControl: 'LogDeliveryWrite', LoggingConfiguration: { DestinationBucketName: { Ref: 'Artifacts' } } } }, PipelineRole: role(), Pipeline: pipeline() } },
    },
  ],
  'CICD.STACK.3': [
    {
      name: 'trail and its bucket retained',
      expect: 'PASS',
      template: {
        Resources: {
          TrailBucket: { Type: 'AWS::S3::Bucket', DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' },
          Trail: { Type: 'AWS::CloudTrail::Trail', DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain', Properties: { S3BucketName: { Ref: 'TrailBucket' }, IsLogging: true } },
        },
      },
    },
    { name: 'an unprotected log group needs nothing', expect: 'PASS', template: { Resources: { Logs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: 'app-logs' } } } } },
    {
      name: 'the trail bucket has no DeletionPolicy',
      expect: 'FAIL',
      logicalIds: ['TrailBucket'],
      messageIncludes: ['DeletionPolicy'],
      template: {
        Resources: {
          TrailBucket: { Type: 'AWS::S3::Bucket', UpdateReplacePolicy: 'Retain' },
          Trail: { Type: 'AWS::CloudTrail::Trail', DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain', Properties: { S3BucketName: { Ref: 'TrailBucket' }, IsLogging: true } },
        },
      },
    },
    {
      name: 'a protected log group with DeletionPolicy Delete',
      expect: 'FAIL',
      logicalIds: ['Audit'],
      config: { ProtectedResourceNames: ['org-audit-*'] },
      template: { Resources: { Audit: { Type: 'AWS::Logs::LogGroup', DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Retain', Properties: { LogGroupName: 'org-audit-trail' } } } },
    },
  ],
  'CICD.STACK.4': [
    {
      name: 'a project role with scoped policies',
      expect: 'PASS',
      template: {
        Resources: {
          BuildRole: role({ Policies: [{ PolicyName: 'logs', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: 'arn:aws:logs:eu-west-1:123456789012:log-group:/aws/codebuild/x:*' }] } }] }),
          BuildPolicy: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'p', Roles: [{ Ref: 'BuildRole' }], PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-artifacts/*' }] } } },
          Project: { Type: 'AWS::CodeBuild::Project', Properties: { ServiceRole: { 'Fn::GetAtt': ['BuildRole', 'Arn'] } } },
        },
      },
    },
    {
      name: 'admin split across an inline policy and an attached AWS::IAM::Policy',
      expect: 'FAIL',
      logicalIds: ['BuildRole'],
      messageIncludes: ['administrator access', 'BuildPolicy'],
      template: {
        Resources: {
          BuildRole: role({ Policies: [{ PolicyName: 'a', PolicyDocument: { Statement: [{ Effect: 'Allow', NotAction: undefined, Action: ['a*', 'b*', 'c*', 'd*', 'e*', 'f*', 'g*', 'h*', 'i*', 'j*', 'k*', 'l*', 'm*'], Resource: '*' }] } }] }),
          BuildPolicy: {
            Type: 'AWS::IAM::Policy',
            Properties: { PolicyName: 'b', Roles: [{ Ref: 'BuildRole' }], PolicyDocument: { Statement: [{ Effect: 'Allow', Action: ['n*', 'o*', 'p*', 'q*', 'r*', 's*', 't*', 'u*', 'v*', 'w*', 'x*', 'y*', 'z*'], Resource: '*' }] } },
          },
          Project: { Type: 'AWS::CodeBuild::Project', Properties: { ServiceRole: { 'Fn::GetAtt': ['BuildRole', 'Arn'] } } },
        },
      },
    },
    {
      name: 'escalation through an AWS::IAM::ManagedPolicy attached to the pipeline role',
      expect: 'FAIL',
      logicalIds: ['PipelineRole'],
      messageIncludes: ['iam:PutRolePolicy'],
      template: {
        Resources: {
          PipelineRole: role(),
          Managed: { Type: 'AWS::IAM::ManagedPolicy', Properties: { Roles: [{ Ref: 'PipelineRole' }], PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'iam:PutRolePolicy', Resource: '*' }] } } },
          Pipeline: pipeline({ Type: 'S3', Location: 'external-bucket' }),
        },
      },
    },
    {
      name: 'a service wildcard from an AWS::IAM::RolePolicy',
      expect: 'FAIL',
      logicalIds: ['BuildRole'],
      messageIncludes: ['s3'],
      template: {
        Resources: {
          BuildRole: role(),
          Inline: { Type: 'AWS::IAM::RolePolicy', Properties: { RoleName: { Ref: 'BuildRole' }, PolicyName: 'x', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] } } },
          Project: { Type: 'AWS::CodeBuild::Project', Properties: { ServiceRole: { Ref: 'BuildRole' } } },
        },
      },
    },
    {
      name: 'a project role from a parameter is UNKNOWN',
      expect: 'UNKNOWN',
      logicalIds: ['Project'],
      template: { Parameters: { RoleArn: { Type: 'String' } }, Resources: { Project: { Type: 'AWS::CodeBuild::Project', Properties: { ServiceRole: { Ref: 'RoleArn' } } } } },
    },
  ],
  'CICD.STACK.5': [
    {
      name: 'AwsCustomResource calling CodeBuild updateProject (SDK call JSON built with Fn::Join)',
      expect: 'FAIL',
      logicalIds: ['Patch'],
      messageIncludes: ['codebuild:UpdateProject'],
      template: { Resources: { ...project(), Patch: awsCall('CodeBuild', 'updateProject'), ...provider(['codebuild:BatchGetProjects']) } },
    },
    {
      name: 'AwsCustomResource with v3 names (@aws-sdk/client-codepipeline, UpdatePipelineCommand), in an unrelated stack: CI/CD services fail whatever the scope',
      expect: 'FAIL',
      logicalIds: ['Patch'],
      messageIncludes: ['codepipeline:UpdatePipeline'],
      template: { Resources: { Patch: awsCall('@aws-sdk/client-codepipeline', 'UpdatePipelineCommand', false), ...provider([]) } },
    },
    {
      name: 'AwsCustomResource reading the project (BatchGetProjects) with a read-only provider role',
      expect: 'PASS',
      template: { Resources: { ...project(), Patch: awsCall('CodeBuild', 'batchGetProjects'), ...provider(['codebuild:BatchGetProjects']) } },
    },
    {
      name: 'AwsCustomResource putting an object into the artifact bucket (data plane, not a definition change)',
      expect: 'PASS',
      template: { Resources: { ...project(), Patch: awsCall('S3', 'putObject'), ...provider(['s3:PutObject']) } },
    },
    {
      name: 'S3 alias: putBucketEncryption is s3:PutEncryptionConfiguration (pipeline-related custom resource)',
      expect: 'FAIL',
      logicalIds: ['Patch'],
      messageIncludes: ['s3:PutEncryptionConfiguration'],
      template: { Resources: { ...project(), Patch: awsCall('S3', 'putBucketEncryption'), ...provider([]) } },
    },
    {
      name: 'S3 change by a custom resource unrelated to any pipeline (Scope pipeline) passes',
      expect: 'PASS',
      config: { Scope: 'pipeline' },
      template: { Resources: { Patch: awsCall('S3', 'putBucketEncryption', false), ...provider([]) } },
    },
    {
      name: 'S3 change by an unrelated custom resource fails with Scope all',
      expect: 'FAIL',
      logicalIds: ['Patch'],
      config: { Scope: 'all' },
      template: { Resources: { Patch: awsCall('S3', 'putBucketEncryption', false), ...provider([]) } },
    },
    {
      name: 'Lambda-backed custom resource whose provider role may update projects (policy attached in the stack)',
      expect: 'FAIL',
      logicalIds: ['Tweak'],
      messageIncludes: ['codebuild:UpdateProject', 'ProviderFn'],
      template: { Resources: { Tweak: { Type: 'Custom::Tweak', Properties: { ServiceToken: { 'Fn::GetAtt': ['ProviderFn', 'Arn'] } } }, ...provider(['codebuild:Update*']) } },
    },
    {
      name: 'CDK Provider framework: the user handler named in the framework function environment has iam:PutRolePolicy',
      expect: 'FAIL',
      logicalIds: ['Tweak'],
      messageIncludes: ['iam:PutRolePolicy'],
      template: {
        Resources: {
          Tweak: { Type: 'AWS::CloudFormation::CustomResource', Properties: { ServiceToken: { 'Fn::GetAtt': ['Framework', 'Arn'] } } },
          Framework: { Type: 'AWS::Lambda::Function', Properties: { Role: { 'Fn::GetAtt': ['FrameworkRole', 'Arn'] }, Environment: { Variables: { USER_ON_EVENT_FUNCTION_ARN: { 'Fn::GetAtt': ['ProviderFn', 'Arn'] } } } } },
          FrameworkRole: lambdaRole(),
          FrameworkPolicy: policyFor('FrameworkRole', ['lambda:InvokeFunction']),
          ...provider(['iam:PutRolePolicy']),
        },
      },
    },
    {
      name: 'Lambda-backed custom resource whose provider may only invoke functions and read logs',
      expect: 'PASS',
      template: { Resources: { Tweak: { Type: 'Custom::Tweak', Properties: { ServiceToken: { 'Fn::GetAtt': ['ProviderFn', 'Arn'] } } }, ...provider(['lambda:InvokeFunction', 'logs:PutLogEvents', 'kms:Decrypt']) } },
    },
    {
      name: 'a custom resource whose provider is imported is UNKNOWN (Scope all)',
      expect: 'UNKNOWN',
      logicalIds: ['Tweak'],
      config: { Scope: 'all' },
      template: { Resources: { Tweak: { Type: 'Custom::Tweak', Properties: { ServiceToken: { 'Fn::ImportValue': 'platform-provider' } } } } },
    },
    {
      name: 'Step Functions aws-sdk task updating a project (DefinitionString built with Fn::Join)',
      expect: 'FAIL',
      logicalIds: ['Machine'],
      messageIncludes: ['codebuild:UpdateProject'],
      template: {
        Resources: {
          Machine: {
            Type: 'AWS::StepFunctions::StateMachine',
            Properties: { RoleArn: 'arn:aws:iam::123456789012:role/sfn', DefinitionString: { 'Fn::Join': ['', ['{"StartAt":"P","States":{"P":{"Type":"Task","Resource":"arn:', { Ref: 'AWS::Partition' }, ':states:::aws-sdk:codebuild:updateProject","Parameters":{"Name":"x"},"End":true}}}']] } },
          },
        },
      },
    },
    {
      name: 'Step Functions aws-sdk task hidden in a DefinitionSubstitution (Resource "${R}")',
      expect: 'FAIL',
      logicalIds: ['Machine'],
      messageIncludes: ['codebuild:UpdateProject'],
      template: {
        Resources: {
          Machine: {
            Type: 'AWS::StepFunctions::StateMachine',
            Properties: {
              RoleArn: 'arn:aws:iam::123456789012:role/sfn',
              DefinitionString: '{"StartAt":"P","States":{"P":{"Type":"Task","Resource":"${R}","Parameters":{"Name":"x"},"End":true}}}',
              DefinitionSubstitutions: { R: 'arn:aws:states:::aws-sdk:codebuild:updateProject' },
            },
          },
        },
      },
    },
    {
      name: 'Step Functions: a Resource from a DefinitionSubstitution the template does not resolve (Scope all)',
      expect: 'UNKNOWN',
      logicalIds: ['Machine'],
      config: { Scope: 'all' },
      template: {
        Resources: {
          Machine: {
            Type: 'AWS::StepFunctions::StateMachine',
            Properties: {
              RoleArn: 'arn:aws:iam::123456789012:role/sfn',
              Definition: { StartAt: 'P', States: { P: { Type: 'Task', Resource: '${R}', Parameters: { Name: 'x' }, End: true } } },
              DefinitionSubstitutions: { R: { 'Fn::ImportValue': 'platform-api' } },
            },
          },
        },
      },
    },
    {
      name: 'Step Functions: a task that starts a build and an aws-sdk read pass',
      expect: 'PASS',
      template: {
        Resources: {
          Machine: {
            Type: 'AWS::StepFunctions::StateMachine',
            Properties: {
              RoleArn: 'arn:aws:iam::123456789012:role/sfn',
              Definition: { StartAt: 'A', States: { A: { Type: 'Task', Resource: 'arn:aws:states:::codebuild:startBuild.sync', Next: 'B' }, B: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:codebuild:batchGetProjects', End: true } } },
            },
          },
        },
      },
    },
    {
      name: 'Scheduler universal target deleting a KMS key alias of the pipeline (kms:DeleteAlias, Scope all)',
      expect: 'FAIL',
      logicalIds: ['Nightly'],
      messageIncludes: ['kms:DeleteAlias'],
      config: { Scope: 'all' },
      template: { Resources: { Nightly: schedule('arn:aws:scheduler:::aws-sdk:kms:deleteAlias') } },
    },
    {
      name: 'Scheduler universal target changing a CodeConnections connection (always in scope)',
      expect: 'FAIL',
      logicalIds: ['Nightly'],
      messageIncludes: ['codeconnections:UpdateConnection'],
      template: { Resources: { Nightly: schedule('arn:aws:scheduler:::aws-sdk:codeconnections:updateConnection') } },
    },
    {
      name: 'Scheduler universal target starting a build or sending to SQS',
      expect: 'PASS',
      template: { Resources: { Nightly: schedule('arn:aws:scheduler:::aws-sdk:codebuild:startBuild'), Other: schedule('arn:aws:scheduler:::aws-sdk:sqs:sendMessage') } },
    },
    {
      name: 'SSM Automation document with aws:executeAwsApi UpdateProject run by an association',
      expect: 'FAIL',
      logicalIds: ['Doc'],
      messageIncludes: ['codebuild:UpdateProject', 'association Assoc'],
      template: { Resources: { Doc: automation('codebuild', 'UpdateProject'), Assoc: { Type: 'AWS::SSM::Association', Properties: { Name: { Ref: 'Doc' } } } } },
    },
    {
      name: 'SSM Automation document reading projects (BatchGetProjects)',
      expect: 'PASS',
      template: { Resources: { Doc: automation('codebuild', 'BatchGetProjects') } },
    },
    {
      name: 'SSM Automation document as YAML text deleting a pipeline',
      expect: 'FAIL',
      logicalIds: ['Doc'],
      messageIncludes: ['codepipeline:DeletePipeline'],
      template: { Resources: { Doc: { Type: 'AWS::SSM::Document', Properties: { DocumentType: 'Automation', DocumentFormat: 'YAML', Content: "schemaVersion: '0.3'\nmainSteps:\n  - name: drop\n    action: aws:executeAwsApi\n    inputs:\n      Service: codepipeline\n      Api: DeletePipeline\n      name: p\n" } } } },
    },
  ],
  ...RELATION_CASES,
};

function project(): Record<string, unknown> {
  return { BuildRole: role(), Project: { Type: 'AWS::CodeBuild::Project', Properties: { ServiceRole: { 'Fn::GetAtt': ['BuildRole', 'Arn'] } } } };
}

/** A CDK AwsCustomResource (Custom::AWS) whose Create and Update calls name the project by Ref when `related`. */
function awsCall(service: string, action: string, related = true): Record<string, unknown> {
  const call = { 'Fn::Join': ['', [`{"service":"${service}","action":"${action}","parameters":{"name":"`, related ? { Ref: 'Project' } : 'other', '"},"physicalResourceId":{"id":"x"}}']] };
  return { Type: 'Custom::AWS', Properties: { ServiceToken: { 'Fn::GetAtt': ['ProviderFn', 'Arn'] }, Create: call, Update: call, InstallLatestAwsSdk: true } };
}

function lambdaRole(): Record<string, unknown> {
  return { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] } } };
}

function policyFor(roleId: string, actions: string[]): Record<string, unknown> {
  return { Type: 'AWS::IAM::Policy', Properties: { PolicyName: `${roleId}Policy`, Roles: [{ Ref: roleId }], PolicyDocument: { Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] } } };
}

/** The provider function (ProviderFn), its role and, with actions, a policy attached to it. */
function provider(actions: string[]): Record<string, unknown> {
  return {
    ProviderFn: { Type: 'AWS::Lambda::Function', Properties: { Role: { 'Fn::GetAtt': ['ProviderRole', 'Arn'] }, Handler: 'index.handler', Runtime: 'nodejs20.x', Code: { ZipFile: 'x' } } },
    ProviderRole: lambdaRole(),
    ...(actions.length > 0 ? { ProviderPolicy: policyFor('ProviderRole', actions) } : {}),
  };
}

function schedule(arn: string): Record<string, unknown> {
  return { Type: 'AWS::Scheduler::Schedule', Properties: { ScheduleExpression: 'rate(1 day)', FlexibleTimeWindow: { Mode: 'OFF' }, Target: { Arn: arn, RoleArn: 'arn:aws:iam::123456789012:role/s', Input: '{}' } } };
}

function automation(service: string, api: string): Record<string, unknown> {
  return {
    Type: 'AWS::SSM::Document',
    Properties: { DocumentType: 'Automation', Content: { schemaVersion: '0.3', mainSteps: [{ name: 'call', action: 'aws:executeAwsApi', inputs: { Service: service, Api: api, name: 'p' } }] } },
  };
}
