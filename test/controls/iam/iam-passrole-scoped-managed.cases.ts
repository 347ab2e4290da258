import { defineCases } from '../../helpers/cases';
import { attaching, ATTACHING_TYPES, aws, withoutManaged } from './managed-policy-content';

/** CICD.IAM.5 sees the statements of attached AWS managed policies, conditions included. */
export default defineCases({
  controlId: 'CICD.IAM.5',
  resourceTypes: ATTACHING_TYPES,
  cases: [
    { name: 'no managed policies (block absent)', properties: withoutManaged, absent: ['ManagedPolicyArns'], expect: 'PASS' },
    { name: 'PassRole on * narrowed by iam:PassedToService, no run-as action beside it, passes (AWSCodeDeployRoleForECS)', properties: attaching(aws('AWSCodeDeployRoleForECS')), expect: 'PASS' },
    { name: 'PassRole on * to Lambda beside lambda:* (AWSLambda_FullAccess): the PassExistingRoleToNewLambda escalation', properties: attaching(aws('AWSLambda_FullAccess')), expect: 'FAIL', messageIncludes: ['ManagedPolicyArns[0]', 'lambda.amazonaws.com together with lambda:CreateFunction'] },
    { name: 'PassRole on * to ECS tasks beside ecs:RunTask (AmazonEC2ContainerServiceEventsRole)', properties: attaching(aws('service-role/AmazonEC2ContainerServiceEventsRole')), expect: 'FAIL', messageIncludes: 'ecs-tasks.amazonaws.com' },
    { name: 'IAMFullAccess (iam:*) passes every role anywhere', properties: attaching(aws('IAMFullAccess')), expect: 'FAIL', messageIncludes: ['ManagedPolicyArns[0]', 'IAMFullAccess', 'PassRole'] },
    { name: 'AdministratorAccess on the job-function path spelling', properties: attaching(aws('job-function/AdministratorAccess', 'aws-us-gov')), expect: 'FAIL', messageIncludes: 'AdministratorAccess' },
    {
      name: 'update adds IAMFullAccess',
      properties: attaching(aws('AWSCodeDeployRoleForECS'), aws('IAMFullAccess')),
      previous: attaching(aws('AWSCodeDeployRoleForECS')),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
    },
  ],
});
