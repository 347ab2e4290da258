import { defineControl } from '../types';

export const kmsKeyNotDisabled = defineControl({
  id: 'CICD.KMS.4',
  slug: 'kms-key-not-disabled',
  title: 'Updates do not disable a KMS key that is in use',
  resourceTypes: ['AWS::KMS::Key'],
  actions: ['UPDATE'],
  severity: 'MEDIUM',
  risks: ['CICD-SEC-10', 'CICD-SEC-9'],
  requirement: 'Audit and logging resources cannot be deleted or weakened; keys that protect artifacts and logs stay usable.',
  rationale:
    'Disabling a key (Enabled false) makes every artifact, log and secret encrypted with it unreadable and stops services that write with it: a trail or log group encrypted with a disabled key silently stops delivering. Switching an enabled key (Enabled true or absent, the default) to disabled through an update is therefore a weakening. Creating a key disabled harms nothing yet and is not checked; a key that was already disabled stays as it is.',
  remediation: 'Remove Enabled: false from the key (or set Enabled: true). To retire a key, let the platform team schedule its deletion with the full waiting period.',
  cdkHint: 'enabled: true (the default) on kms.Key',
  // The requirement is the transition itself (a key that was already disabled passes), so this control, like
  // the update protection, compares the deployed state; the engine still owns the `weakened` flag.
  check({ resource, previous }) {
    if (resource.bool('Enabled') !== false) return [];
    if (previous === undefined || previous.bool('Enabled') === false) return [];
    return [{ path: 'Enabled', message: 'Enabled is switched to false by this update: data encrypted with the key becomes unreadable' }];
  },
});
