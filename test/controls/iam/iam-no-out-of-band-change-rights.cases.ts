import { defineCases } from '../../helpers/cases';
import { allow, CDK_PIPELINE_POLICY, deny, doc } from './fixtures';
import { bare, docPath, identity, IDENTITY_TYPES, INLINE_TYPES, statementPath, withoutDocument } from './identity';
import { attaching, ATTACHING_TYPES, aws } from './managed-policy-content';

const PROJECT = 'arn:aws:codebuild:eu-west-1:123456789012:project/SynthProject';
const BUCKET = 'arn:aws:s3:::pipeline-artifactsbucket-1a2b3c';

/** CICD.IAM.20 on every identity-policy type: change rights over guarded resources, judged by the IAM catalogue. */
export default defineCases({
  controlId: 'CICD.IAM.20',
  resourceTypes: IDENTITY_TYPES,
  cases: [
    { name: 'what CDK Pipelines grants its roles passes', properties: identity(CDK_PIPELINE_POLICY), expect: 'PASS' },
    { name: 'codebuild:StartBuild and BatchGetBuilds pass (running is not changing)', properties: identity(doc(allow(['codebuild:StartBuild', 'codebuild:BatchGetBuilds', 'codebuild:StopBuild'], PROJECT))), expect: 'PASS' },
    { name: 's3:PutObject passes (content, not bucket configuration)', properties: identity(doc(allow(['s3:PutObject', 's3:DeleteObject', 's3:PutObjectAcl'], `${BUCKET}/*`))), expect: 'PASS' },
    { name: 'kms:Decrypt passes (key use)', properties: identity(doc(allow(['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*'], '*'))), expect: 'PASS' },
    { name: 'logs:PutLogEvents and ecr image push pass', properties: identity(doc(allow(['logs:CreateLogStream', 'logs:PutLogEvents', 'ecr:PutImage', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload'], '*'))), expect: 'PASS' },
    { name: 'a Deny of change rights passes', properties: identity(doc(deny(['codebuild:*', 's3:*', 'kms:*'], '*'))), expect: 'PASS' },
    { name: 'unrelated services pass', properties: identity(doc(allow(['sns:Publish', 'sqs:SendMessage', 'cloudformation:DescribeStacks'], '*'))), expect: 'PASS' },
    { name: 'codebuild:Update* (UpdateProject)', properties: identity(doc(allow('codebuild:Update*', PROJECT))), expect: 'FAIL', messageIncludes: (t) => [statementPath(t, 0), 'codebuild:UpdateProject (via codebuild:update*)', PROJECT] },
    { name: 'codebuild:* after a Deny, JSON string', properties: identity(JSON.stringify(doc(deny('s3:*', '*'), allow('codebuild:*', '*')))), expect: 'FAIL', messageIncludes: (t) => [statementPath(t, 1), 'via codebuild:*', 'more'] },
    { name: 's3:Put* includes PutBucketPolicy', properties: identity(doc(allow('s3:Put*', BUCKET))), expect: 'FAIL', messageIncludes: ['s3:', 'via s3:put*', BUCKET] },
    { name: 's3:PutBucketPolicy named', properties: identity(doc(allow('s3:PutBucketPolicy', BUCKET))), expect: 'FAIL', messageIncludes: 's3:PutBucketPolicy' },
    { name: 'kms:Put* (PutKeyPolicy)', properties: identity(doc(allow('kms:Put*', '*'))), expect: 'FAIL', messageIncludes: 'kms:PutKeyPolicy' },
    { name: 'kms:ScheduleKeyDeletion in odd case', properties: identity(doc(allow('KMS:schedulekeydeletion', '*'))), expect: 'FAIL', messageIncludes: 'kms:ScheduleKeyDeletion' },
    { name: 'codepipeline:UpdatePipeline', properties: identity(doc(allow('codepipeline:UpdatePipeline', '*'))), expect: 'FAIL', messageIncludes: 'codepipeline:UpdatePipeline' },
    { name: 'logs:DeleteLogGroup and logs:PutRetentionPolicy', properties: identity(doc(allow(['logs:DeleteLogGroup', 'logs:PutRetentionPolicy'], '*'))), expect: 'FAIL', messageIncludes: ['logs:DeleteLogGroup', 'logs:PutRetentionPolicy'] },
    { name: 'ecr:SetRepositoryPolicy', properties: identity(doc(allow('ecr:SetRepositoryPolicy', '*'))), expect: 'FAIL', messageIncludes: 'ecr:SetRepositoryPolicy' },
    { name: 'lambda:UpdateFunctionConfiguration', properties: identity(doc(allow('lambda:UpdateFunctionConfiguration', '*'))), expect: 'FAIL', messageIncludes: 'lambda:UpdateFunctionConfiguration' },
    { name: 'cloudtrail:StopLogging', properties: identity(doc(allow('cloudtrail:StopLogging', '*'))), expect: 'FAIL', messageIncludes: 'cloudtrail:StopLogging' },
    { name: '? in the action name', properties: identity(doc(allow('codebuild:?pdateProject', PROJECT))), expect: 'FAIL', messageIncludes: 'codebuild:UpdateProject' },
    { name: 'NotAction that leaves change rights', properties: identity(doc(allow('*', '*', { Action: undefined, NotAction: ['iam:*'] }))), expect: 'FAIL', messageIncludes: 'via NotAction' },
    { name: 'policy document missing fails closed', properties: withoutDocument, absent: (t) => [docPath(t)], expect: 'FAIL', messageIncludes: (t) => docPath(t) },
    { name: 'no inline Policies (block absent) passes', resourceType: INLINE_TYPES, properties: bare, absent: ['Policies'], expect: 'PASS' },
    { name: 'AWSCodeBuildAdminAccess attached (content of the AWS managed policy)', resourceType: ATTACHING_TYPES, properties: attaching(aws('AWSCodeBuildAdminAccess')), expect: 'FAIL', messageIncludes: ['ManagedPolicyArns[0]', 'AWSCodeBuildAdminAccess'] },
    {
      name: 'update adds codebuild:UpdateProject',
      properties: identity(doc(allow(['codebuild:StartBuild', 'codebuild:UpdateProject'], PROJECT))),
      previous: identity(doc(allow('codebuild:StartBuild', PROJECT))),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
    },
  ],
});
