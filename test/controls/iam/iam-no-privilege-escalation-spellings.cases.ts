import { defineCases } from '../../helpers/cases';
import { allow, doc, role } from './fixtures';

const ROLE_FIRSTS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'];
const EVERY_ROLE = ROLE_FIRSTS.map((c) => `arn:aws:iam::123456789012:role/${c}*`);
const EVERY_INSTANCE = [...'0123456789abcdef'].map((c) => `arn:aws:ec2:*:123456789012:instance/i-${c}*`);

/** CICD.IAM.4 with action patterns and resource patterns judged by what they match (issue 11). */
export default defineCases({
  controlId: 'CICD.IAM.4',
  resourceType: 'AWS::IAM::Role',
  cases: [
    { name: 'iam:?ut* on arn:aws:iam::*:role*', properties: role(doc(allow('iam:?ut*', 'arn:aws:iam::*:role*'))), expect: 'FAIL', messageIncludes: ['Policies[0].PolicyDocument.Statement[0]', 'iam:PutRolePolicy (via iam:?ut*)'] },
    { name: 'iam:Put*Policy on every role of the account', properties: role(doc(allow('iam:Put*Policy', 'arn:aws:iam::123456789012:role/*'))), expect: 'FAIL', messageIncludes: 'iam:PutRolePolicy (via iam:put*policy)' },
    { name: 'iam:*Role* on arn:*:iam::*:*', properties: role(doc(allow('iam:*Role*', 'arn:*:iam::*:*'))), expect: 'FAIL', messageIncludes: 'iam:AttachRolePolicy' },
    { name: '*:Put*Policy spans services', properties: role(doc(allow('*:Put*Policy', '*'))), expect: 'FAIL', messageIncludes: 'iam:PutRolePolicy (via *:put*policy)' },
    { name: 'iam:Detach* (Permissions management) on every role', properties: role(doc(allow('iam:Detach*', 'arn:aws:iam::*:role/?*'))), expect: 'FAIL', messageIncludes: 'iam:DetachRolePolicy' },
    { name: 'iam:DeleteRolePolicy on a role pattern with ? in the type', properties: role(doc(allow('IAM:DeleteRolePolicy', 'arn:aws:iam::123456789012:r?le/*'))), expect: 'FAIL', messageIncludes: 'iam:DeleteRolePolicy' },
    { name: 'iam:Put*Policy on a name prefix of roles passes', properties: role(doc(allow('iam:Put*Policy', 'arn:aws:iam::123456789012:role/app-*'))), expect: 'PASS' },
    { name: 'an action the catalogue does not know (iam:NewAction*) grants nothing', properties: role(doc(allow('iam:NewAction*', '*'))), expect: 'PASS' },
    { name: 'read-only IAM on * passes', properties: role(doc(allow(['iam:Get*', 'iam:List*'], '*'))), expect: 'PASS' },
    // resources judged as a set
    { name: 'iam:PutRolePolicy on role/<c>* for every first character', properties: role(doc(allow('iam:PutRolePolicy', EVERY_ROLE))), expect: 'FAIL', messageIncludes: ['iam:PutRolePolicy on every resource', 'together match every IAM role of account 123456789012'] },
    { name: 'iam:PutRolePolicy on those patterns split over two statements', properties: role(doc(allow('iam:PutRolePolicy', EVERY_ROLE.slice(0, 31)), allow(['iam:PutRolePolicy', 'iam:GetRole'], EVERY_ROLE.slice(31)))), expect: 'FAIL', messageIncludes: 'together with Policies[0].PolicyDocument.Statement[1]' },
    { name: 'ec2:ModifyInstanceAttribute on instance/i-0* … i-f*', properties: role(doc(allow('ec2:ModifyInstanceAttribute', EVERY_INSTANCE))), expect: 'FAIL', messageIncludes: 'every EC2 instance of account 123456789012' },
    { name: 'iam:PutRolePolicy on all but one first character passes', properties: role(doc(allow('iam:PutRolePolicy', EVERY_ROLE.slice(1)))), expect: 'PASS' },
    { name: 'split statements under conditions that do not narrow still add up', properties: role(doc(allow('iam:PutRolePolicy', EVERY_ROLE.slice(0, 31), { Condition: { Bool: { 'aws:SecureTransport': 'true' } } }), allow('iam:PutRolePolicy', EVERY_ROLE.slice(31), { Condition: { Bool: { 'aws:SecureTransport': true } } }))), expect: 'FAIL', messageIncludes: 'together with' },
    { name: 'sts:AssumeRole split over statements each narrowed by a resource tag passes', properties: role(doc(allow('sts:AssumeRole', EVERY_ROLE.slice(0, 31), { Condition: { StringEquals: { 'aws:ResourceTag/team': 'ci' } } }), allow('sts:AssumeRole', EVERY_ROLE.slice(31), { Condition: { StringEquals: { 'aws:ResourceTag/team': 'build' } } }))), expect: 'PASS' },
    { name: 'sts:AssumeRole split over a tag-narrowed and an open statement passes (untagged roles of the first half stay out of reach)', properties: role(doc(allow('sts:AssumeRole', EVERY_ROLE.slice(0, 31), { Condition: { StringEquals: { 'aws:ResourceTag/team': 'ci' } } }), allow('sts:AssumeRole', EVERY_ROLE.slice(31)))), expect: 'PASS' },
    { name: 'iam:AttachRolePolicy "narrowed" to every AWS managed policy (iam:PolicyARN arn:aws:iam::aws:policy/*)', properties: role(doc(allow('iam:AttachRolePolicy', '*', { Condition: { ArnLike: { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/*' } } }))), expect: 'FAIL', messageIncludes: 'iam:AttachRolePolicy' },
    { name: 'iam:AttachRolePolicy narrowed to the account\'s ci-* policies passes', properties: role(doc(allow('iam:AttachRolePolicy', '*', { Condition: { ArnLike: { 'iam:PolicyARN': 'arn:aws:iam::123456789012:policy/ci-*' } } }))), expect: 'PASS' },
    { name: 'update widens the resource from one role to role*', properties: role(doc(allow('iam:PutRolePolicy', 'arn:aws:iam::123456789012:role*'))), previous: role(doc(allow('iam:PutRolePolicy', 'arn:aws:iam::123456789012:role/app-fn'))), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
  ],
});
