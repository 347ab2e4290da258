import { defineCases } from '../../helpers/cases';
import { attaching, ATTACHING_TYPES, aws, withoutManaged } from './managed-policy-content';

/** CICD.IAM.17 sees the statements of attached AWS managed policies. */
export default defineCases({
  controlId: 'CICD.IAM.17',
  resourceTypes: ATTACHING_TYPES,
  cases: [
    { name: 'no managed policies (block absent)', properties: withoutManaged, absent: ['ManagedPolicyArns'], expect: 'PASS' },
    { name: 'a policy without KMS passes', properties: attaching(aws('AmazonS3ReadOnlyAccess')), expect: 'PASS' },
    { name: 'kms:Decrypt on * in an AWS managed policy', properties: attaching(aws('AmazonSecurityLakePermissionsBoundary')), expect: 'FAIL', messageIncludes: ['ManagedPolicyArns[0]', 'AmazonSecurityLakePermissionsBoundary', 'kms:Decrypt'] },
    {
      name: 'update attaches it',
      properties: attaching(aws('AmazonSecurityLakePermissionsBoundary')),
      previous: withoutManaged,
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
    },
  ],
});
