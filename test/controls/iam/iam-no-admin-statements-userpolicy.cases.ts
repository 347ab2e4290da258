import { defineCases } from '../../helpers/cases';
import { allow, deny, doc } from './fixtures';

export default defineCases({
  controlId: 'CICD.IAM.1',
  resourceType: 'AWS::IAM::UserPolicy',
  cases: [
    { name: 'scoped UserPolicy passes', properties: { PolicyName: 'p', PolicyDocument: doc(allow('s3:GetObject', 'arn:aws:s3:::b/*')) }, expect: 'PASS' },
    { name: 'UserPolicy Deny first then Allow * on *', properties: { PolicyName: 'p', PolicyDocument: doc(deny('*', 'arn:aws:s3:::b'), allow('*', '*')) }, expect: 'FAIL', messageIncludes: 'PolicyDocument.Statement.1' },
    { name: 'UserPolicy with PolicyDocument missing', properties: { PolicyName: 'p' }, expect: 'FAIL' },
  ],
});
