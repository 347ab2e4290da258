import { defineCases } from '../../helpers/cases';
import { allow, doc, managedPolicy } from './fixtures';

export default defineCases({
  controlId: 'CICD.IAM.13',
  resourceType: 'AWS::IAM::ManagedPolicy',
  cases: [
    { name: 'managed policy without Users (missing)', absent: ['Users'], properties: managedPolicy(doc(allow('s3:GetObject', 'arn:aws:s3:::b/*'))), expect: 'PASS' },
    { name: 'managed policy with empty Users list', properties: managedPolicy(doc(allow('s3:GetObject', 'arn:aws:s3:::b/*')), { Users: [] }), expect: 'PASS' },
    { name: 'managed policy attached to users (string document)', properties: managedPolicy(JSON.stringify(doc(allow('s3:GetObject', '*'))), { Users: ['a', 'b'] }), expect: 'FAIL', messageIncludes: '2 IAM users' },
  ],
});
