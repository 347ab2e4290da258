import { defineCases } from '../../helpers/cases';

/** CICD.IAM.2 on users and groups (roles: iam-no-admin-managed-policies.cases.ts). */
const NAME = (t: string) => (t === 'AWS::IAM::User' ? { UserName: 'ci-user' } : { GroupName: 'ci-group' });
const arns = (...a: unknown[]) => (t: string) => ({ ...NAME(t), ManagedPolicyArns: a });

export default defineCases({
  controlId: 'CICD.IAM.2',
  resourceTypes: ['AWS::IAM::User', 'AWS::IAM::Group'],
  cases: [
    { name: 'without managed policies (ManagedPolicyArns missing)', properties: NAME, absent: ['ManagedPolicyArns'], expect: 'PASS' },
    { name: 'scoped AWS managed policy passes', properties: arns('arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'), expect: 'PASS' },
    { name: 'AdministratorAccess', properties: arns('arn:aws:iam::aws:policy/AdministratorAccess'), expect: 'FAIL', messageIncludes: ['ManagedPolicyArns[0]', 'AdministratorAccess'] },
    { name: 'PowerUserAccess second in the list', properties: arns('arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::aws:policy/PowerUserAccess'), expect: 'FAIL', messageIncludes: 'ManagedPolicyArns[1]' },
    {
      name: 'update attaches AdministratorAccess',
      properties: arns('arn:aws:iam::aws:policy/AdministratorAccess'),
      previous: arns('arn:aws:iam::aws:policy/ReadOnlyAccess'),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
    },
  ],
});
