import { defineCases } from '../../helpers/cases';
import { approvalAction, cfnDeploy, hardenedPipeline, PROD_ACCOUNT, sourceAction, stage, withStages } from './builders';

const stages = hardenedPipeline().Stages as Record<string, unknown>[];
const GH = 'ghp_R4nd0mT0k3nV4lu3Xy7Zq2Wm5Nb8Lk1Hj3Gf';
const PW = 'hunter2-but-longer!';
const githubV1 = (token: unknown) =>
  withStages([stage('Source', [sourceAction({ ActionTypeId: { Category: 'Source', Owner: 'ThirdParty', Provider: 'GitHub', Version: '1' }, Configuration: { Owner: 'org', Repo: 'repo', Branch: 'main', OAuthToken: token }, RoleArn: undefined })]), ...stages.slice(1)]);
const prodWithConfig = (extra: Record<string, unknown>) => {
  const [prepare, deploy] = cfnDeploy(PROD_ACCOUNT, 'Prod-Svc', 2, 'Svc.');
  const p = { ...prepare, Configuration: { ...(prepare.Configuration as Record<string, unknown>), ...extra } };
  return withStages([...stages.slice(0, 3), stage('Prod', [approvalAction(), p, deploy])]);
};
const invoke = (UserParameters: string) =>
  withStages([...stages, stage('Notify', [{ Name: 'Tell', ActionTypeId: { Category: 'Invoke', Owner: 'AWS', Provider: 'Lambda', Version: '1' }, Configuration: { FunctionName: 'notify', UserParameters }, RunOrder: 1 }])]);

export default defineCases({
  controlId: 'CICD.CODEPIPELINE.7',
  resourceType: 'AWS::CodePipeline::Pipeline',
  cases: [
    { name: 'CDK Pipelines configuration (no secrets)', properties: hardenedPipeline(), expect: 'PASS' },
    { name: 'OAuthToken as a Secrets Manager reference', properties: githubV1('{{resolve:secretsmanager:github-token:SecretString:token}}'), expect: 'PASS' },
    { name: 'OAuthToken as an SSM SecureString reference', properties: githubV1('{{resolve:ssm-secure:/ci/github-token}}'), expect: 'PASS' },
    { name: 'OAuthToken literal', properties: githubV1(GH), expect: 'FAIL', messageIncludes: ['Stages[0].Actions[0].Configuration.OAuthToken', 'literal'], neverEcho: [GH] },
    { name: 'OAuthToken as a plain SSM parameter reference', properties: githubV1('{{resolve:ssm:/ci/github-token}}'), expect: 'FAIL', messageIncludes: 'OAuthToken' },
    { name: 'OAuthToken empty (absent value)', properties: githubV1(''), expect: 'PASS' },
    { name: 'secret-named key in lower case (password)', properties: prodWithConfig({ password: PW }), expect: 'FAIL', messageIncludes: 'Configuration.password', neverEcho: [PW] },
    { name: 'SecretToken key', properties: prodWithConfig({ SecretToken: PW }), expect: 'FAIL', messageIncludes: 'Configuration.SecretToken', neverEcho: [PW] },
    { name: 'KMS key ARN under a key-looking name is a reference', properties: prodWithConfig({ KMSEncryptionKeyARN: 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab' }), expect: 'PASS' },
    { name: 'credential-shaped value under an innocent key', properties: prodWithConfig({ TemplateConfiguration: GH }), expect: 'FAIL', messageIncludes: 'TemplateConfiguration', neverEcho: [GH] },
    {
      name: 'ParameterOverrides with a literal password',
      properties: prodWithConfig({ ParameterOverrides: JSON.stringify({ Stage: 'prod', dbPassword: PW }) }),
      expect: 'FAIL',
      messageIncludes: 'ParameterOverrides.dbPassword',
      neverEcho: [PW],
    },
    { name: 'ParameterOverrides: a password in JSON held in a parameter value', properties: prodWithConfig({ ParameterOverrides: JSON.stringify({ Stage: 'prod', AppConfig: JSON.stringify({ db: { Password: PW } }) }) }), expect: 'FAIL', messageIncludes: ['ParameterOverrides', 'Password'], neverEcho: [PW] },
    { name: 'ParameterOverrides: a URL with a password in its user-info', properties: prodWithConfig({ ParameterOverrides: JSON.stringify({ RepoUrl: `https://ci:${PW}@git.example.com/org/repo.git` }) }), expect: 'FAIL', messageIncludes: 'ParameterOverrides', neverEcho: [PW] },
    { name: 'a base64-encoded token under an innocent key', properties: prodWithConfig({ TemplateConfiguration: Buffer.from(`token=${GH}`).toString('base64') }), expect: 'FAIL', messageIncludes: 'TemplateConfiguration', neverEcho: [GH] },
    { name: 'ParameterOverrides naming secrets (…_SECRET_ARN, …SecretName) pass', properties: prodWithConfig({ ParameterOverrides: JSON.stringify({ DbPasswordSecretArn: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:db-AbCdEf', ApiKeySecretName: 'ci/api-key' }) }), expect: 'PASS' },
    { name: 'ParameterOverrides with Fn::GetParam and ordinary values', properties: prodWithConfig({ ParameterOverrides: JSON.stringify({ ImageTag: { 'Fn::GetParam': ['Build', 'tag.json', 'tag'] }, Stage: 'prod' }) }), expect: 'PASS' },
    { name: 'ParameterOverrides unparsable fails closed', properties: prodWithConfig({ ParameterOverrides: `{"dbPassword": "${PW}"` }), expect: 'FAIL', messageIncludes: 'not a JSON object', neverEcho: [PW] },
    { name: 'Lambda UserParameters JSON with an api key', properties: invoke(JSON.stringify({ channel: '#deploys', api_key: PW })), expect: 'FAIL', messageIncludes: 'UserParameters.api_key', neverEcho: [PW] },
    { name: 'Lambda UserParameters free text without secrets', properties: invoke('deploy finished for prod'), expect: 'PASS' },
    { name: 'Lambda UserParameters free text with a GitHub token', properties: invoke(`token=${GH}`), expect: 'FAIL', neverEcho: [GH] },
    { name: 'actions without Configuration (missing block)', absent: ['Stages[0].Actions[0].Configuration'], properties: withStages([stage('Prod', [{ Name: 'A', ActionTypeId: { Category: 'Approval', Owner: 'AWS', Provider: 'Manual', Version: '1' } }])]), expect: 'PASS' },
    { name: 'update replaces the token reference by a literal', properties: githubV1(GH), previous: githubV1('{{resolve:secretsmanager:github-token:SecretString:token}}'), actions: ['UPDATE'], expect: 'FAIL', weakened: true, neverEcho: [GH] },
    { name: 'OAuthToken unresolved Ref (local check only)', properties: githubV1({ Ref: 'GitHubToken' }), expect: 'UNKNOWN', typedOnly: true },
  ],
});
