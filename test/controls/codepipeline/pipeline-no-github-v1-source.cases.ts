import { defineCases } from '../../helpers/cases';
import { hardenedPipeline, sourceAction, stage, withStages } from './builders';

const rest = (hardenedPipeline().Stages as Record<string, unknown>[]).slice(1);
const TOKEN = 'ghp_Zq81mXv3Lk5Tn7Rb2Wc9Yd4Fh6Jg0Ps1Ue3A';
const githubV1 = (token: unknown, Owner = 'ThirdParty') =>
  sourceAction({ ActionTypeId: { Category: 'Source', Owner, Provider: 'GitHub', Version: '1' }, Configuration: { Owner: 'org', Repo: 'repo', Branch: 'main', OAuthToken: token }, RoleArn: undefined });
const withSource = (a: Record<string, unknown>) => withStages([stage('Source', [a]), ...rest]);
const allowGithub = { AllowedSourceProviders: ['CodeStarSourceConnection', 'ThirdParty/GitHub'] };

export default defineCases({
  controlId: 'CICD.CODEPIPELINE.4',
  resourceType: 'AWS::CodePipeline::Pipeline',
  cases: [
    { name: 'connection-based GitHub source', properties: hardenedPipeline(), expect: 'PASS' },
    { name: 'GitHub version 1 with a literal OAuth token', properties: withSource(githubV1(TOKEN)), expect: 'FAIL', messageIncludes: ['Stages[0].Actions[0].ActionTypeId', 'GitHub version 1', 'OAuth token'], neverEcho: [TOKEN] },
    { name: 'GitHub version 1 even with a Secrets Manager token', properties: withSource(githubV1('{{resolve:secretsmanager:github:SecretString:token}}')), expect: 'FAIL', messageIncludes: 'GitHub version 1' },
    { name: 'GitHub version 1 cannot be allow-listed through AllowedSourceProviders', properties: withSource(githubV1('{{resolve:secretsmanager:github:SecretString:token}}')), config: allowGithub, expect: 'FAIL' },
    { name: 'GitHub version 1 spelled thirdparty/github', properties: withSource(sourceAction({ ActionTypeId: { Category: 'Source', Owner: 'thirdparty', Provider: 'github', Version: '1' } })), expect: 'FAIL' },
    { name: 'pipeline without stages (Stages missing)', absent: ['Stages'], properties: { ...hardenedPipeline(), Stages: undefined }, expect: 'PASS' },
    { name: 'update switches the source to GitHub version 1', properties: withSource(githubV1(TOKEN)), previous: hardenedPipeline(), actions: ['UPDATE'], expect: 'FAIL', weakened: true, neverEcho: [TOKEN] },
  ],
});
