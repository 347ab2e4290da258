import { defineCases } from '../../helpers/cases';
import { alias, PROTECT } from './fixtures';

const P = 'alias/audit-trail-key';

export default defineCases({
  controlId: 'CICD.PROTECT.2',
  resourceType: 'AWS::KMS::Alias',
  cases: [
    { name: 'no-op update of a protected alias', properties: alias(P), previous: alias(P), config: PROTECT, actions: ['UPDATE'], expect: 'PASS' },
    { name: 'unprotected alias re-pointed', properties: alias('alias/ci-scratch', { TargetKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/other' }), previous: alias('alias/ci-scratch'), config: PROTECT, actions: ['UPDATE'], expect: 'PASS' },
    { name: 'previous alias without AliasName', absent: ['AliasName'], properties: alias(undefined), previous: alias(undefined), config: PROTECT, actions: ['UPDATE'], expect: 'PASS' },
    { name: 'protected alias re-pointed to another key', properties: alias(P, { TargetKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/other' }), previous: alias(P), config: PROTECT, actions: ['UPDATE'], expect: 'FAIL', weakened: true, messageIncludes: 'TargetKeyId' },
    { name: 'rename of a protected alias (replacement)', properties: alias('alias/ci-key'), previous: alias(P), config: PROTECT, actions: ['UPDATE'], expect: 'FAIL', weakened: true, messageIncludes: 'AliasName' },
  ],
});
