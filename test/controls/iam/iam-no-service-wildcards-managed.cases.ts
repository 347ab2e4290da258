import { defineCases } from '../../helpers/cases';
import { attaching, ATTACHING_TYPES, aws, withoutManaged } from './managed-policy-content';

/** CICD.IAM.3 sees the statements of attached AWS managed policies (judged by content from the bundle). */
export default defineCases({
  controlId: 'CICD.IAM.3',
  resourceTypes: ATTACHING_TYPES,
  cases: [
    { name: 'no managed policies (block absent)', properties: withoutManaged, absent: ['ManagedPolicyArns'], expect: 'PASS' },
    { name: 'a read-only AWS managed policy passes', properties: attaching(aws('AmazonS3ReadOnlyAccess')), expect: 'PASS' },
    { name: 'AmazonS3FullAccess is s3:* on *', properties: attaching(aws('AmazonS3FullAccess')), expect: 'FAIL', messageIncludes: ['ManagedPolicyArns[0]', 'AmazonS3FullAccess', 's3'] },
    { name: 'service-role path, second in the list, other partition', properties: attaching(aws('AmazonS3ReadOnlyAccess', 'aws-cn'), aws('AWSCodeBuildAdminAccess', 'aws-cn')), expect: 'FAIL', messageIncludes: ['ManagedPolicyArns[1]', 'AWSCodeBuildAdminAccess', 'codebuild'] },
    { name: 'name in another letter case', properties: attaching(aws('amazons3fullaccess')), expect: 'FAIL', messageIncludes: 'AmazonS3FullAccess' },
    { name: 'an unknown AWS managed policy is UNKNOWN', properties: attaching(aws('PipelineGuardNoSuchManagedPolicy')), expect: 'UNKNOWN' },
    { name: 'a customer managed policy ARN is judged where it is declared', properties: attaching('arn:aws:iam::123456789012:policy/AmazonS3FullAccess'), expect: 'PASS' },
    {
      name: 'update swaps the read-only policy for the full-access one',
      properties: attaching(aws('AmazonS3FullAccess')),
      previous: attaching(aws('AmazonS3ReadOnlyAccess')),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
    },
  ],
});
