import { defineCases } from '../../helpers/cases';
import { CONNECTION_ARN, hardenedPipeline, sourceAction, stage, withStages } from './builders';

const rest = (hardenedPipeline().Stages as Record<string, unknown>[]).slice(1);
const withSource = (...actions: Record<string, unknown>[]) => withStages([stage('Source', actions), ...rest]);
const ROGUE = 'arn:aws:codestar-connections:eu-west-1:111111111111:connection/00000000-dead-beef-0000-000000000000';
const only = { AllowedConnectionArns: [CONNECTION_ARN] };
const glob = { AllowedConnectionArns: ['arn:aws:codestar-connections:*:111111111111:connection/6f2a0f7e-*', 'arn:aws:codeconnections:*:111111111111:connection/*'] };
const conn = (arn: unknown, Provider = 'CodeStarSourceConnection') =>
  sourceAction({ ActionTypeId: { Category: 'Source', Owner: 'AWS', Provider, Version: '1' }, Configuration: { ConnectionArn: arn, FullRepositoryId: 'org/repo', BranchName: 'main' } });

export default defineCases({
  controlId: 'CICD.CODEPIPELINE.5',
  resourceType: 'AWS::CodePipeline::Pipeline',
  cases: [
    { name: 'AllowedConnectionArns empty (default): any connection', properties: withSource(conn(ROGUE)), expect: 'PASS' },
    { name: 'connection on the list', properties: hardenedPipeline(), config: only, expect: 'PASS' },
    { name: 'connection matching a glob', properties: withSource(conn(CONNECTION_ARN), conn('arn:aws:codeconnections:us-east-1:111111111111:connection/abc', 'CodeConnections')), config: glob, expect: 'PASS' },
    { name: 'connection not on the list', properties: withSource(conn(ROGUE)), config: only, expect: 'FAIL', messageIncludes: ['Stages[0].Actions[0].Configuration.ConnectionArn', 'AllowedConnectionArns'] },
    { name: 'second source action uses a rogue CodeConnections connection', properties: withSource(conn(CONNECTION_ARN), conn('arn:aws:codeconnections:eu-west-1:999999999999:connection/abc', 'CodeConnections')), config: glob, expect: 'FAIL', messageIncludes: 'Stages[0].Actions[1]' },
    { name: 'ConnectionArn missing on a connection source', absent: ['Stages[0].Actions[0].Configuration.ConnectionArn'], properties: withSource(sourceAction({ Configuration: { FullRepositoryId: 'org/repo', BranchName: 'main' } })), config: only, expect: 'FAIL', messageIncludes: 'missing' },
    { name: 'connection ARNs compare case-sensitively', properties: withSource(conn(CONNECTION_ARN.toUpperCase())), config: only, expect: 'FAIL' },
    { name: 'non-connection sources are not checked', properties: withSource(sourceAction({ ActionTypeId: { Category: 'Source', Owner: 'AWS', Provider: 'CodeCommit', Version: '1' }, Configuration: { RepositoryName: 'r', BranchName: 'main' } })), config: only, expect: 'PASS' },
    { name: 'update switches to a rogue connection', properties: withSource(conn(ROGUE)), previous: hardenedPipeline(), config: only, actions: ['UPDATE'], expect: 'FAIL', weakened: true },
    { name: 'ConnectionArn unresolved (local check only)', properties: withSource(conn({ 'Fn::ImportValue': 'org-connection' })), config: only, expect: 'UNKNOWN', typedOnly: true },
  ],
});
