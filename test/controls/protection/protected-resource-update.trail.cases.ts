import { defineCases } from '../../helpers/cases';
import { PROTECT, trail } from './fixtures';

const P = 'audit-org-trail';

export default defineCases({
  controlId: 'CICD.PROTECT.2',
  resourceType: 'AWS::CloudTrail::Trail',
  cases: [
    { name: 'no-op update of a protected trail', properties: trail(P), previous: trail(P), config: PROTECT, actions: ['UPDATE'], expect: 'PASS' },
    { name: 'previous trail without TrailName', absent: ['TrailName'], properties: trail(undefined, { IsLogging: false }), previous: trail(undefined), config: PROTECT, actions: ['UPDATE'], expect: 'PASS' },
    { name: 'logging stopped', properties: trail(P, { IsLogging: 'false' }), previous: trail(P), config: PROTECT, actions: ['UPDATE'], expect: 'FAIL', weakened: true, messageIncludes: ['IsLogging', 'stopped'] },
    { name: 'validation switched off', properties: trail(P, { EnableLogFileValidation: false }), previous: trail(P), config: PROTECT, actions: ['UPDATE'], expect: 'FAIL', weakened: true },
    { name: 'KMSKeyId removed', absent: ['KMSKeyId'], properties: trail(P, { KMSKeyId: undefined }), previous: trail(P), config: PROTECT, actions: ['UPDATE'], expect: 'FAIL', weakened: true },
    { name: 'log files redirected to another bucket', properties: trail(P, { S3BucketName: 'someone-elses-bucket' }), previous: trail(P), config: PROTECT, actions: ['UPDATE'], expect: 'FAIL', weakened: true, messageIncludes: 'S3BucketName' },
    { name: 'global service events switched off', properties: trail(P, { IncludeGlobalServiceEvents: false }), previous: trail(P, { IncludeGlobalServiceEvents: undefined }), config: PROTECT, actions: ['UPDATE'], expect: 'FAIL', weakened: true },
    { name: 'rename of a protected trail (replacement)', properties: trail('ci-trail'), previous: trail(P), config: PROTECT, actions: ['UPDATE'], expect: 'FAIL', weakened: true, messageIncludes: 'TrailName' },
  ],
});
