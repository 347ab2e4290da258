import { defineCases } from '../../helpers/cases';
import { allow, deny, doc } from './fixtures';
import { bare, docPath, identity, IDENTITY_TYPES, INLINE_TYPES, statementPath, withoutDocument } from './identity';

/** CICD.IAM.17 on every identity-policy type, the document placed where each type carries it. */
export default defineCases({
  controlId: 'CICD.IAM.17',
  resourceTypes: IDENTITY_TYPES,
  cases: [
    { name: 'compliant policy passes', properties: identity(doc(allow('kms:Decrypt', 'arn:aws:kms:eu-west-1:123456789012:key/5f0e2a52-3c1d-4e2b-9a7f-0b1c2d3e4f50'))), expect: 'PASS' },
    { name: 'Deny of the same actions passes', properties: identity(doc(deny('kms:Decrypt', '*'))), expect: 'PASS' },
    { name: 'non-compliant statement', properties: identity(doc(allow('kms:Decrypt', '*'))), expect: 'FAIL', messageIncludes: (t) => [statementPath(t, 0), 'kms:Decrypt'] },
    { name: 'non-compliant statement after a Deny, JSON string document', properties: identity(JSON.stringify(doc(deny('s3:DeleteBucket', 'arn:aws:s3:::b'), allow('kms:Decrypt', '*')))), expect: 'FAIL', messageIncludes: (t) => statementPath(t, 1) },
    { name: 'policy document missing fails closed', properties: withoutDocument, absent: (t) => [docPath(t)], expect: 'FAIL', messageIncludes: (t) => docPath(t) },
    { name: 'no inline Policies (block absent) passes', resourceType: INLINE_TYPES, properties: bare, absent: ['Policies'], expect: 'PASS' },
    { name: 'update introduces the statement', properties: identity(doc(allow('kms:Decrypt', '*'))), previous: identity(doc(allow('kms:Decrypt', 'arn:aws:kms:eu-west-1:123456789012:key/5f0e2a52-3c1d-4e2b-9a7f-0b1c2d3e4f50'))), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
    { name: 'update that keeps the statement and adds another is not a weakening', properties: identity(doc(allow('kms:Decrypt', '*'), allow('kms:Decrypt', 'arn:aws:kms:eu-west-1:123456789012:key/5f0e2a52-3c1d-4e2b-9a7f-0b1c2d3e4f50'))), previous: identity(doc(allow('kms:Decrypt', '*'))), actions: ['UPDATE'], expect: 'FAIL', weakened: false },
  ],
});
