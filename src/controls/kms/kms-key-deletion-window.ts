import { defineControl, type Finding, type ResourceView } from '../types';

const AWS_DEFAULT_WINDOW = 30;

function evaluate(v: ResourceView, minimum: number): Finding[] {
  if (!v.has('PendingWindowInDays')) return []; // AWS default: 30 days, the maximum
  const days = v.num('PendingWindowInDays');
  if (days !== undefined && days >= minimum) return [];
  return [
    {
      path: 'PendingWindowInDays',
      message: `PendingWindowInDays is ${days === undefined ? 'not a number' : String(days)}, below the platform minimum of ${minimum} days (MinimumKeyDeletionWindowDays)`,
    },
  ];
}

export const kmsKeyDeletionWindow = defineControl({
  id: 'CICD.KMS.2',
  slug: 'kms-key-deletion-window',
  title: 'KMS keys keep a deletion waiting period of at least the platform minimum',
  resourceTypes: ['AWS::KMS::Key'],
  severity: 'MEDIUM',
  risks: ['CICD-SEC-10', 'CICD-SEC-9'],
  requirement: 'Audit and logging resources cannot be deleted or weakened; keys that protect artifacts and logs stay recoverable.',
  rationale:
    'Deleting a key destroys every artifact, log and secret encrypted with it. The waiting period (PendingWindowInDays, 7 to 30 days) is the only time in which a mistaken or malicious deletion, for example by removing the key from a stack, can be cancelled. An absent value means the AWS default of 30 days and passes; a value below MinimumKeyDeletionWindowDays (default 30) fails, and lowering it below the minimum on update is a weakening.',
  remediation:
    `Remove PendingWindowInDays (AWS default ${AWS_DEFAULT_WINDOW} days) or set it to at least the platform's MinimumKeyDeletionWindowDays.`,
  cdkHint: 'pendingWindow: Duration.days(30) on kms.Key (or leave it unset)',
  parameters: ['MinimumKeyDeletionWindowDays'],
  check({ resource, settings }) {
    return evaluate(resource, settings.MinimumKeyDeletionWindowDays);
  },
});
