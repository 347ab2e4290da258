import { defineCases } from '../../helpers/cases';
import { allow, doc, role } from './fixtures';

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
    { name: 'update widens the resource from one role to role*', properties: role(doc(allow('iam:PutRolePolicy', 'arn:aws:iam::123456789012:role*'))), previous: role(doc(allow('iam:PutRolePolicy', 'arn:aws:iam::123456789012:role/app-fn'))), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
  ],
});
