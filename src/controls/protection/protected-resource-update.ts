import { referenceAccountFindings, trustedFrom, type Trusted } from '../../predicates/accounts';
import {
  ENCRYPTION_RULES,
  encryptionRules,
  encryptionStrength,
  isPublicCannedAcl,
  isVersioningEnabled,
  lifecycleExpiries,
  OBJECT_LOCK_RETENTION,
  objectLockRetention,
  PUBLIC_ACCESS_BLOCK_FLAGS,
  type RuleExpiry,
  VERSIONING_STATUS,
} from '../../predicates/bucket';
import { NAME_PROPERTY, PROTECTABLE_TYPES, protectedMatch } from '../../predicates/protected-names';
import { recordingLosses, trailRecording } from '../../predicates/trail';
import { defineControl, type Finding, type ResourceView } from '../types';

/*
 * This control's requirement is the change itself (a protected resource must not be weakened in place, even
 * where the new state would still satisfy the general controls), so unlike the other controls it compares
 * the deployed state `p` with the new state `n`. Each comparison returns findings whose message says what
 * the update does; `check` adds which protection it breaks.
 */

function blank(v: ResourceView, path: string): boolean {
  const raw = v.get(path);
  return raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
}

/** A string property that had a value and now has another one (or none). */
function changed(p: ResourceView, n: ResourceView, path: string, what: string): Finding[] {
  if (blank(p, path)) return [];
  const before = p.str(path);
  const after = n.str(path);
  if (before === undefined) return [];
  if (after !== undefined && after.trim() === before.trim()) return [];
  return [{ path, message: after === undefined || after.trim() === '' ? `${path} is removed` : what }];
}

function removed(p: ResourceView, n: ResourceView, path: string, what: string): Finding[] {
  return !blank(p, path) && blank(n, path) ? [{ path, message: what }] : [];
}

function switchedOff(p: ResourceView, n: ResourceView, path: string, what: string, absentMeans = false): Finding[] {
  const was = p.has(path) ? p.bool(path) : absentMeans;
  const is = n.has(path) ? n.bool(path) : absentMeans;
  return was === true && is !== true ? [{ path, message: what }] : [];
}

/**
 * A key property that now names another key whose account is not trusted (the hook's own account,
 * ProductionAccountIds, TrustedAccountIds): the evidence is handed to a key another account controls.
 */
function rekeyed(p: ResourceView, n: ResourceView, path: string, trusted: Trusted, before: ReadonlySet<string> = new Set([p.str(path)?.trim() ?? ''])): Finding[] {
  const raw = n.get(path);
  if (raw === undefined || raw === null || (typeof raw === 'string' && (raw.trim() === '' || before.has(raw.trim())))) return [];
  return referenceAccountFindings(n, path, trusted, 'KMS key').map((f) => ({ path: f.path, message: `the resource is re-keyed: ${f.message}` }));
}

/** Lifecycle expiry shorter than before for the same objects (a rule for every object covers every scope). */
function expiryChanges(p: ResourceView, n: ResourceView): Finding[] {
  const before = lifecycleExpiries(p);
  const out: Finding[] = [];
  const shortest = (scope: string, kind: 'current' | 'noncurrent'): number => {
    const days = before.filter((r) => r.scope === scope || r.scope === '').map((r) => r[kind]).filter((d): d is number => d !== undefined);
    return days.length > 0 ? Math.min(...days) : Infinity;
  };
  const describe = (d: number) => (d === Infinity ? 'never' : d === 0 ? 'on a fixed date' : `after ${d} days`);
  for (const r of lifecycleExpiries(n) as RuleExpiry[]) {
    for (const kind of ['current', 'noncurrent'] as const) {
      const now = r[kind];
      if (now === undefined) continue;
      const was = shortest(r.scope, kind);
      if (now < was) out.push({ path: r.path, message: `a lifecycle rule expires (deletes) ${kind} object versions ${now === 0 ? 'on a fixed date (ExpirationDate)' : `after ${now} days`} (before: ${describe(was)})` });
    }
  }
  return out;
}

function objectLockChanges(p: ResourceView, n: ResourceView): Finding[] {
  const was = objectLockRetention(p);
  const is = objectLockRetention(n);
  const out: Finding[] = [];
  if (was.mode > is.mode) {
    out.push({ path: `${OBJECT_LOCK_RETENTION}.Mode`, message: is.mode === 0 ? `the Object Lock default retention (${was.modeName}) is removed` : `the Object Lock retention mode is weakened from ${was.modeName} to ${is.modeName}` });
  }
  if (was.mode > 0 && is.mode > 0 && was.days !== undefined && (is.days === undefined || is.days < was.days)) {
    out.push({ path: OBJECT_LOCK_RETENTION, message: `the Object Lock default retention is shortened from ${was.days} to ${is.days ?? 'no'} days` });
  }
  if (was.enabled && !is.enabled && !n.has('ObjectLockEnabled') && p.str('ObjectLockConfiguration.ObjectLockEnabled') !== undefined) {
    out.push({ path: 'ObjectLockConfiguration.ObjectLockEnabled', message: 'the Object Lock configuration is removed' });
  }
  return out;
}

function bucketChanges(p: ResourceView, n: ResourceView, trusted: Trusted): Finding[] {
  const out: Finding[] = [];
  out.push(...changed(p, n, 'BucketName', 'BucketName changes, so CloudFormation replaces (deletes) the protected bucket'));
  if (isVersioningEnabled(p.str(VERSIONING_STATUS)) && !isVersioningEnabled(n.str(VERSIONING_STATUS))) out.push({ path: VERSIONING_STATUS, message: 'versioning is switched off' });
  if (!blank(p, 'LoggingConfiguration') && blank(n, 'LoggingConfiguration')) out.push({ path: 'LoggingConfiguration', message: 'access logging is removed' });
  else out.push(...changed(p, n, 'LoggingConfiguration.DestinationBucketName', 'access logs are redirected to another bucket'));
  // every rule counts, as for CICD.S3.1: the bucket is only as strong as its weakest rule
  if (encryptionStrength(encryptionRules(n)) < encryptionStrength(encryptionRules(p))) out.push({ path: 'BucketEncryption', message: 'default encryption is removed or downgraded' });
  for (const f of PUBLIC_ACCESS_BLOCK_FLAGS) {
    out.push(...switchedOff(p, n, `PublicAccessBlockConfiguration.${f}`, `PublicAccessBlockConfiguration.${f} is relaxed`));
  }
  if (!isPublicCannedAcl(p.str('AccessControl')) && isPublicCannedAcl(n.str('AccessControl'))) out.push({ path: 'AccessControl', message: 'a public canned ACL is set' });
  out.push(...switchedOff(p, n, 'ObjectLockEnabled', 'Object Lock is switched off'));
  out.push(...objectLockChanges(p, n));
  out.push(...expiryChanges(p, n));
  const keysBefore = new Set(encryptionRules(p).map(({ byDefault }) => byDefault.str('KMSMasterKeyID')?.trim() ?? ''));
  n.items(ENCRYPTION_RULES).forEach(({ index }) => out.push(...rekeyed(p, n, `${ENCRYPTION_RULES}[${index}].ServerSideEncryptionByDefault.KMSMasterKeyID`, trusted, keysBefore)));
  return out;
}

function logGroupChanges(p: ResourceView, n: ResourceView, trusted: Trusted): Finding[] {
  const out: Finding[] = [];
  out.push(...changed(p, n, 'LogGroupName', 'LogGroupName changes, so CloudFormation replaces (deletes) the protected log group'));
  const before = p.has('RetentionInDays') ? p.num('RetentionInDays') : Infinity;
  const after = n.has('RetentionInDays') ? n.num('RetentionInDays') : Infinity;
  if (before !== undefined && (after === undefined || after < before)) out.push({ path: 'RetentionInDays', message: 'retention is lowered' });
  out.push(...removed(p, n, 'KmsKeyId', 'KmsKeyId is removed'));
  out.push(...rekeyed(p, n, 'KmsKeyId', trusted));
  out.push(...removed(p, n, 'DataProtectionPolicy', 'DataProtectionPolicy is removed'));
  return out;
}

/** Event selectors that stop recording what the deployed trail recorded (management reads/writes, data events). */
function selectorChanges(p: ResourceView, n: ResourceView): Finding[] {
  const path = n.has('AdvancedEventSelectors') || (!n.has('EventSelectors') && p.has('AdvancedEventSelectors')) ? 'AdvancedEventSelectors' : 'EventSelectors';
  return recordingLosses(trailRecording(p), trailRecording(n)).map((message) => ({ path, message }));
}

function trailChanges(p: ResourceView, n: ResourceView, trusted: Trusted): Finding[] {
  return [
    ...rekeyed(p, n, 'KMSKeyId', trusted),
    ...selectorChanges(p, n),
    ...changed(p, n, 'TrailName', 'TrailName changes, so CloudFormation replaces (deletes) the protected trail'),
    ...switchedOff(p, n, 'IsLogging', 'logging is stopped'),
    ...removed(p, n, 'KMSKeyId', 'KMSKeyId is removed'),
    ...switchedOff(p, n, 'EnableLogFileValidation', 'log file validation is switched off'),
    ...removed(p, n, 'CloudWatchLogsLogGroupArn', 'CloudWatch Logs delivery is removed'),
    ...changed(p, n, 'S3BucketName', 'log files are redirected to another bucket'),
    ...switchedOff(p, n, 'IsMultiRegionTrail', 'the trail stops covering all regions'),
    ...switchedOff(p, n, 'IncludeGlobalServiceEvents', 'global service events (IAM, STS) are no longer recorded', true),
  ];
}

function aliasChanges(p: ResourceView, n: ResourceView, _trusted: Trusted): Finding[] {
  return [
    ...changed(p, n, 'AliasName', 'AliasName changes, so CloudFormation replaces (deletes) the protected alias'),
    ...changed(p, n, 'TargetKeyId', 'the alias is pointed at another key'),
  ];
}

const CHANGES: Record<string, (p: ResourceView, n: ResourceView, trusted: Trusted) => Finding[]> = {
  'AWS::S3::Bucket': bucketChanges,
  'AWS::Logs::LogGroup': logGroupChanges,
  'AWS::CloudTrail::Trail': trailChanges,
  'AWS::KMS::Alias': aliasChanges,
};

export const protectedResourceUpdate = defineControl({
  id: 'CICD.PROTECT.2',
  slug: 'protected-resource-update',
  ignoresScope: true,
  title: 'Updates do not weaken or replace protected audit and logging resources',
  resourceTypes: PROTECTABLE_TYPES,
  actions: ['UPDATE'],
  severity: 'HIGH',
  risks: ['CICD-SEC-10', 'CICD-SEC-9'],
  requirement: 'Audit and logging resources cannot be deleted or weakened (G-08).',
  rationale:
    'Delete protection alone is bypassed by an update: renaming a protected bucket, log group, trail or alias makes CloudFormation replace it (create the new one, delete the old), and an update can suspend versioning, drop access logging or encryption, shorten log retention, stop a trail or re-point an alias while the resource stays in place — or destroy the evidence more quietly: a lifecycle rule that expires objects (Expiration, NoncurrentVersionExpiration; AbortIncompleteMultipartUpload, ExpiredObjectDeleteMarker and transitions delete nothing stored and pass) sooner than the deployed rules for the same objects did, an Object Lock default retention shortened or its mode weakened (COMPLIANCE to GOVERNANCE, or removed), a bucket, trail or log group re-keyed to a KMS key of an account outside the trusted set (the account the change is made in, ProductionAccountIds, TrustedAccountIds), trail EventSelectors or AdvancedEventSelectors that stop recording management read or write events (ReadWriteType, IncludeManagementEvents, readOnly), newly leave some out (ExcludeManagementEventSources, eventSource conditions) or drop a data-event selector. For resources whose deployed name (previousResourceProperties, so a rename cannot hide it) matches ProtectedResourceNames, every such transition fails, even where the new value would still satisfy the general controls (e.g. retention lowered from 3653 to 400 days). Unprotected resources are left to the general controls, which report their own weakenings. Limits: only explicit names are matched (a generated physical name is invisible here), and other replacement-causing property changes are visible only to a stack-level hook.',
  remediation:
    'Revert the change to the protected resource (keep its name, versioning, logging, encryption, retention, trail settings and alias target). Changes to protected resources are made by the platform team, who can lift the protection in ProtectedResourceNames for the duration of the change.',
  parameters: ['ProtectedResourceNames', 'ProductionAccountIds', 'TrustedAccountIds'],
  check({ resource, previous, resourceType, settings, accountId }) {
    const property = NAME_PROPERTY[resourceType];
    const changes = CHANGES[resourceType];
    if (property === undefined || changes === undefined || previous === undefined) return [];
    const match = protectedMatch(resourceType, previous.str(property), settings.ProtectedResourceNames);
    if (match === undefined) return [];
    return changes(previous, resource, trustedFrom(settings, accountId)).map((c) => ({
      path: c.path,
      message: `${c.path}: ${c.message} by this update, but ${property} "${match.name}" is protected ("${match.pattern}" in ProtectedResourceNames)`,
    }));
  },
});
