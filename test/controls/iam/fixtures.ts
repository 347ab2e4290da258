/** Small builders for the IAM control fixtures (data only; no assertions here). */

export const ACCOUNT = '123456789012';
export const BOUNDARY = `arn:aws:iam::${ACCOUNT}:policy/pipeline-boundary`;
export const BOUNDARY_CONFIG = { PermissionsBoundaryArn: 'arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/pipeline-boundary' };

export type Stmt = Record<string, unknown>;

export const allow = (action: unknown, resource: unknown = '*', extra: Stmt = {}): Stmt => ({ Effect: 'Allow', Action: action, Resource: resource, ...extra });
export const deny = (action: unknown, resource: unknown = '*', extra: Stmt = {}): Stmt => ({ Effect: 'Deny', Action: action, Resource: resource, ...extra });
export const doc = (...statements: Stmt[]) => ({ Version: '2012-10-17', Statement: statements });

export const CODEBUILD_TRUST = doc({ Effect: 'Allow', Principal: { Service: 'codebuild.amazonaws.com' }, Action: 'sts:AssumeRole' });

/** A role with one inline policy document (object or JSON string). */
export const role = (policyDocument?: unknown, extra: Record<string, unknown> = {}) => ({
  AssumeRolePolicyDocument: CODEBUILD_TRUST,
  ...(policyDocument === undefined ? {} : { Policies: [{ PolicyName: 'inline', PolicyDocument: policyDocument }] }),
  ...extra,
});

/** An AWS::IAM::Policy attached to a role. */
export const policy = (policyDocument: unknown, extra: Record<string, unknown> = {}) => ({ PolicyName: 'build', PolicyDocument: policyDocument, Roles: ['ci-build'], ...extra });

/** An AWS::IAM::ManagedPolicy attached to a role. */
export const managedPolicy = (policyDocument: unknown, extra: Record<string, unknown> = {}) => ({ PolicyDocument: policyDocument, Roles: ['ci-build'], ...extra });

/** A trust policy role. */
export const trustRole = (...statements: Stmt[]) => ({ AssumeRolePolicyDocument: doc(...statements) });

/** What CDK Pipelines emits for its pipeline, build and self-mutation roles (resolved the way CloudFormation hands it to the hook). */
export const CDK_PIPELINE_POLICY = doc(
  allow(['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:PutObject', 's3:PutObjectLegalHold', 's3:PutObjectRetention', 's3:PutObjectTagging', 's3:PutObjectVersionTagging', 's3:Abort*'], [
    'arn:aws:s3:::pipeline-artifactsbucket-1a2b3c',
    'arn:aws:s3:::pipeline-artifactsbucket-1a2b3c/*',
  ]),
  allow(['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'], `arn:aws:kms:eu-west-1:${ACCOUNT}:key/5f0e2a52-3c1d-4e2b-9a7f-0b1c2d3e4f50`),
  allow('sts:AssumeRole', `arn:aws:iam::${ACCOUNT}:role/DefaultPipeline-PipelineCodeBuildActionRole-ABC`),
  allow('sts:AssumeRole', 'arn:aws:iam::222222222222:role/cdk-hnb659fds-deploy-role-222222222222-eu-west-1'),
  allow(['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], [`arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/aws/codebuild/SynthProject`, `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/aws/codebuild/SynthProject:*`]),
  allow(['codebuild:CreateReportGroup', 'codebuild:CreateReport', 'codebuild:UpdateReport', 'codebuild:BatchPutTestCases', 'codebuild:BatchPutCodeCoverages'], `arn:aws:codebuild:eu-west-1:${ACCOUNT}:report-group/SynthProject-*`),
  allow('sts:AssumeRole', `arn:*:iam::${ACCOUNT}:role/*`, { Condition: { 'ForAnyValue:StringEquals': { 'iam:ResourceTag/aws-cdk:bootstrap-role': ['image-publishing', 'file-publishing', 'deploy'] } } }),
  allow('cloudformation:DescribeStacks', '*'),
  allow('s3:ListBucket', '*'),
);
