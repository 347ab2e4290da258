import { defineCases } from '../../helpers/cases';
import { allow, BOUNDARY, BOUNDARY_CONFIG, CDK_PIPELINE_POLICY, deny, doc, policy } from './fixtures';

const pinnedCreate = allow('iam:CreateRole', 'arn:aws:iam::123456789012:role/app-*', { Condition: { StringEquals: { 'iam:PermissionsBoundary': BOUNDARY } } });

export default defineCases({
  controlId: 'CICD.IAM.11',
  resourceType: 'AWS::IAM::Policy',
  cases: [
    { name: 'CDK Pipelines policy passes', properties: policy(CDK_PIPELINE_POLICY), config: BOUNDARY_CONFIG, expect: 'PASS' },
    { name: 'CreateRole with the boundary condition passes', properties: policy(doc(pinnedCreate)), config: BOUNDARY_CONFIG, expect: 'PASS' },
    { name: 'CreateRole with a boundary condition, nothing configured', properties: policy(doc(pinnedCreate)), expect: 'PASS' },
    { name: 'Deny of boundary removal passes', properties: policy(doc(deny(['iam:DeleteRolePermissionsBoundary', 'iam:DeleteUserPermissionsBoundary']))), expect: 'PASS' },
    { name: 'PolicyDocument missing fails closed', properties: { PolicyName: 'p' }, expect: 'FAIL' },
    { name: 'DeleteRolePermissionsBoundary on a named role', properties: policy(doc(allow('iam:DeleteRolePermissionsBoundary', 'arn:aws:iam::123456789012:role/x'))), expect: 'FAIL', messageIncludes: ['PolicyDocument.Statement[0]', 'iam:DeleteRolePermissionsBoundary'] },
    { name: 'iam:Delete*Boundary wildcard, mixed case', properties: policy(doc(allow('IAM:Delete*Boundary', '*'))), expect: 'FAIL', messageIncludes: 'iam:DeleteUserPermissionsBoundary' },
    { name: 'PutRolePermissionsBoundary on * without condition', properties: policy(doc(allow('iam:PutRolePermissionsBoundary', '*'))), expect: 'FAIL', messageIncludes: 'iam:PutRolePermissionsBoundary' },
    { name: 'CreateRole without boundary condition', properties: policy(doc(allow('iam:CreateRole', 'arn:aws:iam::123456789012:role/app-*'))), expect: 'FAIL', messageIncludes: 'iam:CreateRole' },
    { name: 'CreateUser with a condition naming another boundary', properties: policy(doc(allow('iam:CreateUser', '*', { Condition: { StringEquals: { 'iam:PermissionsBoundary': 'arn:aws:iam::123456789012:policy/lenient' } } }))), config: BOUNDARY_CONFIG, expect: 'FAIL', messageIncludes: 'iam:CreateUser' },
    { name: 'CreateRole with a negated boundary condition', properties: policy(doc(allow('iam:CreateRole', '*', { Condition: { StringNotEquals: { 'iam:PermissionsBoundary': BOUNDARY } } }))), expect: 'FAIL' },
    { name: 'CreatePolicyVersion on the boundary policy itself', properties: policy(doc(allow('iam:CreatePolicyVersion', 'arn:aws:iam::123456789012:policy/pipeline-*'))), config: BOUNDARY_CONFIG, expect: 'FAIL', messageIncludes: 'boundary policy itself' },
    { name: 'Allow NotAction covers boundary removal', properties: policy(doc({ Effect: 'Allow', NotAction: 's3:*', Resource: '*' })), expect: 'FAIL' },
    { name: 'Deny first then iam:* (JSON string)', properties: policy(JSON.stringify(doc(deny('iam:*', 'arn:aws:iam::123456789012:role/admin'), allow('iam:*', '*')))), expect: 'FAIL', messageIncludes: 'Statement[1]' },
    { name: 'update adds boundary removal', properties: policy(doc(allow('iam:DeleteRolePermissionsBoundary', '*'))), previous: policy(doc(allow('iam:GetRole', '*'))), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
  ],
});
