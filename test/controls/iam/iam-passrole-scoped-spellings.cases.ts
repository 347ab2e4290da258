import { defineCases } from '../../helpers/cases';
import { allow, doc, policy } from './fixtures';

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
    { name: 'update widens the role to role*', properties: policy(doc(allow('iam:PassRole', 'arn:aws:iam::123456789012:role*'))), previous: policy(doc(allow('iam:PassRole', 'arn:aws:iam::123456789012:role/app-fn'))), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
  ],
});
