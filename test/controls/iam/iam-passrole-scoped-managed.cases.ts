import { defineCases } from '../../helpers/cases';
import { attaching, ATTACHING_TYPES, aws, withoutManaged } from './managed-policy-content';

/** CICD.IAM.5 sees the statements of attached AWS managed policies, conditions included. */
export default defineCases({
  controlId: 'CICD.IAM.5',
  resourceTypes: ATTACHING_TYPES,
  cases: [
    { name: 'no managed policies (block absent)', properties: withoutManaged, absent: ['ManagedPolicyArns'], expect: 'PASS' },
    { name: 'PassRole on * narrowed by iam:PassedToService passes (AWSLambda_FullAccess)', properties: attaching(aws('AWSLambda_FullAccess')), expect: 'PASS' },
    { name: 'IAMFullAccess (iam:*) passes every role anywhere', properties: attaching(aws('IAMFullAccess')), expect: 'FAIL', messageIncludes: ['ManagedPolicyArns[0]', 'IAMFullAccess', 'PassRole'] },
    { name: 'AdministratorAccess on the job-function path spelling', properties: attaching(aws('job-function/AdministratorAccess', 'aws-us-gov')), expect: 'FAIL', messageIncludes: 'AdministratorAccess' },
    {
      name: 'update adds IAMFullAccess',
      properties: attaching(aws('AWSLambda_FullAccess'), aws('IAMFullAccess')),
      previous: attaching(aws('AWSLambda_FullAccess')),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
    },
  ],
});
