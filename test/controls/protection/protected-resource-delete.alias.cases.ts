import { defineCases } from '../../helpers/cases';
import { alias, PROTECT_STRING } from './fixtures';

export default defineCases({
  controlId: 'CICD.PROTECT.1',
  resourceType: 'AWS::KMS::Alias',
  cases: [
    { name: 'delete of an unprotected alias', properties: alias('alias/ci-scratch'), config: { ProtectedResourceNames: ['protected-*'] }, actions: ['DELETE'], expect: 'PASS' },
    { name: 'delete of an alias without AliasName', absent: ['AliasName'], properties: alias(undefined), config: { ProtectedResourceNames: ['*'] }, actions: ['DELETE'], expect: 'PASS' },
    { name: 'pattern without alias/ matches alias/protected-key', properties: alias('alias/protected-key'), config: { ProtectedResourceNames: ['protected-*'] }, actions: ['DELETE'], expect: 'FAIL', messageIncludes: ['AliasName', 'alias/protected-key'] },
    { name: 'pattern with alias/ matches alias/audit-key', properties: alias('alias/audit-key'), config: { ProtectedResourceNames: ['alias/audit-*'] }, actions: ['DELETE'], expect: 'FAIL' },
    { name: 'string configuration protects alias/audit-trail-key', properties: alias('alias/audit-trail-key'), config: PROTECT_STRING, actions: ['DELETE'], expect: 'FAIL' },
  ],
});
