import { defineCases } from '../../helpers/cases';
import { buildAction, hardenedPipeline, stage, withStages } from './builders';

const head = (hardenedPipeline().Stages as Record<string, unknown>[]).slice(0, 1);
const tail = (hardenedPipeline().Stages as Record<string, unknown>[]).slice(2);
const withEnv = (env: unknown) => withStages([...head, stage('Build', [buildAction({}, { EnvironmentVariables: env })]), ...tail]);
const vars = (...v: Array<Record<string, unknown>>) => JSON.stringify(v);
const HASH = { name: '_PROJECT_CONFIG_HASH', type: 'PLAINTEXT', value: '5e91a6303c190f765112816ae0f32fe39e0fc2bd4405ec28f5f15bc0b7c44bed' };
const PASSWORD = 'Tr0ub4dor&3-horse-battery';
const AWS_KEY = 'AKIAQWERTYUIOPASDFGH';
const SLACK = 'xoxb-2048-4096-AbCdEfGhIjKlMnOpQrStUvWx';

export default defineCases({
  controlId: 'CICD.CODEPIPELINE.6',
  resourceType: 'AWS::CodePipeline::Pipeline',
  cases: [
    { name: "CDK's _PROJECT_CONFIG_HASH is a hash, not a secret", properties: hardenedPipeline(), expect: 'PASS' },
    { name: 'secret from Secrets Manager and Parameter Store', properties: withEnv(vars(HASH, { name: 'DB_PASSWORD', type: 'SECRETS_MANAGER', value: 'prod/db:password' }, { name: 'NPM_TOKEN', type: 'PARAMETER_STORE', value: '/ci/npm-token' })), expect: 'PASS' },
    { name: 'ordinary plaintext variables', properties: withEnv(vars({ name: 'STAGE', value: 'prod' }, { name: 'PATH_PREFIX', type: 'PLAINTEXT', value: '/srv' })), expect: 'PASS' },
    { name: 'EnvironmentVariables absent', absent: ['Stages[0].Actions[0].Configuration.EnvironmentVariables'], properties: withEnv(undefined), expect: 'PASS' },
    { name: 'EnvironmentVariables an empty JSON list', properties: withEnv('[]'), expect: 'PASS' },
    {
      name: 'plaintext password by name',
      properties: withEnv(vars(HASH, { name: 'DB_PASSWORD', type: 'PLAINTEXT', value: PASSWORD })),
      expect: 'FAIL',
      messageIncludes: ['Stages[1].Actions[0].Configuration.EnvironmentVariables[1]', 'DB_PASSWORD', 'stage Build', 'action Synth'],
      neverEcho: [PASSWORD],
    },
    { name: 'lowercase secret name with a missing type (PLAINTEXT)', properties: withEnv(vars({ name: 'github_token', value: PASSWORD })), expect: 'FAIL', messageIncludes: 'github_token', neverEcho: [PASSWORD] },
    { name: 'camelCase secret name, type in lower case', properties: withEnv(vars({ name: 'apiKey', type: 'plaintext', value: PASSWORD })), expect: 'FAIL', messageIncludes: 'apiKey', neverEcho: [PASSWORD] },
    { name: 'secret only in the value: AWS access key under an innocent name', properties: withEnv(vars({ name: 'DEPLOY_CONFIG', value: AWS_KEY })), expect: 'FAIL', messageIncludes: ['DEPLOY_CONFIG', 'looks like a credential'], neverEcho: [AWS_KEY] },
    { name: 'secret only in the value: Slack token', properties: withEnv(vars({ name: 'NOTIFY', type: 'PLAINTEXT', value: SLACK })), expect: 'FAIL', neverEcho: [SLACK] },
    { name: 'capitalised keys (Name/Value/Type) are read too', properties: withEnv(vars({ Name: 'Password', Value: PASSWORD })), expect: 'FAIL', messageIncludes: 'Password', neverEcho: [PASSWORD] },
    { name: 'unparsable EnvironmentVariables fails closed', properties: withEnv(`[{"name":"DB_PASSWORD","value":"${PASSWORD}"`), expect: 'FAIL', messageIncludes: 'not a JSON list', neverEcho: [PASSWORD] },
    { name: 'EnvironmentVariables a JSON object instead of a list', properties: withEnv('{"name":"X","value":"y"}'), expect: 'FAIL', messageIncludes: 'not a JSON list' },
    { name: 'list entry without a name', properties: withEnv(vars({ value: 'x' })), expect: 'FAIL', messageIncludes: 'EnvironmentVariables[0]' },
    { name: 'secret reference in a plaintext variable is fine', properties: withEnv(vars({ name: 'TOKEN', value: '{{resolve:secretsmanager:ci/token:SecretString:t}}' })), expect: 'PASS' },
    {
      name: 'update turns a Secrets Manager variable into plaintext',
      properties: withEnv(vars({ name: 'DB_PASSWORD', type: 'PLAINTEXT', value: PASSWORD })),
      previous: withEnv(vars({ name: 'DB_PASSWORD', type: 'SECRETS_MANAGER', value: 'prod/db:password' })),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
      neverEcho: [PASSWORD],
    },
    { name: 'EnvironmentVariables unresolved Fn::Sub (local check only)', properties: withEnv({ 'Fn::Sub': '[{"name":"X","value":"${Y}"}]' }), expect: 'UNKNOWN', typedOnly: true },
  ],
});
