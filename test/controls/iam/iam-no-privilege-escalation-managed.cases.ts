import { defineCases } from '../../helpers/cases';
import { attaching, ATTACHING_TYPES, aws, withoutManaged } from './managed-policy-content';

/** CICD.IAM.4 sees the statements of attached AWS managed policies. */
export default defineCases({
  controlId: 'CICD.IAM.4',
  resourceTypes: ATTACHING_TYPES,
  cases: [
    { name: 'no managed policies (block absent)', properties: withoutManaged, absent: ['ManagedPolicyArns'], expect: 'PASS' },
    { name: 'a read-only policy passes', properties: attaching(aws('job-function/ViewOnlyAccess')), expect: 'PASS' },
    { name: 'IAMFullAccess grants iam:PutRolePolicy and friends on *', properties: attaching(aws('IAMFullAccess')), expect: 'FAIL', messageIncludes: ['ManagedPolicyArns[0]', 'IAMFullAccess'] },
    { name: 'a service-role policy that attaches role policies (service-role/ path)', properties: attaching(aws('service-role/AWSCodeStarServiceRole')), expect: 'FAIL', messageIncludes: 'AWSCodeStarServiceRole' },
    { name: 'the AWS managed ARN with an unresolved name is UNKNOWN (local check)', properties: attaching({ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/${Name}' }), expect: 'UNKNOWN', typedOnly: true },
    {
      name: 'update attaches IAMFullAccess',
      properties: attaching(aws('IAMFullAccess')),
      previous: attaching(aws('job-function/ViewOnlyAccess')),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
    },
  ],
});
