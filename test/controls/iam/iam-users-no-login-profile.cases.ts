import { defineCases } from '../../helpers/cases';

const PASSWORD = 'Sup3r-Secret-Pa55word!';

export default defineCases({
  controlId: 'CICD.IAM.14',
  resourceType: 'AWS::IAM::User',
  cases: [
    { name: 'user without LoginProfile (missing)', absent: ['LoginProfile'], properties: { UserName: 'svc' }, expect: 'PASS' },
    { name: 'user with a console password', properties: { UserName: 'svc', LoginProfile: { Password: PASSWORD, PasswordResetRequired: true } }, expect: 'FAIL', messageIncludes: 'LoginProfile', neverEcho: [PASSWORD] },
    { name: 'password from Secrets Manager still fails', properties: { LoginProfile: { Password: '{{resolve:secretsmanager:ci-user:SecretString:password}}' } }, expect: 'FAIL' },
    { name: 'update adds a LoginProfile', properties: { UserName: 'svc', LoginProfile: { Password: PASSWORD } }, previous: { UserName: 'svc' }, actions: ['UPDATE'], expect: 'FAIL', weakened: true, neverEcho: [PASSWORD] },
  ],
});
