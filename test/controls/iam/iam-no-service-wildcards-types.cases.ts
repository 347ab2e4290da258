import { defineCases } from '../../helpers/cases';
import { allow, deny, doc } from './fixtures';
import { bare, docPath, identity, IDENTITY_TYPES, INLINE_TYPES, statementPath, withoutDocument } from './identity';

/** CICD.IAM.3 on every identity-policy type, the document placed where each type carries it. */
export default defineCases({
  controlId: 'CICD.IAM.3',
  resourceTypes: IDENTITY_TYPES,
  cases: [
    { name: 'compliant policy passes', properties: identity(doc(allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::b/*'))), expect: 'PASS' },
    { name: 'Deny of the same actions passes', properties: identity(doc(deny('s3:*', '*'))), expect: 'PASS' },
    { name: 'non-compliant statement', properties: identity(doc(allow('s3:*', 'arn:aws:s3:::b/*'))), expect: 'FAIL', messageIncludes: (t) => [statementPath(t, 0), 's3:*'] },
    { name: 'non-compliant statement after a Deny, JSON string document', properties: identity(JSON.stringify(doc(deny('s3:DeleteBucket', 'arn:aws:s3:::b'), allow('s3:*', 'arn:aws:s3:::b/*')))), expect: 'FAIL', messageIncludes: (t) => statementPath(t, 1) },
    { name: 'policy document missing fails closed', properties: withoutDocument, absent: (t) => [docPath(t)], expect: 'FAIL', messageIncludes: (t) => docPath(t) },
    { name: 'no inline Policies (block absent) passes', resourceType: INLINE_TYPES, properties: bare, absent: ['Policies'], expect: 'PASS' },
    { name: 'update introduces the statement', properties: identity(doc(allow('s3:*', 'arn:aws:s3:::b/*'))), previous: identity(doc(allow('s3:GetObject', 'arn:aws:s3:::b/*'))), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
    { name: 'update that keeps the statement and adds another is not a weakening', properties: identity(doc(allow('s3:*', 'arn:aws:s3:::b/*'), allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::b/*'))), previous: identity(doc(allow('s3:*', 'arn:aws:s3:::b/*'))), actions: ['UPDATE'], expect: 'FAIL', weakened: false },
  ],
});
