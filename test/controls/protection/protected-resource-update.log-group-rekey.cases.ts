import { defineCases } from '../../helpers/cases';
import { logGroup, PROTECT } from './fixtures';

const P = '/audit/pipeline';

export default defineCases({
  controlId: 'CICD.PROTECT.2',
  resourceType: 'AWS::Logs::LogGroup',
  cases: [
    { name: 'log group re-keyed within the account', properties: logGroup(P, { KmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/new' }), previous: logGroup(P), config: PROTECT, actions: ['UPDATE'], expect: 'PASS' },
    { name: 'log group re-keyed to a foreign key', properties: logGroup(P, { KmsKeyId: 'arn:aws:kms:eu-west-1:999999999999:key/new' }), previous: logGroup(P), config: PROTECT, actions: ['UPDATE'], expect: 'FAIL', weakened: true, messageIncludes: ['KmsKeyId', 're-keyed', '999999999999'] },
    { name: 'a key added to a log group without one, in a wildcard account', properties: logGroup(P, { KmsKeyId: 'arn:aws:kms:eu-west-1:*:key/new' }), previous: logGroup(P, { KmsKeyId: undefined }), config: PROTECT, actions: ['UPDATE'], expect: 'FAIL', weakened: true, messageIncludes: 'wildcard' },
    { name: 'retention shortened from 3653 to 1 day (as a string)', properties: logGroup(P, { RetentionInDays: '1' }), previous: logGroup(P), config: PROTECT, actions: ['UPDATE'], expect: 'FAIL', weakened: true, messageIncludes: 'RetentionInDays' },
  ],
});
