/**
 * CICD.IAM.22 on the roles CI/CD resources use by ARN or name: a CodeBuild project's ServiceRole and
 * BuildBatchConfig.ServiceRole, a pipeline's RoleArn and its actions' RoleArn (live lookups, facts from the table).
 */
import { defineCases } from '../../helpers/cases';
import { project } from '../codebuild/project';
import {
  ADMIN_ATTACHED_ROLE,
  ADMIN_INLINE_ROLE,
  attached,
  AWS_ADMIN_ROLE,
  ESCALATION_ROLE,
  inline,
  LEAST,
  LEAST_ROLE,
  roleArn,
  roleFact,
  roleFacts,
  SPLIT_RESOURCES_ROLE,
  SPLIT_ROLE,
} from './referenced';

const PROJECT = 'AWS::CodeBuild::Project';
const PIPELINE = 'AWS::CodePipeline::Pipeline';

const withRole = (arn: string, extra: Record<string, unknown> = {}) => project({ ServiceRole: arn, ...extra });
const withoutRole = () => {
  const p = project();
  delete p.ServiceRole;
  return p;
};

const action = (name: string, role?: string) => ({
  Name: name,
  ActionTypeId: { Category: 'Build', Owner: 'AWS', Provider: 'CodeBuild', Version: '1' },
  Configuration: { ProjectName: 'ci-build' },
  InputArtifacts: [{ Name: 'Source' }],
  ...(role === undefined ? {} : { RoleArn: role }),
});
const pipeline = (role: string | undefined, actionRole?: string) => ({
  ...(role === undefined ? {} : { RoleArn: role }),
  PipelineType: 'V2',
  ArtifactStore: { Type: 'S3', Location: 'ci-artifacts', EncryptionKey: { Type: 'KMS', Id: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' } },
  Stages: [
    { Name: 'Source', Actions: [{ Name: 'Src', ActionTypeId: { Category: 'Source', Owner: 'AWS', Provider: 'S3', Version: '1' }, Configuration: { S3Bucket: 'ci-source', S3ObjectKey: 'src.zip' }, OutputArtifacts: [{ Name: 'Source' }] }] },
    { Name: 'Build', Actions: [action('Synth', actionRole)] },
  ],
});

const OTHER_ACCOUNT_ADMIN = 'arn:aws:iam::210987654321:role/admin';

export default defineCases({
  controlId: 'CICD.IAM.22',
  resourceTypes: [PROJECT, PIPELINE],
  cases: [
    // CodeBuild project
    { name: 'least-privilege service role (inline, customer-managed, read-only AWS managed)', resourceType: PROJECT, properties: withRole(LEAST_ROLE.arn), facts: roleFacts(LEAST_ROLE), expect: 'PASS' },
    { name: 'service role given by name', resourceType: PROJECT, properties: withRole('ci-build'), facts: { 'iam.role ci-build': LEAST_ROLE }, expect: 'PASS' },
    {
      name: 'existing role with an inline admin policy',
      resourceType: PROJECT,
      properties: withRole(ADMIN_INLINE_ROLE.arn),
      facts: roleFacts(ADMIN_INLINE_ROLE),
      expect: 'FAIL',
      messageIncludes: ['ServiceRole', ADMIN_INLINE_ROLE.arn, 'inline:everything Statement[0]', 'administrator access'],
    },
    {
      name: 'existing role with an attached customer-managed admin policy',
      resourceType: PROJECT,
      properties: withRole(ADMIN_ATTACHED_ROLE.arn),
      facts: roleFacts(ADMIN_ATTACHED_ROLE),
      expect: 'FAIL',
      messageIncludes: ['ServiceRole', 'arn:aws:iam::123456789012:policy/ci-everything Statement[0]'],
    },
    {
      name: 'existing role with AdministratorAccess attached (judged by the bundled document)',
      resourceType: PROJECT,
      properties: withRole(AWS_ADMIN_ROLE.arn),
      facts: roleFacts(AWS_ADMIN_ROLE),
      expect: 'FAIL',
      messageIncludes: ['AWS managed policy AdministratorAccess', 'administrator access'],
    },
    {
      name: 'existing role with privilege-escalation actions on every resource',
      resourceType: PROJECT,
      properties: withRole(ESCALATION_ROLE.arn),
      facts: roleFacts(ESCALATION_ROLE),
      expect: 'FAIL',
      messageIncludes: ['inline:grow', 'iam:PutRolePolicy', 'privilege-escalation'],
    },
    {
      name: 'every action split across two policies (no single statement is admin)',
      resourceType: PROJECT,
      properties: withRole(SPLIT_ROLE.arn),
      facts: roleFacts(SPLIT_ROLE),
      expect: 'FAIL',
      messageIncludes: 'its policies together allow every action on every resource',
    },
    {
      name: 'an escalation action on every role, its resource patterns split across two policies',
      resourceType: PROJECT,
      properties: withRole(SPLIT_RESOURCES_ROLE.arn),
      facts: roleFacts(SPLIT_RESOURCES_ROLE),
      expect: 'FAIL',
      messageIncludes: ['iam:PutRolePolicy', 'inline:a-to-e Statement[0]', 'together with arn:aws:iam::123456789012:policy/f-to-9 Statement[0]', 'match every IAM role of account 123456789012'],
    },
    {
      name: 'batch build service role is an admin role',
      resourceType: PROJECT,
      properties: withRole(LEAST_ROLE.arn, { BuildBatchConfig: { ServiceRole: AWS_ADMIN_ROLE.arn, TimeoutInMins: 60 } }),
      facts: roleFacts(LEAST_ROLE, AWS_ADMIN_ROLE),
      expect: 'FAIL',
      messageIncludes: ['BuildBatchConfig.ServiceRole', AWS_ADMIN_ROLE.arn],
    },
    {
      name: 'attached AWS managed policy the bundle does not know: the looked-up document judges it',
      resourceType: PROJECT,
      properties: withRole(roleArn('ci-new-managed')),
      facts: roleFacts(roleFact('ci-new-managed', attached('arn:aws:iam::aws:policy/NoSuchPolicyPipelineGuardTest', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }))),
      expect: 'FAIL',
      messageIncludes: 'NoSuchPolicyPipelineGuardTest Statement[0]',
    },
    {
      name: 'a policy of the role that cannot be read is UNKNOWN, not PASS',
      resourceType: PROJECT,
      properties: withRole(roleArn('ci-unreadable')),
      facts: roleFacts(roleFact('ci-unreadable', inline('build', LEAST), inline('garbled', undefined))),
      expect: 'UNKNOWN',
    },
    {
      name: 'an unreadable policy does not hide a readable admin one',
      resourceType: PROJECT,
      properties: withRole(roleArn('ci-unreadable-admin')),
      facts: roleFacts(roleFact('ci-unreadable-admin', inline('garbled', undefined), inline('everything', { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } }))),
      expect: 'FAIL',
      messageIncludes: 'inline:everything Statement allows every action',
    },
    {
      name: 'lookup denied: fails closed naming the property and the permission',
      resourceType: PROJECT,
      properties: withRole(ADMIN_INLINE_ROLE.arn),
      facts: { [`iam.role ${ADMIN_INLINE_ROLE.arn}`]: { $error: "access denied: the hook's role needs iam:ListRolePolicies" } },
      expect: 'FAIL',
      messageIncludes: ['ServiceRole', 'iam:ListRolePolicies', 'could not be looked up'],
    },
    {
      name: 'lookup throttled with LookupFailureMode UNKNOWN: reported, not decided',
      resourceType: PROJECT,
      properties: withRole(ADMIN_INLINE_ROLE.arn),
      config: { LookupFailureMode: 'UNKNOWN' },
      facts: { [`iam.role ${ADMIN_INLINE_ROLE.arn}`]: { $error: 'throttled on iam:GetRole' } },
      expect: 'UNKNOWN',
    },
    { name: 'a role of the request account that does not exist fails closed', resourceType: PROJECT, properties: withRole(roleArn('ci-gone')), facts: {}, expect: 'FAIL', messageIncludes: 'not found' },
    // the table is empty: a lookup would fail as not found, so PASS shows it was not attempted
    { name: 'a role in another account is not looked up (TrustedAccountIds judges it)', resourceType: PROJECT, properties: withRole(OTHER_ACCOUNT_ADMIN), facts: {}, expect: 'PASS' },
    { name: 'without lookups (check without --lookups) an existing role is not judged here', resourceType: PROJECT, properties: withRole(AWS_ADMIN_ROLE.arn), expect: 'PASS' },
    { name: 'ServiceRole missing: nothing handed over', resourceType: PROJECT, properties: withoutRole(), absent: ['ServiceRole', 'BuildBatchConfig'], facts: {}, expect: 'PASS' },
    { name: 'ServiceRole as Fn::GetAtt of a template role (local check): judged where it is declared', resourceType: PROJECT, properties: withRole({ 'Fn::GetAtt': ['BuildRole', 'Arn'] } as never), facts: {}, expect: 'PASS', typedOnly: true },
    {
      name: 'update from a least-privilege role to an admin role is a weakening',
      resourceType: PROJECT,
      properties: withRole(ADMIN_ATTACHED_ROLE.arn),
      previous: withRole(LEAST_ROLE.arn),
      facts: roleFacts(LEAST_ROLE, ADMIN_ATTACHED_ROLE),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
    },
    {
      name: 'update that keeps the admin role is not a weakening',
      resourceType: PROJECT,
      properties: withRole(ADMIN_ATTACHED_ROLE.arn, { TimeoutInMinutes: 30 }),
      previous: withRole(ADMIN_ATTACHED_ROLE.arn),
      facts: roleFacts(ADMIN_ATTACHED_ROLE),
      actions: ['UPDATE'],
      expect: 'FAIL',
    },

    // CodePipeline pipeline
    { name: 'pipeline and action roles least privilege', resourceType: PIPELINE, properties: pipeline(LEAST_ROLE.arn, roleArn('ci-build')), facts: roleFacts(LEAST_ROLE), expect: 'PASS' },
    { name: 'pipeline RoleArn is an admin role', resourceType: PIPELINE, properties: pipeline(ADMIN_INLINE_ROLE.arn), facts: roleFacts(ADMIN_INLINE_ROLE), expect: 'FAIL', messageIncludes: ['RoleArn', ADMIN_INLINE_ROLE.arn] },
    {
      name: "an action's RoleArn is an escalation role",
      resourceType: PIPELINE,
      properties: pipeline(LEAST_ROLE.arn, ESCALATION_ROLE.arn),
      facts: roleFacts(LEAST_ROLE, ESCALATION_ROLE),
      expect: 'FAIL',
      messageIncludes: ['Stages[1].Actions[0].RoleArn', ESCALATION_ROLE.arn],
    },
    { name: 'pipeline RoleArn and action roles missing', resourceType: PIPELINE, properties: pipeline(undefined), absent: ['RoleArn', 'Stages[1].Actions[0].RoleArn'], facts: {}, expect: 'PASS' },
    { name: 'pipeline roles in other accounts are not looked up', resourceType: PIPELINE, properties: pipeline('arn:aws:iam::111111111111:role/pipeline', OTHER_ACCOUNT_ADMIN), facts: {}, expect: 'PASS' },
    {
      name: 'pipeline role lookup denied with LookupFailureMode UNKNOWN',
      resourceType: PIPELINE,
      properties: pipeline(LEAST_ROLE.arn, ADMIN_ATTACHED_ROLE.arn),
      config: { LookupFailureMode: 'UNKNOWN' },
      facts: { ...roleFacts(LEAST_ROLE), [`iam.role ${ADMIN_ATTACHED_ROLE.arn}`]: { $error: "access denied: the hook's role needs iam:GetRole" } },
      expect: 'UNKNOWN',
    },
    {
      name: 'update gives an action an admin role',
      resourceType: PIPELINE,
      properties: pipeline(LEAST_ROLE.arn, AWS_ADMIN_ROLE.arn),
      previous: pipeline(LEAST_ROLE.arn, LEAST_ROLE.arn),
      facts: roleFacts(LEAST_ROLE, AWS_ADMIN_ROLE),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
    },
  ],
});

