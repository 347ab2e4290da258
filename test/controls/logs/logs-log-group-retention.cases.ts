import { defineCases } from '../../helpers/cases';

const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const group = (extra: Record<string, unknown> = {}) => ({ LogGroupName: '/ci/build', KmsKeyId: KEY, RetentionInDays: 365, ...extra });

export default defineCases({
  controlId: 'CICD.LOGS.2',
  resourceType: 'AWS::Logs::LogGroup',
  cases: [
    { name: 'retention 365 days', properties: group(), expect: 'PASS' },
    { name: 'retention "365" string', properties: group({ RetentionInDays: '365' }), expect: 'PASS' },
    { name: 'RetentionInDays absent (never expire)', absent: ['RetentionInDays'], properties: group({ RetentionInDays: undefined }), expect: 'PASS' },
    { name: 'retention 3653 days', properties: group({ RetentionInDays: 3653 }), expect: 'PASS' },
    { name: 'retention 30 days', properties: group({ RetentionInDays: 30 }), expect: 'FAIL', messageIncludes: ['RetentionInDays', 'MinimumLogRetentionDays'] },
    { name: 'retention 90 with a platform minimum of 90', properties: group({ RetentionInDays: 90 }), config: { MinimumLogRetentionDays: 90 }, expect: 'PASS' },
    { name: 'retention 400 with a platform minimum of 731', properties: group({ RetentionInDays: 400 }), config: { MinimumLogRetentionDays: 731 }, expect: 'FAIL', messageIncludes: '731' },
    { name: 'retention not a number', properties: group({ RetentionInDays: 'forever' }), expect: 'FAIL' },
    {
      name: 'update lowers retention below the minimum',
      properties: group({ RetentionInDays: 14 }),
      previous: group(),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
      messageIncludes: ['RetentionInDays', 'introduced by this update'],
    },
    { name: 'update from never-expire to 30 days', properties: group({ RetentionInDays: 30 }), previous: group({ RetentionInDays: undefined }), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
    { name: 'update lowers retention but stays above the minimum', properties: group({ RetentionInDays: 400 }), previous: group({ RetentionInDays: 3653 }), actions: ['UPDATE'], expect: 'PASS' },
  ],
});
