/**
 * CICD.IAM.22 on what hands an existing role or group to a runner: an instance profile's Roles, a launch
 * template's or instance's IamInstanceProfile (instance profile → its roles: a second lookup round), a user's
 * Groups and a UserToGroupAddition's GroupName.
 */
import { defineCases } from '../../helpers/cases';
import { ADMIN, attached, AWS_ADMIN_ROLE, ESCALATION, groupArn, groupFact, inline, LEAST, LEAST_ROLE, policyArn, profileArn, profileFact, roleFacts } from './referenced';

const PROFILE = 'AWS::IAM::InstanceProfile';
const TEMPLATE = 'AWS::EC2::LaunchTemplate';
const INSTANCE = 'AWS::EC2::Instance';
const USER = 'AWS::IAM::User';
const ADDITION = 'AWS::IAM::UserToGroupAddition';

const launchTemplate = (profile?: Record<string, unknown>) => ({
  LaunchTemplateName: 'ci-runner',
  LaunchTemplateData: { ImageId: 'ami-0abcdef1234567890', InstanceType: 'm7g.large', MetadataOptions: { HttpTokens: 'required' }, ...(profile ? { IamInstanceProfile: profile } : {}) },
});
const instance = (profile?: string) => ({ ImageId: 'ami-0abcdef1234567890', InstanceType: 'm7g.large', ...(profile ? { IamInstanceProfile: profile } : {}) });

// instance profiles and the roles they hand over
const RUNNER = profileFact('ci-runner', LEAST_ROLE.arn);
const ADMIN_RUNNER = profileFact('ci-runner-admin', AWS_ADMIN_ROLE.arn);
const EMPTY_RUNNER = profileFact('ci-runner-empty');
const profiles = {
  'iam.instanceProfile ci-runner': RUNNER,
  [`iam.instanceProfile ${profileArn('ci-runner')}`]: RUNNER,
  'iam.instanceProfile ci-runner-admin': ADMIN_RUNNER,
  [`iam.instanceProfile ${profileArn('ci-runner-admin')}`]: ADMIN_RUNNER,
  'iam.instanceProfile ci-runner-empty': EMPTY_RUNNER,
  ...roleFacts(LEAST_ROLE, AWS_ADMIN_ROLE),
};

// groups
const READERS = groupFact('ci-readers', inline('read', LEAST));
const ADMINS = groupFact('ci-admins', attached('arn:aws:iam::aws:policy/AdministratorAccess', undefined));
const GROWERS = groupFact('ci-growers', attached(policyArn('ci-grow'), ESCALATION));
const groups = {
  'iam.group ci-readers': READERS,
  'iam.group ci-admins': ADMINS,
  'iam.group ci-growers': GROWERS,
  [`iam.group ${groupArn('ci-admins')}`]: ADMINS,
};

export default defineCases({
  controlId: 'CICD.IAM.22',
  resourceTypes: [PROFILE, TEMPLATE, INSTANCE, USER, ADDITION],
  cases: [
    // AWS::IAM::InstanceProfile: Roles are names
    { name: 'instance profile with a least-privilege role', resourceType: PROFILE, properties: { Roles: ['ci-build'] }, facts: { 'iam.role ci-build': LEAST_ROLE }, expect: 'PASS' },
    {
      name: 'instance profile hands an existing admin role to a runner',
      resourceType: PROFILE,
      properties: { Roles: ['ci-admin'] },
      facts: { 'iam.role ci-admin': { ...AWS_ADMIN_ROLE, arn: 'arn:aws:iam::123456789012:role/ci-admin' } },
      expect: 'FAIL',
      messageIncludes: ['Roles[0]', 'arn:aws:iam::123456789012:role/ci-admin', 'AdministratorAccess'],
    },
    { name: 'instance profile role lookup denied', resourceType: PROFILE, properties: { Roles: ['ci-admin'] }, facts: { 'iam.role ci-admin': { $error: "access denied: the hook's role needs iam:GetRole" } }, expect: 'FAIL', messageIncludes: ['Roles[0]', 'iam:GetRole'] },
    { name: 'instance profile without Roles', resourceType: PROFILE, properties: { InstanceProfileName: 'ci-runner' }, absent: ['Roles'], facts: {}, expect: 'PASS' },
    { name: 'instance profile role as Ref of a template role (local check)', resourceType: PROFILE, properties: { Roles: [{ Ref: 'RunnerRole' }] }, facts: {}, expect: 'PASS', typedOnly: true },

    // AWS::EC2::LaunchTemplate: instance profile by ARN or name, then its roles
    { name: 'launch template with a least-privilege instance profile (ARN)', resourceType: TEMPLATE, properties: launchTemplate({ Arn: profileArn('ci-runner') }), facts: profiles, expect: 'PASS' },
    {
      name: 'launch template hands an admin role through an existing instance profile (ARN)',
      resourceType: TEMPLATE,
      properties: launchTemplate({ Arn: profileArn('ci-runner-admin') }),
      facts: profiles,
      expect: 'FAIL',
      messageIncludes: ['LaunchTemplateData.IamInstanceProfile.Arn', `the instance profile ${profileArn('ci-runner-admin')} hands over the role ${AWS_ADMIN_ROLE.arn}`],
    },
    { name: 'launch template instance profile by name', resourceType: TEMPLATE, properties: launchTemplate({ Name: 'ci-runner-admin' }), facts: profiles, expect: 'FAIL', messageIncludes: 'LaunchTemplateData.IamInstanceProfile.Name' },
    { name: 'an instance profile with no role hands over nothing', resourceType: TEMPLATE, properties: launchTemplate({ Name: 'ci-runner-empty' }), facts: profiles, expect: 'PASS' },
    {
      name: 'the role behind the instance profile cannot be looked up (LookupFailureMode UNKNOWN)',
      resourceType: TEMPLATE,
      properties: launchTemplate({ Name: 'ci-runner-admin' }),
      config: { LookupFailureMode: 'UNKNOWN' },
      facts: { 'iam.instanceProfile ci-runner-admin': ADMIN_RUNNER, [`iam.role ${AWS_ADMIN_ROLE.arn}`]: { $error: 'throttled on iam:ListAttachedRolePolicies' } },
      expect: 'UNKNOWN',
    },
    { name: 'an instance profile in another account is not looked up', resourceType: TEMPLATE, properties: launchTemplate({ Arn: 'arn:aws:iam::210987654321:instance-profile/admin' }), facts: {}, expect: 'PASS' },
    { name: 'launch template without an instance profile', resourceType: TEMPLATE, properties: launchTemplate(), absent: ['LaunchTemplateData.IamInstanceProfile'], facts: {}, expect: 'PASS' },
    {
      name: 'update swaps the runner profile for the admin one',
      resourceType: TEMPLATE,
      properties: launchTemplate({ Arn: profileArn('ci-runner-admin') }),
      previous: launchTemplate({ Arn: profileArn('ci-runner') }),
      facts: profiles,
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
    },

    // AWS::EC2::Instance: IamInstanceProfile is a name
    { name: 'instance with a least-privilege instance profile', resourceType: INSTANCE, properties: instance('ci-runner'), facts: profiles, expect: 'PASS' },
    { name: 'instance with an admin instance profile', resourceType: INSTANCE, properties: instance('ci-runner-admin'), facts: profiles, expect: 'FAIL', messageIncludes: ['IamInstanceProfile', AWS_ADMIN_ROLE.arn] },
    { name: 'instance profile not found fails closed', resourceType: INSTANCE, properties: instance('ci-runner-gone'), facts: profiles, expect: 'FAIL', messageIncludes: ['IamInstanceProfile', 'not found'] },
    { name: 'instance without an instance profile', resourceType: INSTANCE, properties: instance(), absent: ['IamInstanceProfile'], facts: {}, expect: 'PASS' },

    // AWS::IAM::User: Groups
    { name: 'user in a least-privilege group', resourceType: USER, properties: { UserName: 'ci-deployer', Groups: ['ci-readers'] }, facts: groups, expect: 'PASS' },
    { name: 'user joins an existing admin group', resourceType: USER, properties: { UserName: 'ci-deployer', Groups: ['ci-readers', 'ci-admins'] }, facts: groups, expect: 'FAIL', messageIncludes: ['Groups[1]', groupArn('ci-admins'), 'AdministratorAccess'] },
    { name: 'user joins a group with privilege escalation', resourceType: USER, properties: { UserName: 'ci-deployer', Groups: ['ci-growers'] }, facts: groups, expect: 'FAIL', messageIncludes: ['Groups[0]', `${policyArn('ci-grow')} Statement[0]`, 'iam:AttachRolePolicy'] },
    { name: 'user without Groups', resourceType: USER, properties: { UserName: 'ci-deployer' }, absent: ['Groups', 'ManagedPolicyArns'], facts: {}, expect: 'PASS' },
    {
      name: 'update adds the user to the admin group',
      resourceType: USER,
      properties: { UserName: 'ci-deployer', Groups: ['ci-readers', 'ci-admins'] },
      previous: { UserName: 'ci-deployer', Groups: ['ci-readers'] },
      facts: groups,
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
    },

    // AWS::IAM::UserToGroupAddition
    { name: 'membership of a least-privilege group', resourceType: ADDITION, properties: { GroupName: 'ci-readers', Users: ['ci-deployer'] }, facts: groups, expect: 'PASS' },
    { name: 'membership hands an existing admin group to users', resourceType: ADDITION, properties: { GroupName: 'ci-admins', Users: ['ci-deployer'] }, facts: groups, expect: 'FAIL', messageIncludes: ['GroupName', groupArn('ci-admins')] },
    {
      name: 'group lookup denied with LookupFailureMode UNKNOWN',
      resourceType: ADDITION,
      properties: { GroupName: 'ci-admins', Users: ['ci-deployer'] },
      config: { LookupFailureMode: 'UNKNOWN' },
      facts: { 'iam.group ci-admins': { $error: "access denied: the hook's role needs iam:GetGroup" } },
      expect: 'UNKNOWN',
    },
    { name: 'a group with an admin inline policy', resourceType: ADDITION, properties: { GroupName: 'ci-inline-admins', Users: ['ci-deployer'] }, facts: { 'iam.group ci-inline-admins': groupFact('ci-inline-admins', inline('all', ADMIN)) }, expect: 'FAIL', messageIncludes: 'inline:all Statement[0]' },
    { name: 'membership without GroupName', resourceType: ADDITION, properties: { Users: ['ci-deployer'] }, absent: ['GroupName'], facts: {}, expect: 'PASS' },
  ],
});
