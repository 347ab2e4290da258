import { defineCases } from '../../helpers/cases';

const key = (extra: Record<string, unknown> = {}) => ({ EnableKeyRotation: true, ...extra });

export default defineCases({
  controlId: 'CICD.KMS.2',
  resourceType: 'AWS::KMS::Key',
  cases: [
    { name: 'PendingWindowInDays absent (AWS default 30)', absent: ['PendingWindowInDays'], properties: key(), expect: 'PASS' },
    { name: 'PendingWindowInDays 30', properties: key({ PendingWindowInDays: 30 }), expect: 'PASS' },
    { name: 'PendingWindowInDays "30" string', properties: key({ PendingWindowInDays: '30' }), expect: 'PASS' },
    { name: 'PendingWindowInDays 7 below the default minimum', properties: key({ PendingWindowInDays: 7 }), expect: 'FAIL', messageIncludes: ['PendingWindowInDays', 'MinimumKeyDeletionWindowDays'] },
    { name: 'PendingWindowInDays 7 with a platform minimum of 7', properties: key({ PendingWindowInDays: 7 }), config: { MinimumKeyDeletionWindowDays: 7 }, expect: 'PASS' },
    { name: 'PendingWindowInDays 10 with a platform minimum of 14', properties: key({ PendingWindowInDays: 10 }), config: { MinimumKeyDeletionWindowDays: 14 }, expect: 'FAIL', messageIncludes: '14' },
    { name: 'PendingWindowInDays not a number', properties: key({ PendingWindowInDays: 'soon' }), expect: 'FAIL' },
    {
      name: 'update shortens the window',
      properties: key({ PendingWindowInDays: 7 }),
      previous: key(),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
      messageIncludes: 'by this update',
    },
  ],
});
