import { defineCases } from '../../helpers/cases';
import { approvalAction, buildAction, cfnDeploy, hardenedPipeline, PROD_ACCOUNT, sourceAction, stage, withProd, withStages, type Json } from './builders';

const head = (hardenedPipeline().Stages as Json[]).slice(0, 3);
/** Replace the Build stage's action with one of the given ActionTypeId (configuration kept). */
const withBuild = (ActionTypeId: Json, over: Json = {}) => {
  const stages = hardenedPipeline().Stages as Json[];
  return withStages([stages[0], stage('Build', [buildAction({ ActionTypeId, ...over })]), ...stages.slice(2)]);
};
const typeId = (Owner: string, Category: string, Provider: string) => ({ Category, Owner, Provider, Version: '1' });

export default defineCases({
  controlId: 'CICD.CODEPIPELINE.12',
  resourceType: 'AWS::CodePipeline::Pipeline',
  cases: [
    { name: 'hardened CDK pipeline: AWS-owned actions only', properties: hardenedPipeline(), expect: 'PASS' },
    {
      name: 'custom Build action (a job worker the developer runs) replaces CodeBuild',
      properties: withBuild(typeId('Custom', 'Build', 'JenkinsBuild')),
      expect: 'FAIL',
      messageIncludes: ['Stages[1].Actions[0].ActionTypeId (stage Build, action Synth)', 'Custom/Build/JenkinsBuild is not in AllowedCustomActionTypes'],
    },
    { name: 'third-party Test action', properties: withBuild(typeId('ThirdParty', 'Test', 'GhostInspector')), expect: 'FAIL', messageIncludes: 'ThirdParty/Test/GhostInspector' },
    {
      name: 'custom Approval action that could approve production on its own',
      properties: withProd([approvalAction('AutoApprove', 1, { ActionTypeId: typeId('Custom', 'Approval', 'Manual') }), ...cfnDeploy(PROD_ACCOUNT, 'Svc', 2)]),
      expect: 'FAIL',
      messageIncludes: ['stage Prod, action AutoApprove', 'Custom/Approval/Manual'],
    },
    { name: 'custom Deploy action', properties: withProd([{ Name: 'Push', ActionTypeId: typeId('Custom', 'Deploy', 'Ansible'), RunOrder: 1 }]), expect: 'FAIL', messageIncludes: 'Custom/Deploy/Ansible' },
    { name: 'custom Invoke action with an owner spelled in lower case', properties: withBuild(typeId('custom', 'Invoke', 'Flip')), expect: 'FAIL', messageIncludes: 'custom/Invoke/Flip' },
    { name: 'allow-listed custom Build action', properties: withBuild(typeId('Custom', 'Build', 'JenkinsBuild')), config: { AllowedCustomActionTypes: ['Custom/Build/JenkinsBuild'] }, expect: 'PASS' },
    { name: 'allow-list glob over providers of one owner and category', properties: withBuild(typeId('ThirdParty', 'Test', 'GhostInspector')), config: { AllowedCustomActionTypes: ['ThirdParty/Test/*'] }, expect: 'PASS' },
    {
      name: 'an allow-listed Build type does not allow the same provider as a Deploy',
      properties: withProd([{ Name: 'Push', ActionTypeId: typeId('Custom', 'Deploy', 'JenkinsBuild'), RunOrder: 1 }]),
      config: { AllowedCustomActionTypes: ['Custom/Build/JenkinsBuild'] },
      expect: 'FAIL',
      messageIncludes: 'Custom/Deploy/JenkinsBuild',
    },
    { name: 'custom Source actions are judged by AllowedSourceProviders (CICD.CODEPIPELINE.3), not here', properties: withStages([stage('Source', [sourceAction({ ActionTypeId: typeId('Custom', 'Source', 'InternalGit') })]), ...head.slice(1)]), expect: 'PASS' },
    {
      name: 'action without an Owner',
      absent: ['Stages[1].Actions[0].ActionTypeId.Owner'],
      properties: withBuild({ Category: 'Build', Provider: 'CodeBuild', Version: '1' }),
      expect: 'FAIL',
      messageIncludes: 'has no Owner',
    },
    {
      name: 'custom action without a Category is not allowed by an Owner/*/Provider glob',
      absent: ['Stages[1].Actions[0].ActionTypeId.Category'],
      properties: withBuild({ Owner: 'Custom', Provider: 'JenkinsBuild', Version: '1' }),
      config: { AllowedCustomActionTypes: ['Custom/*/JenkinsBuild'] },
      expect: 'FAIL',
      messageIncludes: 'Custom/?/JenkinsBuild',
    },
    {
      name: 'custom action without a Provider is not allowed by an Owner/Category/* glob',
      absent: ['Stages[1].Actions[0].ActionTypeId.Provider'],
      properties: withBuild({ Owner: 'Custom', Category: 'Build', Version: '1' }),
      config: { AllowedCustomActionTypes: ['Custom/Build/*'] },
      expect: 'FAIL',
      messageIncludes: 'Custom/Build/? is not in AllowedCustomActionTypes',
    },
    { name: 'allow-list entries match Owner/Category/Provider in any letter case', properties: withBuild(typeId('Custom', 'Build', 'JenkinsBuild')), config: { AllowedCustomActionTypes: ['custom/BUILD/jenkinsbuild'] }, expect: 'PASS' },
    { name: 'Stages missing', absent: ['Stages'], properties: { ...hardenedPipeline(), Stages: undefined }, expect: 'PASS' },
    {
      name: 'update swaps CodeBuild for a custom build action',
      properties: withBuild(typeId('Custom', 'Build', 'JenkinsBuild')),
      previous: hardenedPipeline(),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
    },
  ],
});
