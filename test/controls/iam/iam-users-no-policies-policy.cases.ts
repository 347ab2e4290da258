import { defineCases } from '../../helpers/cases';
import { allow, deny, doc, policy } from './fixtures';

export default defineCases({
  controlId: 'CICD.IAM.13',
  resourceType: 'AWS::IAM::Policy',
  cases: [
    { name: 'policy attached to roles only (Users missing)', absent: ['Users'], properties: policy(doc(allow('s3:GetObject', 'arn:aws:s3:::b/*'))), expect: 'PASS' },
    { name: 'policy attached to a user', properties: policy(doc(allow('s3:GetObject', 'arn:aws:s3:::b/*')), { Users: ['ci-user'] }), expect: 'FAIL', messageIncludes: 'Users' },
    { name: 'deny-only policy attached to a user passes', properties: policy(doc(deny('*', '*')), { Users: ['ci-user'] }), expect: 'PASS' },
  ],
});
