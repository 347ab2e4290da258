import { defineCases } from '../../helpers/cases';
import { PROTECT, trail } from './fixtures';

const P = 'audit-org-trail';
const FOREIGN_KEY = 'arn:aws:kms:eu-west-1:999999999999:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const allMgmt = { EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }] };
const adv = (...fields: Record<string, unknown>[]) => ({ Name: 'mgmt', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, ...fields] });
const s3Data = { FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object'] }] };

export default defineCases({
  controlId: 'CICD.PROTECT.2',
  resourceType: 'AWS::CloudTrail::Trail',
  cases: [
    { name: 'default selectors made explicit (All, management events)', absent: ['AdvancedEventSelectors'], properties: trail(P, allMgmt), previous: trail(P), config: PROTECT, actions: ['UPDATE'], expect: 'PASS' },
    { name: 'explicit selectors removed (back to the default: all management events)', absent: ['EventSelectors'], properties: trail(P), previous: trail(P, allMgmt), config: PROTECT, actions: ['UPDATE'], expect: 'PASS' },
    { name: 'switch to advanced selectors recording all management events', properties: trail(P, { AdvancedEventSelectors: [adv()] }), previous: trail(P, allMgmt), config: PROTECT, actions: ['UPDATE'], expect: 'PASS' },
    { name: 'management events switched off (IncludeManagementEvents "False")', properties: trail(P, { EventSelectors: [{ IncludeManagementEvents: 'False', DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::'] }] }] }), previous: trail(P), config: PROTECT, actions: ['UPDATE'], expect: 'FAIL', weakened: true, messageIncludes: ['EventSelectors', 'none management read', 'none management write'] },
    { name: 'ReadWriteType narrowed to ReadOnly (writes no longer recorded)', properties: trail(P, { EventSelectors: [{ ReadWriteType: 'ReadOnly' }] }), previous: trail(P, allMgmt), config: PROTECT, actions: ['UPDATE'], expect: 'FAIL', weakened: true, messageIncludes: 'write events' },
    { name: 'ReadWriteType WriteOnly in odd case', properties: trail(P, { EventSelectors: [{ ReadWriteType: 'writeonly' }] }), previous: trail(P), config: PROTECT, actions: ['UPDATE'], expect: 'FAIL', weakened: true, messageIncludes: 'read events' },
    { name: 'KMS events newly excluded', properties: trail(P, { EventSelectors: [{ ReadWriteType: 'All', ExcludeManagementEventSources: ['kms.amazonaws.com'] }] }), previous: trail(P, allMgmt), config: PROTECT, actions: ['UPDATE'], expect: 'FAIL', weakened: true, messageIncludes: 'kms.amazonaws.com' },
    { name: 'advanced selector readOnly = true only', properties: trail(P, { AdvancedEventSelectors: [adv({ Field: 'readOnly', Equals: ['true'] })] }), previous: trail(P), config: PROTECT, actions: ['UPDATE'], expect: 'FAIL', weakened: true, messageIncludes: 'AdvancedEventSelectors' },
    { name: 'advanced selector readOnly NotEquals false (writes dropped)', properties: trail(P, { AdvancedEventSelectors: [adv({ Field: 'readOnly', NotEquals: ['false'] })] }), previous: trail(P, { AdvancedEventSelectors: [adv()] }), config: PROTECT, actions: ['UPDATE'], expect: 'FAIL', weakened: true },
    { name: 'advanced selector excludes an event source', properties: trail(P, { AdvancedEventSelectors: [adv({ Field: 'eventSource', NotEquals: ['iam.amazonaws.com'] })] }), previous: trail(P, { AdvancedEventSelectors: [adv()] }), config: PROTECT, actions: ['UPDATE'], expect: 'FAIL', weakened: true, messageIncludes: 'iam.amazonaws.com' },
    { name: 'only data events recorded (management selector dropped)', properties: trail(P, { AdvancedEventSelectors: [s3Data] }), previous: trail(P, { AdvancedEventSelectors: [adv(), s3Data] }), config: PROTECT, actions: ['UPDATE'], expect: 'FAIL', weakened: true },
    { name: 'data-event selector removed', properties: trail(P, { AdvancedEventSelectors: [adv()] }), previous: trail(P, { AdvancedEventSelectors: [adv(), s3Data] }), config: PROTECT, actions: ['UPDATE'], expect: 'FAIL', weakened: true, messageIncludes: 'data-event selector' },
    { name: 'selectors reordered', properties: trail(P, { AdvancedEventSelectors: [s3Data, adv()] }), previous: trail(P, { AdvancedEventSelectors: [adv(), s3Data] }), config: PROTECT, actions: ['UPDATE'], expect: 'PASS' },
    { name: 'unprotected trail may narrow its selectors here', properties: trail('ci-trail', { EventSelectors: [{ ReadWriteType: 'ReadOnly' }] }), previous: trail('ci-trail'), config: PROTECT, actions: ['UPDATE'], expect: 'PASS' },
    // re-keying
    { name: 'trail re-keyed to a foreign key', properties: trail(P, { KMSKeyId: FOREIGN_KEY }), previous: trail(P), config: PROTECT, actions: ['UPDATE'], expect: 'FAIL', weakened: true, messageIncludes: ['KMSKeyId', '999999999999'] },
    { name: 'trail re-keyed to a production account key', properties: trail(P, { KMSKeyId: 'arn:aws:kms:eu-west-1:222222222222:key/x' }), previous: trail(P), config: { ...PROTECT, ProductionAccountIds: ['222222222222'] }, actions: ['UPDATE'], expect: 'PASS' },
  ],
});
