/**
 * PASS / FAIL / UNKNOWN templates of the stack controls (one list per control), run by
 * test/controls/stack-cases.test.ts through the real entry with a STACK payload.
 */
export interface StackCase {
  name: string;
  template: Record<string, unknown>;
  expect: 'PASS' | 'FAIL' | 'UNKNOWN';
  /** Logical IDs the control's findings (or UNKNOWNs) name. */
  logicalIds?: string[];
  messageIncludes?: string[];
  config?: Record<string, unknown>;
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
      template: { Resources: { Artifacts: { Type: 'AWS::S3::Bucket', Properties: { AccessControl: 'logdeliverywrite' } } } },
    },
    {
      name: 'logging into itself does not make it a log bucket for others',
      expect: 'FAIL',
      logicalIds: ['Artifacts'],
      template: { Resources: { Artifacts: { Type: 'AWS::S3::Bucket', Properties: { AccessControl: 'LogDeliveryWrite', LoggingConfiguration: { DestinationBucketName: { Ref: 'Artifacts' } } } } } },
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
};
