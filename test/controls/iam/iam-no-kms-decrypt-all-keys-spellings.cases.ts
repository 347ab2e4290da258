import { defineCases } from '../../helpers/cases';
import { allow, doc, role } from './fixtures';

/** CICD.IAM.17: "every key" judged by what the resource pattern matches, actions by what they match (issue 11). */
export default defineCases({
  controlId: 'CICD.IAM.17',
  resourceType: 'AWS::IAM::Role',
  cases: [
    { name: 'kms:Decrypt on arn:aws:kms:*:*:key*', properties: role(doc(allow('kms:Decrypt', 'arn:aws:kms:*:*:key*'))), expect: 'FAIL', messageIncludes: ['Policies[0].PolicyDocument.Statement[0]', 'kms:Decrypt'] },
    { name: 'k?s:De* on arn:*:kms:*:*:*', properties: role(doc(allow('k?s:De*', 'arn:*:kms:*:*:*'))), expect: 'FAIL', messageIncludes: 'kms:Decrypt' },
    { name: 'kms:* on every resource of one account and region', properties: role(doc(allow('kms:*', 'arn:aws:kms:eu-west-1:123456789012:*'))), expect: 'FAIL' },
    { name: '*:ReEncrypt* on every alias', properties: role(doc(allow('*:ReEncrypt*', 'arn:aws:kms:eu-west-1:123456789012:alias/*'))), expect: 'FAIL', messageIncludes: 'kms:ReEncryptFrom' },
    { name: 'kms:Decrypt on a key ID prefix passes', properties: role(doc(allow('kms:Decrypt', 'arn:aws:kms:eu-west-1:123456789012:key/5f0e2a52-*'))), expect: 'PASS' },
    { name: 'update widens one key to key*', properties: role(doc(allow('kms:Decrypt', 'arn:aws:kms:eu-west-1:123456789012:key*'))), previous: role(doc(allow('kms:Decrypt', 'arn:aws:kms:eu-west-1:123456789012:key/abc'))), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
  ],
});
