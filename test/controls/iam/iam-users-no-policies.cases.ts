import { defineCases } from '../../helpers/cases';
import { allow, deny, doc } from './fixtures';

export default defineCases({
  controlId: 'CICD.IAM.13',
  resourceType: 'AWS::IAM::User',
  cases: [
    { name: 'user without policies (missing) passes', absent: ['Policies', 'ManagedPolicyArns'], properties: { UserName: 'svc', Groups: ['readers'] }, expect: 'PASS' },
    { name: 'empty lists pass', properties: { UserName: 'svc', Policies: [], ManagedPolicyArns: [] }, expect: 'PASS' },
    { name: 'quarantine inline Deny * passes', properties: { Policies: [{ PolicyName: 'quarantine', PolicyDocument: doc(deny('*', '*')) }] }, expect: 'PASS' },
    { name: 'AWSDenyAll managed policy passes', properties: { ManagedPolicyArns: ['arn:aws-us-gov:iam::aws:policy/AWSDenyAll'] }, expect: 'PASS' },
    { name: 'inline Allow policy', properties: { Policies: [{ PolicyName: 'ci', PolicyDocument: doc(allow('s3:GetObject', 'arn:aws:s3:::b/*')) }] }, expect: 'FAIL', messageIncludes: 'Policies[0]' },
    { name: 'Deny then Allow inline policy (JSON string)', properties: { Policies: [{ PolicyName: 'ci', PolicyDocument: JSON.stringify(doc(deny('iam:*'), allow('s3:GetObject', '*'))) }] }, expect: 'FAIL' },
    { name: 'unparsable inline policy', properties: { Policies: [{ PolicyName: 'ci', PolicyDocument: '{' }] }, expect: 'FAIL' },
    { name: 'managed policy on a user', properties: { ManagedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] }, expect: 'FAIL', messageIncludes: 'ManagedPolicyArns[0]' },
    { name: 'update attaches a policy to the user', properties: { ManagedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] }, previous: { UserName: 'svc' }, actions: ['UPDATE'], expect: 'FAIL', weakened: true },
  ],
});
