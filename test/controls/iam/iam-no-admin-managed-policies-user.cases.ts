import { defineCases } from '../../helpers/cases';

export default defineCases({
  controlId: 'CICD.IAM.2',
  resourceType: 'AWS::IAM::Group',
  cases: [
    { name: 'group without managed policies (missing)', properties: { GroupName: 'ci' }, expect: 'PASS' },
    { name: 'group with AdministratorAccess', properties: { ManagedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'] }, expect: 'FAIL' },
  ],
});
