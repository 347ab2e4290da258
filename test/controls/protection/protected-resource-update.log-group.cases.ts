import { defineCases } from '../../helpers/cases';
import { logGroup, PROTECT, PROTECT_STRING } from './fixtures';

const P = '/audit/cloudtrail';

export default defineCases({
  controlId: 'CICD.PROTECT.2',
  resourceType: 'AWS::Logs::LogGroup',
  cases: [
    { name: 'no-op update of a protected log group', properties: logGroup(P), previous: logGroup(P), config: PROTECT, actions: ['UPDATE'], expect: 'PASS' },
    { name: 'retention raised', properties: logGroup(P, { RetentionInDays: undefined }), previous: logGroup(P), config: PROTECT, actions: ['UPDATE'], expect: 'PASS' },
    { name: 'previous log group without LogGroupName', absent: ['LogGroupName'], properties: logGroup(undefined, { RetentionInDays: 1 }), previous: logGroup(undefined), config: PROTECT, actions: ['UPDATE'], expect: 'PASS' },
    { name: 'retention lowered while above the general minimum', properties: logGroup(P, { RetentionInDays: '400' }), previous: logGroup(P), config: PROTECT, actions: ['UPDATE'], expect: 'FAIL', weakened: true, messageIncludes: ['RetentionInDays', 'lowered'] },
    { name: 'retention set on a never-expiring protected group', properties: logGroup(P), previous: logGroup(P, { RetentionInDays: undefined }), config: PROTECT_STRING, actions: ['UPDATE'], expect: 'FAIL', weakened: true },
    { name: 'KmsKeyId removed', absent: ['KmsKeyId'], properties: logGroup(P, { KmsKeyId: undefined }), previous: logGroup(P), config: PROTECT, actions: ['UPDATE'], expect: 'FAIL', weakened: true, messageIncludes: 'KmsKeyId' },
    { name: 'DataProtectionPolicy removed', properties: logGroup(P), previous: logGroup(P, { DataProtectionPolicy: { Name: 'mask', Version: '2021-06-01', Statement: [] } }), config: PROTECT, actions: ['UPDATE'], expect: 'FAIL', weakened: true },
    { name: 'rename of a protected log group (replacement)', properties: logGroup('/ci/other'), previous: logGroup(P), config: PROTECT, actions: ['UPDATE'], expect: 'FAIL', weakened: true, messageIncludes: 'LogGroupName' },
  ],
});
