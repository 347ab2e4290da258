import { defineCases } from '../../helpers/cases';
import { actionsOfService } from '../../../src/predicates/iam-catalogue';
import { allow, deny, doc, policy } from './fixtures';

/** Patterns that add up to every action of s3: one per initial letter of its action names. */
const S3_BY_INITIAL = [...new Set(actionsOfService('s3').map((a) => a.name[0]))].map((c) => `s3:${c}*`);

/** CICD.IAM.3 judged by what a pattern matches in the IAM action catalogue (issue 11). */
export default defineCases({
  controlId: 'CICD.IAM.3',
  resourceType: 'AWS::IAM::Policy',
  cases: [
    { name: 's?:* matches every action of s3', properties: policy(doc(allow('s?:*', 'arn:aws:s3:::b/*'))), expect: 'FAIL', messageIncludes: ['PolicyDocument.Statement[0]', 's?:*', 'every action of', 's3'] },
    { name: 'S3:?* in capitals', properties: policy(doc(allow('S3:?*', 'arn:aws:s3:::b/*'))), expect: 'FAIL', messageIncludes: ['s3:?*', 'every action of s3'] },
    { name: 'sn?:* is every action of sns', properties: policy(doc(allow('sn?:*', '*'))), expect: 'FAIL', messageIncludes: 'every action of sns' },
    { name: '?am:** is every action of iam', properties: policy(doc(allow(['logs:PutLogEvents', '?am:**'], '*'))), expect: 'FAIL', messageIncludes: ['?am:**', 'every action of iam'] },
    { name: '*:* is every action of every service', properties: policy(doc(allow('*:*', 'arn:aws:s3:::b'))), expect: 'FAIL', messageIncludes: 'every action of every service' },
    { name: 'patterns adding up to all of s3 (s3:A* … s3:W*)', properties: policy(doc(allow(S3_BY_INITIAL, 'arn:aws:s3:::b/*'))), expect: 'FAIL', messageIncludes: 'every action of s3' },
    { name: 'all of s3 but one initial letter passes', properties: policy(doc(allow(S3_BY_INITIAL.slice(1), 'arn:aws:s3:::b/*'))), expect: 'PASS' },
    { name: 'an unknown service prefix grants nothing (s3x:*)', properties: policy(doc(allow('s3x:*', '*'))), expect: 'PASS' },
    { name: 'iam:*Role* is not every action of iam', properties: policy(doc(allow('iam:*Role*', 'arn:aws:iam::123456789012:role/app'))), expect: 'PASS' },
    { name: 'Deny s?:* is fine', properties: policy(doc(deny('s?:*', '*'))), expect: 'PASS' },
    { name: 'update widens s3:Get* to s3:?*', properties: policy(doc(allow('s3:?*', 'arn:aws:s3:::b/*'))), previous: policy(doc(allow('s3:Get*', 'arn:aws:s3:::b/*'))), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
  ],
});
