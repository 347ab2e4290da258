import { defineCases } from '../../helpers/cases';
import { CMK, project } from './project';

export default defineCases({
  controlId: 'CICD.CODEBUILD.7',
  resourceType: 'AWS::CodeBuild::Project',
  cases: [
    { name: 'key ARN', properties: project(), expect: 'PASS' },
    { name: 'customer alias', properties: project({ EncryptionKey: 'alias/ci-artifacts' }), expect: 'PASS' },
    { name: 'customer alias ARN', properties: project({ EncryptionKey: 'arn:aws:kms:eu-west-1:123456789012:alias/ci-artifacts' }), expect: 'PASS' },
    { name: 'EncryptionKey missing', absent: ['EncryptionKey'], properties: project({ EncryptionKey: undefined }), expect: 'FAIL', messageIncludes: 'EncryptionKey is missing' },
    { name: 'EncryptionKey empty', properties: project({ EncryptionKey: '' }), expect: 'FAIL' },
    { name: 'CDK default alias/aws/s3', properties: project({ EncryptionKey: 'alias/aws/s3' }), expect: 'FAIL', messageIncludes: 'alias/aws/s3' },
    { name: 'aws/s3 without alias/', properties: project({ EncryptionKey: 'aws/s3' }), expect: 'FAIL', messageIncludes: 'AWS-managed' },
    { name: 'AWS-managed alias ARN', properties: project({ EncryptionKey: 'arn:aws:kms:eu-west-1:123456789012:alias/aws/s3' }), expect: 'FAIL', messageIncludes: 'alias/aws/s3' },
    { name: 'upper-case AWS-managed alias', properties: project({ EncryptionKey: 'ALIAS/AWS/S3' }), expect: 'FAIL' },
    { name: 'unresolved dynamic reference', properties: project({ EncryptionKey: '{{resolve:ssm:/ci/key-arn}}' }), expect: 'UNKNOWN' },
    { name: 'update replaces the CMK with the AWS-managed key', properties: project({ EncryptionKey: 'alias/aws/s3' }), previous: project({ EncryptionKey: CMK }), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
    { name: 'update removes the key', properties: project({ EncryptionKey: undefined }), previous: project(), actions: ['UPDATE'], expect: 'FAIL', weakened: true, messageIncludes: 'EncryptionKey is missing' },
  ],
});
