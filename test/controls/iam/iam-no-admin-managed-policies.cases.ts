import { defineCases } from '../../helpers/cases';
import { role } from './fixtures';

const arns = (...a: unknown[]) => role(undefined, { ManagedPolicyArns: a });

export default defineCases({
  controlId: 'CICD.IAM.2',
  resourceType: 'AWS::IAM::Role',
  cases: [
    { name: 'scoped AWS managed policy passes', properties: arns('arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'), expect: 'PASS' },
    { name: 'customer managed policy passes', properties: arns('arn:aws:iam::123456789012:policy/AdministratorAccessReview'), expect: 'PASS' },
    { name: 'ManagedPolicyArns missing', properties: role(), absent: ['ManagedPolicyArns'], expect: 'PASS' },
    { name: 'ManagedPolicyArns empty', properties: arns(), expect: 'PASS' },
    { name: 'AdministratorAccess', properties: arns('arn:aws:iam::aws:policy/AdministratorAccess'), expect: 'FAIL', messageIncludes: ['ManagedPolicyArns[0]', 'AdministratorAccess'] },
    { name: 'PowerUserAccess second in the list', properties: arns('arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::aws:policy/PowerUserAccess'), expect: 'FAIL', messageIncludes: 'ManagedPolicyArns[1]' },
    { name: 'IAMFullAccess', properties: arns('arn:aws:iam::aws:policy/IAMFullAccess'), expect: 'FAIL' },
    { name: 'AdministratorAccess in aws-us-gov partition', properties: arns('arn:aws-us-gov:iam::aws:policy/AdministratorAccess'), expect: 'FAIL' },
    { name: 'AdministratorAccess in aws-cn partition', properties: arns('arn:aws-cn:iam::aws:policy/AdministratorAccess'), expect: 'FAIL' },
    { name: 'job-function path and odd case', properties: arns('arn:aws:iam::aws:policy/job-function/administratoraccess'), expect: 'FAIL' },
    // judged by content, not by a list of names: these are admin-level by their documents
    { name: 'an agent policy that allows every action outside a NotAction list (content, not name)', properties: arns('arn:aws:iam::aws:policy/AIDevOpsAgentActionsPolicy'), expect: 'FAIL', messageIncludes: ['ManagedPolicyArns[0]', 'AIDevOpsAgentActionsPolicy', 'Statement[0]', 'NotAction'] },
    { name: 'Action * on * behind a condition only some callers meet', properties: arns('arn:aws:iam::aws:policy/AWSMcpServiceActionsFullAccess'), expect: 'FAIL', messageIncludes: 'AWSMcpServiceActionsFullAccess' },
    { name: 'IAMFullAccess is every IAM action', properties: arns('arn:aws:iam::aws:policy/IAMFullAccess'), expect: 'FAIL', messageIncludes: ['IAMFullAccess', 'every IAM action'] },
    { name: 'a service full-access policy is not admin-level (CICD.IAM.3 judges it)', properties: arns('arn:aws:iam::aws:policy/AWSCodeBuildAdminAccess'), expect: 'PASS' },
    { name: 'job-function read-only policy passes', properties: arns('arn:aws:iam::aws:policy/job-function/ViewOnlyAccess'), expect: 'PASS' },
    { name: 'an AWS managed name the bundle does not know is UNKNOWN, not PASS', properties: arns('arn:aws:iam::aws:policy/NoSuchPolicyPipelineGuardTest'), expect: 'UNKNOWN' },
    { name: 'a service-linked-role policy is UNKNOWN', properties: arns('arn:aws:iam::aws:policy/aws-service-role/AWSSupportServiceRolePolicy'), expect: 'UNKNOWN' },
    { name: 'scalar instead of a list', properties: role(undefined, { ManagedPolicyArns: 'arn:aws:iam::aws:policy/AdministratorAccess' }), expect: 'FAIL' },
    {
      name: 'CDK form Fn::Join with AWS::Partition (local check)',
      properties: arns({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AdministratorAccess']] }),
      expect: 'FAIL',
      typedOnly: true,
    },
    { name: 'Ref to a customer managed policy of the template (local check)', properties: arns({ Ref: 'BuildPolicy' }), expect: 'PASS', typedOnly: true },
    { name: 'AWS managed policy with an unresolved name (local check)', properties: arns({ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/${PolicyName}' }), expect: 'UNKNOWN', typedOnly: true },
    {
      name: 'update attaches AdministratorAccess',
      properties: arns('arn:aws:iam::aws:policy/AdministratorAccess'),
      previous: arns('arn:aws:iam::aws:policy/ReadOnlyAccess'),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
    },
  ],
});
