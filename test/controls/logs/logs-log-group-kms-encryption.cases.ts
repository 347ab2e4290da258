import { defineCases } from '../../helpers/cases';

const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const group = (extra: Record<string, unknown> = {}) => ({ LogGroupName: '/ci/build', KmsKeyId: KEY, RetentionInDays: 365, ...extra });

export default defineCases({
  controlId: 'CICD.LOGS.1',
  resourceType: 'AWS::Logs::LogGroup',
  cases: [
    { name: 'KmsKeyId is a customer-managed key ARN', properties: group(), expect: 'PASS' },
    { name: 'KmsKeyId missing', absent: ['KmsKeyId'], properties: group({ KmsKeyId: undefined }), expect: 'FAIL', messageIncludes: 'KmsKeyId is missing' },
    { name: 'KmsKeyId empty string', properties: group({ KmsKeyId: '' }), expect: 'FAIL', messageIncludes: 'KmsKeyId' },
    { name: 'KmsKeyId is an AWS-managed alias ARN', properties: group({ KmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:alias/aws/logs' }), expect: 'FAIL', messageIncludes: 'AWS-managed' },
    { name: 'unresolved key Ref (local check only)', properties: group({ KmsKeyId: { Ref: 'LogKey' } }), expect: 'UNKNOWN', typedOnly: true },
    {
      name: 'update removes KmsKeyId',
      properties: group({ KmsKeyId: undefined }),
      previous: group(),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
      messageIncludes: ['KmsKeyId is missing', 'introduced by this update'],
    },
  ],
});
