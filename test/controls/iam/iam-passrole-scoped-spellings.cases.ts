import { defineCases } from '../../helpers/cases';
import { allow, doc, policy } from './fixtures';

/** One pattern per character a role name may start with, as the red team wrote them (68: `_` left out). */
const FIRSTS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+=,.@-'];
const EVERY_ROLE = FIRSTS.map((c) => `arn:aws:iam::111111111111:role/${c}*`);
const LAMBDA = { Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } };

/** CICD.IAM.5: "every role" judged by what the resource pattern matches (issue 11). */
export default defineCases({
  controlId: 'CICD.IAM.5',
  resourceType: 'AWS::IAM::Policy',
  cases: [
    { name: 'PassRole on arn:aws:iam::*:role*', properties: policy(doc(allow('iam:PassRole', 'arn:aws:iam::*:role*'))), expect: 'FAIL', messageIncludes: ['PolicyDocument.Statement[0]', 'iam:PassRole'] },
    { name: 'iam:P?ssRole on arn:*:iam::*:*', properties: policy(doc(allow('iam:P?ssRole', 'arn:*:iam::*:*'))), expect: 'FAIL' },
    { name: '*:PassRole on a shortened ARN (arn:aws:iam::*)', properties: policy(doc(allow('*:PassRole', 'arn:aws:iam::*'))), expect: 'FAIL' },
    { name: 'iam:Pass* on r?le/* of one account', properties: policy(doc(allow('iam:Pass*', 'arn:aws:iam::123456789012:r?le/*'))), expect: 'FAIL' },
    { name: 'PassRole on every role named by ?* ', properties: policy(doc(allow('iam:PassRole', ['arn:aws:iam::123456789012:role/app-fn', 'arn:aws:iam::123456789012:role/?*']))), expect: 'FAIL' },
    { name: 'PassRole on a role name prefix passes', properties: policy(doc(allow('iam:PassRole', 'arn:aws:iam::123456789012:role/app-*'))), expect: 'PASS' },
    { name: 'PassRole on a role path passes', properties: policy(doc(allow('iam:PassRole', 'arn:aws:iam::123456789012:role/service-role/*'))), expect: 'PASS' },
    // resources judged as a set: patterns that together match every role of the account
    { name: 'PassRole on 68 patterns role/<c>*, one per first character', properties: policy(doc(allow('iam:PassRole', EVERY_ROLE))), expect: 'FAIL', messageIncludes: ['iam:PassRole on every role', 'together match every IAM role of account 111111111111'] },
    { name: 'PassRole on role/<c>* for every first character of every account', properties: policy(doc(allow('iam:PassRole', EVERY_ROLE.map((r) => r.replace('111111111111', '*'))))), expect: 'FAIL', messageIncludes: 'every IAM role of every account' },
    { name: 'PassRole on 67 of the 68 patterns (no role named Z…) passes', properties: policy(doc(allow('iam:PassRole', EVERY_ROLE.filter((r) => !r.endsWith('/Z*'))))), expect: 'PASS' },
    { name: 'PassRole on the 68 patterns split over two statements', properties: policy(doc(allow('iam:PassRole', EVERY_ROLE.slice(0, 34)), allow('iam:PassRole', EVERY_ROLE.slice(34)))), expect: 'FAIL', messageIncludes: ['PolicyDocument.Statement[0]', 'together with PolicyDocument.Statement[1]'] },
    { name: 'PassRole on the 68 patterns to Lambda, with lambda:CreateFunction', properties: policy(doc(allow('iam:PassRole', EVERY_ROLE, LAMBDA), allow('lambda:CreateFunction', '*'))), expect: 'FAIL', messageIncludes: 'lambda.amazonaws.com together with lambda:CreateFunction' },
    { name: 'PassRole on the 68 patterns to Lambda only passes', properties: policy(doc(allow('iam:PassRole', EVERY_ROLE, LAMBDA))), expect: 'PASS' },
    { name: 'PassRole on CDK\'s bootstrap roles (role/cdk-hnb659fds-*) passes', properties: policy(doc(allow('iam:PassRole', 'arn:*:iam::111111111111:role/cdk-hnb659fds-*'))), expect: 'PASS' },
    { name: 'update widens the role to role*', properties: policy(doc(allow('iam:PassRole', 'arn:aws:iam::123456789012:role*'))), previous: policy(doc(allow('iam:PassRole', 'arn:aws:iam::123456789012:role/app-fn'))), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
  ],
});
