import { defineCases } from '../../helpers/cases';
import { allow, deny, doc, BOUNDARY, BOUNDARY_CONFIG } from './fixtures';
import { bare, docPath, identity, IDENTITY_TYPES, INLINE_TYPES, statementPath, withoutDocument } from './identity';

/** CICD.IAM.11 on every identity-policy type, the document placed where each type carries it. */
export default defineCases({
  controlId: 'CICD.IAM.11',
  resourceTypes: IDENTITY_TYPES,
  cases: [
    { name: 'compliant policy passes', properties: identity(doc(allow('iam:CreateRole', 'arn:aws:iam::123456789012:role/app-*', { Condition: { StringEquals: { 'iam:PermissionsBoundary': BOUNDARY } } }))), expect: 'PASS' },
    { name: 'Deny of the same actions passes', properties: identity(doc(deny(['iam:DeleteRolePermissionsBoundary', 'iam:DeleteUserPermissionsBoundary']))), expect: 'PASS' },
    { name: 'non-compliant statement', properties: identity(doc(allow('iam:DeleteRolePermissionsBoundary', 'arn:aws:iam::123456789012:role/x'))), expect: 'FAIL', messageIncludes: (t) => [statementPath(t, 0), 'iam:DeleteRolePermissionsBoundary'] },
    { name: 'non-compliant statement after a Deny, JSON string document', properties: identity(JSON.stringify(doc(deny('s3:DeleteBucket', 'arn:aws:s3:::b'), allow('iam:DeleteRolePermissionsBoundary', 'arn:aws:iam::123456789012:role/x')))), expect: 'FAIL', messageIncludes: (t) => statementPath(t, 1) },
    { name: 'policy document missing fails closed', properties: withoutDocument, absent: (t) => [docPath(t)], expect: 'FAIL', messageIncludes: (t) => docPath(t) },
    { name: 'no inline Policies (block absent) passes', resourceType: INLINE_TYPES, properties: bare, absent: ['Policies'], expect: 'PASS' },
    { name: 'update introduces the statement', properties: identity(doc(allow('iam:DeleteRolePermissionsBoundary', 'arn:aws:iam::123456789012:role/x'))), previous: identity(doc(allow('iam:GetRole', '*'))), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
    // the added statement is one no control flags (iam:CreateRole, even pinned to the boundary, is a new CICD.IAM.20 finding)
    { name: 'update that keeps the statement and adds another is not a weakening', properties: identity(doc(allow('iam:DeleteRolePermissionsBoundary', 'arn:aws:iam::123456789012:role/x'), allow(['iam:GetRole', 'iam:ListRolePolicies'], 'arn:aws:iam::123456789012:role/app-*'))), previous: identity(doc(allow('iam:DeleteRolePermissionsBoundary', 'arn:aws:iam::123456789012:role/x'))), actions: ['UPDATE'], expect: 'FAIL', weakened: false },
    { name: 'CreateRole pinned to the configured boundary passes', properties: identity(doc(allow('iam:CreateRole', 'arn:aws:iam::123456789012:role/app-*', { Condition: { StringEquals: { 'iam:PermissionsBoundary': BOUNDARY } } }))), config: BOUNDARY_CONFIG, expect: 'PASS' },
    { name: 'CreateUser pinned to another boundary than the configured one', properties: identity(doc(allow('iam:CreateUser', '*', { Condition: { StringEquals: { 'iam:PermissionsBoundary': 'arn:aws:iam::123456789012:policy/lenient' } } }))), config: BOUNDARY_CONFIG, expect: 'FAIL', messageIncludes: (t) => [statementPath(t, 0), 'iam:CreateUser'] },
  ],
});
