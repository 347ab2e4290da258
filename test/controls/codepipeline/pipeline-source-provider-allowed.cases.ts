import { defineCases } from '../../helpers/cases';
import { buildAction, hardenedPipeline, sourceAction, stage, withStages } from './builders';

const rest = (hardenedPipeline().Stages as Record<string, unknown>[]).slice(1);
const withSource = (...actions: Record<string, unknown>[]) => withStages([stage('Source', actions), ...rest]);
const typeId = (Owner: string, Provider: string, Version = '1') => ({ ActionTypeId: { Category: 'Source', Owner, Provider, Version } });
const GITHUB_TOKEN = 'ghp_4bX9kTq2LmN7pR3sV8wY1zA6cD0eF5gH2jK4';

export default defineCases({
  controlId: 'CICD.CODEPIPELINE.3',
  resourceType: 'AWS::CodePipeline::Pipeline',
  cases: [
    { name: 'CodeStarSourceConnection source', properties: hardenedPipeline(), expect: 'PASS' },
    { name: 'CodeCommit and S3 sources', properties: withSource(sourceAction({ Name: 'Repo', ...typeId('AWS', 'CodeCommit'), Configuration: { RepositoryName: 'svc', BranchName: 'main' } }), sourceAction({ Name: 'Assets', ...typeId('AWS', 'S3'), Configuration: { S3Bucket: 'assets', S3ObjectKey: 'a.zip' } })), expect: 'PASS' },
    { name: 'ECR and CodeConnections sources', properties: withSource(sourceAction({ Name: 'Image', ...typeId('AWS', 'ECR'), Configuration: { RepositoryName: 'base' } }), sourceAction({ Name: 'Code', ...typeId('AWS', 'CodeConnections') })), expect: 'PASS' },
    {
      name: 'GitHub version 1 with an OAuth token is rejected with a clear message',
      properties: withSource(sourceAction({ ...typeId('ThirdParty', 'GitHub'), Configuration: { Owner: 'org', Repo: 'repo', Branch: 'main', OAuthToken: GITHUB_TOKEN, PollForSourceChanges: false }, RoleArn: undefined })),
      expect: 'FAIL',
      messageIncludes: ['ThirdParty/GitHub is not in AllowedSourceProviders', 'GitHub version 1', 'CodeStarSourceConnection'],
      neverEcho: [GITHUB_TOKEN],
    },
    { name: 'custom action type named like an AWS provider', properties: withSource(sourceAction(typeId('Custom', 'CodeCommit'))), expect: 'FAIL', messageIncludes: 'Custom/CodeCommit' },
    { name: 'custom source allowed as Owner/Provider by the platform', properties: withSource(sourceAction(typeId('Custom', 'InternalGit'))), config: { AllowedSourceProviders: ['CodeStarSourceConnection', 'Custom/InternalGit'] }, expect: 'PASS' },
    { name: 'S3 source not allowed by a narrower list', properties: withSource(sourceAction({ ...typeId('AWS', 'S3'), Configuration: { S3Bucket: 'b', S3ObjectKey: 'k' } })), config: { AllowedSourceProviders: ['CodeStarSourceConnection'] }, expect: 'FAIL', messageIncludes: ['Stages[0].Actions[0].ActionTypeId', 'Provider S3'] },
    { name: 'provider glob in the allow-list', properties: hardenedPipeline(), config: { AllowedSourceProviders: ['Code*'] }, expect: 'PASS' },
    { name: 'source action without Provider', absent: ['Stages[0].Actions[0].ActionTypeId.Provider'], properties: withSource(sourceAction({ ActionTypeId: { Category: 'Source', Owner: 'AWS', Version: '1' } })), expect: 'FAIL', messageIncludes: 'no Provider' },
    { name: 'source action without ActionTypeId Owner', absent: ['Stages[0].Actions[0].ActionTypeId.Owner'], properties: withSource(sourceAction({ ActionTypeId: { Category: 'Source', Provider: 'S3', Version: '1' } })), expect: 'FAIL', messageIncludes: 'no Owner' },
    { name: 'pipeline without a Source stage (Stages empty)', properties: withStages([]), expect: 'PASS' },
    { name: 'non-source actions are not source providers', properties: withStages([stage('Build', [buildAction()])]), expect: 'PASS' },
    {
      name: 'update replaces the connection by GitHub version 1',
      properties: withSource(sourceAction({ ...typeId('ThirdParty', 'GitHub'), Configuration: { Owner: 'org', Repo: 'repo', Branch: 'main', OAuthToken: '{{resolve:secretsmanager:github:SecretString:token}}' }, RoleArn: undefined })),
      previous: hardenedPipeline(),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
    },
  ],
});
