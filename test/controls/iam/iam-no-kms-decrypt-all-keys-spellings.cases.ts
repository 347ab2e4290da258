import { defineCases } from '../../helpers/cases';
import { allow, doc, role } from './fixtures';

/** key/0* … key/f*: key IDs are UUIDs, so 16 patterns are every key. */
const EVERY_KEY = [...'0123456789abcdef'].map((c) => `arn:aws:kms:*:111111111111:key/${c}*`);

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
    // resources judged as a set, and one pattern judged by what it matches in the corpus of key IDs
    { name: 'kms:Decrypt on key/0* … key/f* (16 patterns)', properties: role(doc(allow('kms:Decrypt', EVERY_KEY))), expect: 'FAIL', messageIncludes: ['kms:Decrypt on every KMS key', '16 of its resource patterns together match every KMS key (single-Region keys) of account 111111111111'] },
    { name: 'kms:Decrypt on key/????????-* (every UUID)', properties: role(doc(allow('kms:Decrypt', 'arn:aws:kms:*:111111111111:key/????????-*'))), expect: 'FAIL', messageIncludes: 'key/????????-* matches every KMS key' },
    { name: 'kms:Decrypt on key/*-*-*-*-*', properties: role(doc(allow('kms:Decrypt', 'arn:aws:kms:eu-west-1:111111111111:key/*-*-*-*-*'))), expect: 'FAIL' },
    { name: 'kms:Decrypt on every multi-Region key (key/mrk-*)', properties: role(doc(allow('kms:Decrypt', 'arn:aws:kms:*:111111111111:key/mrk-*'))), expect: 'FAIL', messageIncludes: 'multi-Region keys' },
    { name: 'kms:Decrypt on the 16 patterns split over two statements', properties: role(doc(allow('kms:Decrypt', EVERY_KEY.slice(0, 8)), allow(['kms:Decrypt', 'kms:DescribeKey'], EVERY_KEY.slice(8)))), expect: 'FAIL', messageIncludes: 'together with Policies[0].PolicyDocument.Statement[1]' },
    { name: 'kms:Decrypt on 15 of the 16 patterns passes', properties: role(doc(allow('kms:Decrypt', EVERY_KEY.slice(1)))), expect: 'PASS' },
    { name: 'kms:Decrypt on key/0* alone passes', properties: role(doc(allow('kms:Decrypt', 'arn:aws:kms:*:111111111111:key/0*'))), expect: 'PASS' },
    { name: 'kms:Decrypt on the 16 patterns through one service passes', properties: role(doc(allow('kms:Decrypt', EVERY_KEY, { Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com' } } }))), expect: 'PASS' },
    { name: 'update widens one key to key*', properties: role(doc(allow('kms:Decrypt', 'arn:aws:kms:eu-west-1:123456789012:key*'))), previous: role(doc(allow('kms:Decrypt', 'arn:aws:kms:eu-west-1:123456789012:key/abc'))), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
  ],
});
