import { defineCases } from '../../helpers/cases';
import { approvalAction, cfnDeploy, hardenedPipeline, PROD_ACCOUNT, stage, withProd, withStages } from './builders';

const [prepare, deploy] = cfnDeploy(PROD_ACCOUNT, 'Prod-Svc', 2, 'Svc.');
const { RoleArn: _r, ...deployWithoutRole } = deploy;
const ecs = (over: Record<string, unknown> = {}) => ({ Name: 'Ecs', ActionTypeId: { Category: 'Deploy', Owner: 'AWS', Provider: 'ECS', Version: '1' }, Configuration: { ClusterName: 'c', ServiceName: 's' }, RunOrder: 2, ...over });

export default defineCases({
  controlId: 'CICD.CODEPIPELINE.11',
  resourceType: 'AWS::CodePipeline::Pipeline',
  cases: [
    { name: 'CDK Pipelines deploy actions with their own roles', properties: hardenedPipeline(), expect: 'PASS' },
    { name: 'deploy action without RoleArn', absent: ['Stages[3].Actions[2].RoleArn'], properties: withProd([approvalAction(), prepare, deployWithoutRole]), expect: 'FAIL', messageIncludes: ['Stages[3].Actions[2].RoleArn', 'action Svc.Deploy'] },
    { name: 'ECS deploy with an empty RoleArn', properties: withProd([approvalAction(), ecs({ RoleArn: '' })]), expect: 'FAIL', messageIncludes: 'action Ecs' },
    { name: 'approval and build actions need no role of their own', properties: withStages([stage('Prod', [approvalAction('A', 1, { RoleArn: undefined })])]), expect: 'PASS' },
    { name: 'pipeline without stages (Stages missing)', absent: ['Stages'], properties: { ...hardenedPipeline(), Stages: undefined }, expect: 'PASS' },
    { name: 'role ARN unresolved (Fn::GetAtt) is present', properties: withProd([approvalAction(), ecs({ RoleArn: { 'Fn::GetAtt': ['EcsRole', 'Arn'] } })]), expect: 'PASS', typedOnly: true },
    { name: 'update removes the deploy role', properties: withProd([approvalAction(), prepare, deployWithoutRole]), previous: hardenedPipeline(), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
  ],
});
