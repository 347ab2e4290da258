import { defineCases } from '../../helpers/cases';
import { allow, deny, doc } from './fixtures';
import { bare, docPath, identity, IDENTITY_TYPES, INLINE_TYPES, statementPath, withoutDocument } from './identity';

/** CICD.IAM.1 on every identity-policy type, the document placed where each type carries it (role specifics: iam-no-admin-statements.cases.ts). */
export default defineCases({
  controlId: 'CICD.IAM.1',
  resourceTypes: IDENTITY_TYPES,
  cases: [
    { name: 'scoped policy passes', properties: identity(doc(allow('s3:GetObject', 'arn:aws:s3:::b/*'))), expect: 'PASS' },
    { name: 'Deny * on * alone passes', properties: identity(doc(deny('*', '*'))), expect: 'PASS' },
    { name: 'Deny first, then Allow * on *', properties: identity(doc(deny('*', 'arn:aws:s3:::b'), allow('*', '*'))), expect: 'FAIL', messageIncludes: (t) => [statementPath(t, 1), 'administrator'] },
    { name: 'Deny then Allow [*] as a JSON string document', properties: identity(JSON.stringify(doc(deny('s3:*'), allow(['*'], '*')))), expect: 'FAIL', messageIncludes: (t) => statementPath(t, 1) },
    { name: 'Statement as a single object with scalar Action and Resource', properties: identity({ Statement: { Effect: 'Allow', Action: '*', Resource: '*' } }), expect: 'FAIL', messageIncludes: (t) => statementPath(t) },
    { name: 'policy document missing fails closed', properties: withoutDocument, absent: (t) => [docPath(t)], expect: 'FAIL', messageIncludes: (t) => docPath(t) },
    { name: 'no inline Policies (block absent) passes', resourceType: INLINE_TYPES, properties: bare, absent: ['Policies'], expect: 'PASS' },
    {
      name: 'update adds Allow * on * to a scoped policy',
      properties: identity(doc(allow('*', '*'))),
      previous: identity(doc(allow('s3:GetObject', 'arn:aws:s3:::b/*'))),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
    },
    {
      name: 'update that keeps Allow * on * and adds a scoped statement is not a weakening',
      properties: identity(doc(allow('*', '*'), allow('s3:GetObject', 'arn:aws:s3:::b/*'))),
      previous: identity(doc(allow('*', '*'))),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: false,
    },
  ],
});
