import { defineCases } from '../../helpers/cases';
import { allow, deny, doc, managedPolicy, policy } from './fixtures';

/** The same rule on the policy resource types (B-07: the RolePolicy/UserPolicy/GroupPolicy trio included). */
export default defineCases({
  controlId: 'CICD.IAM.1',
  resourceType: 'AWS::IAM::ManagedPolicy',
  cases: [
    { name: 'scoped managed policy passes', properties: managedPolicy(doc(allow('logs:PutLogEvents', 'arn:aws:logs:eu-west-1:123456789012:log-group:/ci:*'))), expect: 'PASS' },
    { name: 'managed policy Deny then Allow * (string document)', properties: managedPolicy(JSON.stringify(doc(deny('s3:*'), allow(['*'], '*')))), expect: 'FAIL', messageIncludes: 'PolicyDocument.Statement.1' },
    { name: 'managed policy without PolicyDocument (missing) fails closed', properties: { Roles: ['r'] }, expect: 'FAIL', messageIncludes: 'PolicyDocument is missing' },
    { name: 'scalar Action and Resource', properties: policy({ Statement: { Effect: 'Allow', Action: '*', Resource: '*' } }), expect: 'FAIL' },
  ],
});
