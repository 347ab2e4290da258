import { defineCases } from '../../helpers/cases';
import { bucket, KEY, PROTECT } from './fixtures';

const P = 'protected-artifacts';
const FOREIGN_KEY = 'arn:aws:kms:eu-west-1:999999999999:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const TRUSTED_KEY = 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const kms = (key: unknown) => ({ ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: key } }] });
const rules = (...r: Record<string, unknown>[]) => ({ LifecycleConfiguration: { Rules: r } });
const lock = (retention: Record<string, unknown> | undefined) => ({
  ObjectLockEnabled: true,
  ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', ...(retention === undefined ? {} : { Rule: { DefaultRetention: retention } }) },
});

export default defineCases({
  controlId: 'CICD.PROTECT.2',
  resourceType: 'AWS::S3::Bucket',
  cases: [
    // lifecycle expiry
    { name: 'lifecycle rule that only aborts incomplete uploads and transitions is added', properties: bucket(P, rules({ Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 }, Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: 90 }], ExpiredObjectDeleteMarker: true })), previous: bucket(P), config: PROTECT, actions: ['UPDATE'], expect: 'PASS' },
    { name: 'no lifecycle block before or after (block missing)', absent: ['LifecycleConfiguration'], properties: bucket(P), previous: bucket(P), config: PROTECT, actions: ['UPDATE'], expect: 'PASS' },
    { name: 'expiring rule added to a protected bucket', properties: bucket(P, rules({ Status: 'Enabled', ExpirationInDays: 1 })), previous: bucket(P), config: PROTECT, actions: ['UPDATE'], expect: 'FAIL', weakened: true, messageIncludes: ['LifecycleConfiguration.Rules[0]', 'after 1 days', P] },
    { name: 'noncurrent-version expiry added (object form)', properties: bucket(P, rules({ Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: '3', NewerNoncurrentVersions: 1 } })), previous: bucket(P), config: PROTECT, actions: ['UPDATE'], expect: 'FAIL', weakened: true, messageIncludes: 'noncurrent' },
    { name: 'noncurrent-version expiry added (legacy InDays form)', properties: bucket(P, rules({ Status: 'Enabled', NoncurrentVersionExpirationInDays: 30 })), previous: bucket(P), config: PROTECT, actions: ['UPDATE'], expect: 'FAIL', weakened: true },
    { name: 'fixed ExpirationDate added', properties: bucket(P, rules({ Status: 'Enabled', ExpirationDate: '2030-01-01T00:00:00Z' })), previous: bucket(P), config: PROTECT, actions: ['UPDATE'], expect: 'FAIL', weakened: true, messageIncludes: 'ExpirationDate' },
    { name: 'disabled expiring rule enabled (status spelled in lower case)', properties: bucket(P, rules({ Status: 'enabled', ExpirationInDays: 400 })), previous: bucket(P, rules({ Status: 'Disabled', ExpirationInDays: 400 })), config: PROTECT, actions: ['UPDATE'], expect: 'FAIL', weakened: true },
    { name: 'expiry shortened from 3650 to 30 days', properties: bucket(P, rules({ Status: 'Enabled', ExpirationInDays: 30 })), previous: bucket(P, rules({ Status: 'Enabled', ExpirationInDays: 3650 })), config: PROTECT, actions: ['UPDATE'], expect: 'FAIL', weakened: true, messageIncludes: 'before: after 3650 days' },
    { name: 'expiry lengthened is fine', properties: bucket(P, rules({ Status: 'Enabled', ExpirationInDays: '4000' })), previous: bucket(P, rules({ Status: 'Enabled', ExpirationInDays: 3650 })), config: PROTECT, actions: ['UPDATE'], expect: 'PASS' },
    { name: 'a new narrower rule expiring later than the existing bucket-wide rule', properties: bucket(P, rules({ Status: 'Enabled', ExpirationInDays: 3650 }, { Status: 'Enabled', Prefix: 'AWSLogs/', ExpirationInDays: 4000 })), previous: bucket(P, rules({ Status: 'Enabled', ExpirationInDays: 3650 })), config: PROTECT, actions: ['UPDATE'], expect: 'PASS' },
    { name: 'an existing short rule for tmp/ does not excuse a new one for AWSLogs/', properties: bucket(P, rules({ Status: 'Enabled', Prefix: 'tmp/', ExpirationInDays: 1 }, { Status: 'Enabled', Prefix: 'AWSLogs/', ExpirationInDays: 1 })), previous: bucket(P, rules({ Status: 'Enabled', Prefix: 'tmp/', ExpirationInDays: 1 })), config: PROTECT, actions: ['UPDATE'], expect: 'FAIL', weakened: true, messageIncludes: 'Rules[1]' },
    { name: 'expiring rule on an unprotected bucket is left to other controls', properties: bucket('ci-scratch', rules({ Status: 'Enabled', ExpirationInDays: 1 })), previous: bucket('ci-scratch'), config: PROTECT, actions: ['UPDATE'], expect: 'PASS' },
    // Object Lock
    { name: 'Object Lock retention unchanged', properties: bucket(P, lock({ Mode: 'COMPLIANCE', Years: 7 })), previous: bucket(P, lock({ Mode: 'COMPLIANCE', Years: 7 })), config: PROTECT, actions: ['UPDATE'], expect: 'PASS' },
    { name: 'Object Lock retention lengthened (days to years)', properties: bucket(P, lock({ Mode: 'COMPLIANCE', Years: '2' })), previous: bucket(P, lock({ Mode: 'COMPLIANCE', Days: 365 })), config: PROTECT, actions: ['UPDATE'], expect: 'PASS' },
    { name: 'Object Lock mode weakened COMPLIANCE → GOVERNANCE', properties: bucket(P, lock({ Mode: 'GOVERNANCE', Years: 7 })), previous: bucket(P, lock({ Mode: 'COMPLIANCE', Years: 7 })), config: PROTECT, actions: ['UPDATE'], expect: 'FAIL', weakened: true, messageIncludes: ['Mode', 'COMPLIANCE to GOVERNANCE'] },
    { name: 'Object Lock mode spelled in lower case is the same mode', properties: bucket(P, lock({ Mode: 'compliance', Years: 7 })), previous: bucket(P, lock({ Mode: 'COMPLIANCE', Years: 7 })), config: PROTECT, actions: ['UPDATE'], expect: 'PASS' },
    { name: 'Object Lock retention shortened (7 years to 1 day)', properties: bucket(P, lock({ Mode: 'COMPLIANCE', Days: 1 })), previous: bucket(P, lock({ Mode: 'COMPLIANCE', Years: 7 })), config: PROTECT, actions: ['UPDATE'], expect: 'FAIL', weakened: true, messageIncludes: 'shortened from 2555 to 1 days' },
    { name: 'Object Lock default retention removed (block missing)', absent: ['ObjectLockConfiguration.Rule'], properties: bucket(P, lock(undefined)), previous: bucket(P, lock({ Mode: 'GOVERNANCE', Days: 30 })), config: PROTECT, actions: ['UPDATE'], expect: 'FAIL', weakened: true, messageIncludes: 'removed' },
    // re-keying
    { name: 're-keyed to a key of the same account', properties: bucket(P, { BucketEncryption: kms('arn:aws:kms:eu-west-1:123456789012:key/other') }), previous: bucket(P), config: PROTECT, actions: ['UPDATE'], expect: 'PASS' },
    { name: 're-keyed to a key of a TrustedAccountIds account', properties: bucket(P, { BucketEncryption: kms(TRUSTED_KEY) }), previous: bucket(P), config: { ...PROTECT, TrustedAccountIds: ['111111111111'] }, actions: ['UPDATE'], expect: 'PASS' },
    { name: 're-keyed to a key of a foreign account', properties: bucket(P, { BucketEncryption: kms(FOREIGN_KEY) }), previous: bucket(P), config: PROTECT, actions: ['UPDATE'], expect: 'FAIL', weakened: true, messageIncludes: ['re-keyed', '999999999999', 'KMSMasterKeyID'] },
    { name: 're-keyed to a foreign alias ARN', properties: bucket(P, { BucketEncryption: kms('arn:aws:kms:eu-west-1:999999999999:alias/evidence') }), previous: bucket(P), config: PROTECT, actions: ['UPDATE'], expect: 'FAIL', weakened: true },
    { name: 'a foreign key that was already there is no change', properties: bucket(P, { BucketEncryption: kms(FOREIGN_KEY) }), previous: bucket(P, { BucketEncryption: kms(FOREIGN_KEY) }), config: PROTECT, actions: ['UPDATE'], expect: 'PASS' },
    { name: 'fixture key is the account\'s own', properties: bucket(P, { BucketEncryption: kms(KEY) }), previous: bucket(P, { BucketEncryption: kms('arn:aws:kms:eu-west-1:123456789012:key/old') }), config: PROTECT, actions: ['UPDATE'], expect: 'PASS' },
  ],
});
