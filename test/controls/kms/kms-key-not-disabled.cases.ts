import { defineCases } from '../../helpers/cases';

const key = (extra: Record<string, unknown> = {}) => ({ EnableKeyRotation: true, ...extra });

export default defineCases({
  controlId: 'CICD.KMS.4',
  resourceType: 'AWS::KMS::Key',
  cases: [
    { name: 'Enabled absent on both sides', absent: ['Enabled'], properties: key(), previous: key(), actions: ['UPDATE'], expect: 'PASS' },
    { name: 'Enabled true', properties: key({ Enabled: true }), previous: key(), actions: ['UPDATE'], expect: 'PASS' },
    { name: 'key that was already disabled stays disabled', properties: key({ Enabled: false }), previous: key({ Enabled: false }), actions: ['UPDATE'], expect: 'PASS' },
    { name: 'key re-enabled', properties: key({ Enabled: 'True' }), previous: key({ Enabled: false }), actions: ['UPDATE'], expect: 'PASS' },
    {
      name: 'update disables a key whose Enabled was absent (default true)',
      properties: key({ Enabled: false }),
      previous: key(),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
      messageIncludes: ['Enabled', 'by this update'],
    },
    { name: 'update disables an enabled key ("false" string)', properties: key({ Enabled: 'false' }), previous: key({ Enabled: 'true' }), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
  ],
});
