import { defineCases } from '../../helpers/cases';

const group = (name: string, config?: string) => ({
  ApplicationName: 'app',
  ServiceRoleArn: 'arn:aws:iam::123456789012:role/codedeploy',
  DeploymentGroupName: name,
  AutoRollbackConfiguration: { Enabled: true, Events: ['DEPLOYMENT_FAILURE'] },
  ...(config !== undefined ? { DeploymentConfigName: config } : {}),
});

export default defineCases({
  controlId: 'CICD.CODEDEPLOY.2',
  resourceType: 'AWS::CodeDeploy::DeploymentGroup',
  cases: [
    { name: 'canary in production', properties: group('app-prod', 'CodeDeployDefault.LambdaCanary10Percent5Minutes'), expect: 'PASS' },
    { name: 'all at once outside production', properties: group('app-staging', 'CodeDeployDefault.AllAtOnce'), expect: 'PASS' },
    { name: 'DeploymentConfigName missing in production (EC2 default OneAtATime)', absent: ['DeploymentConfigName'], properties: group('app-prod'), expect: 'PASS' },
    { name: 'all at once in a group named prod', properties: group('app-prod', 'CodeDeployDefault.AllAtOnce'), expect: 'FAIL', messageIncludes: ['DeploymentConfigName', 'CodeDeployDefault.AllAtOnce'] },
    { name: 'Lambda all at once, name in upper case', properties: group('APP-PRODUCTION', 'CodeDeployDefault.LambdaAllAtOnce'), expect: 'FAIL' },
    { name: 'ECS all at once, config name in lower case', properties: group('svc-live', 'codedeploydefault.ecsallatonce'), expect: 'FAIL' },
    { name: 'all at once in a group named in camel case (AppProdEU)', properties: group('AppProdEU', 'CodeDeployDefault.AllAtOnce'), expect: 'FAIL' },
    { name: 'regression: all at once in app-nonprod (word patterns, not *prod*)', properties: group('app-nonprod', 'CodeDeployDefault.AllAtOnce'), expect: 'PASS' },
    { name: 'regression: all at once in AppPreProd', properties: group('AppPreProd', 'CodeDeployDefault.AllAtOnce'), expect: 'PASS' },
    { name: 'all at once in a production account', properties: group('app', 'CodeDeployDefault.AllAtOnce'), config: { ProductionAccountIds: ['123456789012'] }, expect: 'FAIL' },
    { name: 'all at once in a non-production account with a neutral name', properties: group('app', 'CodeDeployDefault.AllAtOnce'), config: { ProductionAccountIds: ['999988887777'] }, expect: 'PASS' },
    {
      name: 'update switches production to all at once',
      properties: group('app-prod', 'CodeDeployDefault.AllAtOnce'),
      previous: group('app-prod', 'CodeDeployDefault.HalfAtATime'),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
    },
  ],
});
