import { defineCases } from '../../helpers/cases';
import { catalogueServices } from '../../../src/predicates/iam-catalogue';
import { allow, doc, role } from './fixtures';

const EVERY_SERVICE = catalogueServices().map((s) => `${s}:*`);

/** CICD.IAM.1 judged by what the action and resource patterns match (issue 11), not by the spelling `*`. */
export default defineCases({
  controlId: 'CICD.IAM.1',
  resourceType: 'AWS::IAM::Role',
  cases: [
    { name: '*:* on * is administrator access', properties: role(doc(allow('*:*', '*'))), expect: 'FAIL', messageIncludes: ['Policies[0].PolicyDocument.Statement[0]', 'administrator'] },
    { name: '*:** on arn:*', properties: role(doc(allow('*:**', 'arn:*'))), expect: 'FAIL', messageIncludes: 'administrator' },
    { name: '?*:* (every prefix has a character) on arn:aws:*:*:*:*', properties: role(doc(allow('?*:*', 'arn:aws:*:*:*:*'))), expect: 'FAIL' },
    { name: '*? on **', properties: role(doc(allow(['*?'], ['**']))), expect: 'FAIL' },
    { name: 'every service listed as <service>:* on *', properties: role(doc(allow(EVERY_SERVICE, '*'))), expect: 'FAIL', messageIncludes: 'administrator' },
    { name: 'every service but one listed as <service>:* is not every action', properties: role(doc(allow(EVERY_SERVICE.slice(1), '*'))), expect: 'PASS' },
    { name: '*:* on one bucket is not on every resource', properties: role(doc(allow('*:*', 'arn:aws:s3:::artifacts'))), expect: 'PASS' },
    { name: '*:Get* on * is not every action', properties: role(doc(allow('*:Get*', '*'))), expect: 'PASS' },
    { name: 'update widens *:Get* to ?*:*', properties: role(doc(allow('?*:*', '*'))), previous: role(doc(allow('*:Get*', '*'))), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
  ],
});
