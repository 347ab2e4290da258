import { defineCases } from '../../helpers/cases';
import { allow, deny, doc } from './fixtures';

export default defineCases({
  controlId: 'CICD.IAM.13',
  resourceType: 'AWS::IAM::UserPolicy',
  cases: [
    { name: 'deny-only quarantine UserPolicy passes', properties: { UserName: 'legacy', PolicyName: 'quarantine', PolicyDocument: doc(deny('*', '*')) }, expect: 'PASS' },
    { name: 'UserPolicy that allows', properties: { UserName: 'ci', PolicyName: 'ci', PolicyDocument: doc(allow('s3:GetObject', 'arn:aws:s3:::b/*')) }, expect: 'FAIL', messageIncludes: 'UserName' },
    { name: 'UserPolicy without PolicyDocument (missing)', absent: ['PolicyDocument'], properties: { UserName: 'ci', PolicyName: 'ci' }, expect: 'FAIL' },
    { name: 'empty Statement list is not deny-only', properties: { UserName: 'ci', PolicyName: 'ci', PolicyDocument: doc() }, expect: 'FAIL' },
  ],
});
