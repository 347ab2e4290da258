import { defineCases } from '../../helpers/cases';

const CMK = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const repo = (extra: Record<string, unknown> = {}) => ({ RepositoryName: 'app', ...extra });

export default defineCases({
  controlId: 'CICD.CODECOMMIT.1',
  resourceType: 'AWS::CodeCommit::Repository',
  cases: [
    { name: 'customer-managed key ARN', properties: repo({ KmsKeyId: CMK }), expect: 'PASS' },
    { name: 'customer-managed key alias', properties: repo({ KmsKeyId: 'alias/source-code' }), expect: 'PASS' },
    { name: 'KmsKeyId missing (aws/codecommit)', absent: ['KmsKeyId'], properties: repo(), expect: 'FAIL', messageIncludes: ['KmsKeyId is missing', 'alias/aws/codecommit'] },
    { name: 'AWS-managed alias', properties: repo({ KmsKeyId: 'alias/aws/codecommit' }), expect: 'FAIL', messageIncludes: 'AWS-managed' },
    { name: 'AWS-managed alias without the alias/ prefix', properties: repo({ KmsKeyId: 'aws/codecommit' }), expect: 'FAIL' },
    { name: 'KmsKeyId is a list (odd shape)', properties: repo({ KmsKeyId: ['x'] }), expect: 'FAIL' },
    { name: 'update switches to the AWS-managed key', properties: repo({ KmsKeyId: 'alias/aws/codecommit' }), previous: repo({ KmsKeyId: CMK }), actions: ['UPDATE'], expect: 'FAIL', weakened: true, messageIncludes: ['KmsKeyId is the AWS-managed key alias/aws/codecommit', 'introduced by this update'] },
    { name: 'KmsKeyId from a dynamic reference is undecidable', properties: repo({ KmsKeyId: '{{resolve:ssm:/platform/codecommit-key}}' }), expect: 'UNKNOWN' },
  ],
});
