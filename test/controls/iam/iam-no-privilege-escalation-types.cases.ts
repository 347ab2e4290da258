import { defineCases } from '../../helpers/cases';
import { allow, deny, doc } from './fixtures';
import { bare, docPath, identity, IDENTITY_TYPES, INLINE_TYPES, statementPath, withoutDocument } from './identity';

/** CICD.IAM.4 on every identity-policy type, the document placed where each type carries it. */
export default defineCases({
  controlId: 'CICD.IAM.4',
  resourceTypes: IDENTITY_TYPES,
  cases: [
    { name: 'compliant policy passes', properties: identity(doc(allow('iam:PutRolePolicy', 'arn:aws:iam::123456789012:role/app-fn'))), expect: 'PASS' },
    { name: 'Deny of the same actions passes', properties: identity(doc(deny(['iam:Put*', 'iam:Attach*'], '*'))), expect: 'PASS' },
    { name: 'non-compliant statement', properties: identity(doc(allow('iam:CreatePolicyVersion', '*'))), expect: 'FAIL', messageIncludes: (t) => [statementPath(t, 0), 'iam:CreatePolicyVersion'] },
    { name: 'non-compliant statement after a Deny, JSON string document', properties: identity(JSON.stringify(doc(deny('s3:DeleteBucket', 'arn:aws:s3:::b'), allow('iam:CreatePolicyVersion', '*')))), expect: 'FAIL', messageIncludes: (t) => statementPath(t, 1) },
    { name: 'policy document missing fails closed', properties: withoutDocument, absent: (t) => [docPath(t)], expect: 'FAIL', messageIncludes: (t) => docPath(t) },
    { name: 'no inline Policies (block absent) passes', resourceType: INLINE_TYPES, properties: bare, absent: ['Policies'], expect: 'PASS' },
    { name: 'update introduces the statement', properties: identity(doc(allow('iam:CreatePolicyVersion', '*'))), previous: identity(doc(allow('iam:GetRole', '*'))), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
    // the added statement is one no control flags (iam:PutRolePolicy even on one named role is a new CICD.IAM.20 finding)
    { name: 'update that keeps the statement and adds another is not a weakening', properties: identity(doc(allow('iam:CreatePolicyVersion', '*'), allow(['iam:GetRole', 'iam:ListRolePolicies'], 'arn:aws:iam::123456789012:role/app-fn'))), previous: identity(doc(allow('iam:CreatePolicyVersion', '*'))), actions: ['UPDATE'], expect: 'FAIL', weakened: false },
  ],
});
