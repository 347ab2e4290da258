/**
 * The one table of out-of-band change rights (CICD.IAM.20 on identity policies, CICD.IAM.21 on resource
 * policies): what a statement's patterns grant, restricted to a service, each right once, policy changes first.
 */
import { HOOK_SCHEMA } from '../../src/engine/schema';
import { CHANGE_RIGHT_SERVICES, changeRightsOf, describeChangeRights, isChangeRight, NOT_CHANGE_RIGHT_SERVICES } from '../../src/predicates/change-rights';
import { actionsOfService, catalogueServices, lookupAction } from '../../src/predicates/iam-catalogue';
import { globMatch } from '../../src/predicates/glob';
import { parsePolicy } from '../../src/predicates/policy';
import { iamPrefixOfType } from '../../src/predicates/sdk-calls';

const statement = (s: Record<string, unknown>) => parsePolicy({ Statement: [{ Effect: 'Allow', Resource: '*', ...s }] }).statements[0];
const names = (s: Record<string, unknown>, services?: string[]) => changeRightsOf(statement(s), services).map((h) => h.action);
const CHANGE_LEVELS = new Set(['Write', 'Permissions management', 'Tagging']);

test('every service of the table is in the catalogue and keeps at least one change right', () => {
  for (const rule of CHANGE_RIGHT_SERVICES) expect({ service: rule.service, rights: names({ Action: `${rule.service}:*` }, [rule.service]).length > 0 }).toEqual({ service: rule.service, rights: true });
});

test('use is not change: key use, object writes, image pushes, invocations', () => {
  for (const a of ['kms:Decrypt', 's3:PutObject', 'ecr:PutImage', 'lambda:InvokeFunction', 'secretsmanager:GetSecretValue', 'codeartifact:PublishPackageVersion']) {
    const action = lookupAction(a);
    expect({ a, known: action !== undefined }).toEqual({ a, known: true });
    expect({ a, change: isChangeRight(action!) }).toEqual({ a, change: false });
  }
  for (const a of ['kms:PutKeyPolicy', 's3:PutBucketPolicy', 'ecr:SetRepositoryPolicy', 'lambda:UpdateFunctionCode', 'secretsmanager:PutResourcePolicy', 'codeartifact:PutRepositoryPermissionsPolicy']) {
    expect({ a, change: isChangeRight(lookupAction(a)!) }).toEqual({ a, change: true });
  }
});

test('restricted to a service: kms:* in a bucket policy grants no s3 right', () => {
  expect(names({ Action: ['kms:*', 's3:GetObject'] }, ['s3'])).toEqual([]);
  expect(names({ Action: 'kms:*' }, ['kms'])).toContain('kms:PutKeyPolicy');
  expect(names({ Action: '*' }, ['ecr'])).toContain('ecr:DeleteRepository');
});

test('? and wildcards anywhere, NotAction, odd case', () => {
  expect(names({ Action: 'S?:PUTBUCKETPOL*' }, ['s3'])).toEqual(['s3:PutBucketPolicy']);
  const notAction = changeRightsOf(statement({ NotAction: 'kms:Decrypt' }), ['kms']);
  expect(notAction.map((h) => h.action)).toContain('kms:ScheduleKeyDeletion');
  expect(notAction.every((h) => h.via === 'NotAction')).toBe(true);
});

test('each right once, Permissions management first, and the message names the pattern that granted it', () => {
  const hits = changeRightsOf(statement({ Action: ['kms:DisableKey', 'kms:*', 'kms:PutKeyPolicy'] }), ['kms']);
  expect(new Set(hits.map((h) => h.action)).size).toBe(hits.length);
  expect(hits[0].level).toBe('Permissions management');
  const text = describeChangeRights(hits);
  expect(text).toMatch(/ and \d+ more$/);
  expect(describeChangeRights(changeRightsOf(statement({ Action: 'kms:disablekey' }), ['kms']))).toBe('kms:DisableKey');
  expect(describeChangeRights(changeRightsOf(statement({ Action: 'kms:Disable*' }), ['kms']))).toContain('(via kms:disable*)');
});

/** Per service: which actions are out-of-band change rights (definition changes) and which are operation or use. */
const PER_SERVICE: Array<[string, string[], string[]]> = [
  ['codebuild', ['UpdateProject', 'DeleteProject', 'PutResourcePolicy', 'UpdateWebhook', 'CreateProject'], ['StartBuild', 'StopBuild', 'RetryBuild', 'StartBuildBatch', 'BatchPutTestCases', 'BatchPutCodeCoverages', 'CreateReport', 'UpdateReport', 'CreateReportGroup', 'DeleteReport']],
  ['codepipeline', ['UpdatePipeline', 'DeletePipeline', 'PutWebhook', 'DisableStageTransition', 'TagResource'], ['StartPipelineExecution', 'StopPipelineExecution', 'RetryStageExecution', 'PutJobSuccessResult', 'PutJobFailureResult', 'PutApprovalResult', 'PutThirdPartyJobSuccessResult', 'AcknowledgeJob', 'PollForJobs', 'RollbackStage', 'OverrideStageCondition', 'PutActionRevision']],
  ['codestar-connections', ['DeleteConnection', 'UpdateHost', 'CreateConnection'], ['UseConnection', 'PassConnection']],
  ['codeconnections', ['DeleteConnection', 'UpdateHost'], ['UseConnection', 'PassConnection']],
  ['codeartifact', ['PutRepositoryPermissionsPolicy', 'DeleteRepository', 'UpdateRepository'], ['PublishPackageVersion', 'PutPackageMetadata']],
  ['codecommit', ['DeleteRepository', 'PutRepositoryTriggers', 'UpdateRepositoryName', 'CreateApprovalRuleTemplate'], ['GitPush', 'CreateCommit', 'PutFile', 'DeleteFile', 'CreateBranch', 'MergeBranchesByFastForward', 'CreatePullRequest', 'PostCommentForPullRequest', 'UpdatePullRequestTitle', 'CreateUnreferencedMergeCommit', 'UploadArchive']],
  ['codedeploy', ['DeleteApplication', 'UpdateDeploymentGroup', 'CreateDeploymentConfig'], ['CreateDeployment', 'StopDeployment', 'ContinueDeployment', 'PutLifecycleEventHookExecutionStatus', 'RegisterApplicationRevision', 'SkipWaitTimeForInstanceTermination']],
  ['cloudtrail', ['StopLogging', 'DeleteTrail', 'PutEventSelectors', 'UpdateTrail'], ['StartQuery', 'CancelQuery']],
  ['kms', ['PutKeyPolicy', 'ScheduleKeyDeletion', 'CreateGrant', 'DisableKey'], ['Encrypt', 'Decrypt', 'GenerateDataKey', 'Sign', 'CreateKey']],
  ['s3', ['PutBucketPolicy', 'DeleteBucket', 'PutEncryptionConfiguration', 'PutBucketPublicAccessBlock', 'PutAccessPointPolicy'], ['PutObject', 'DeleteObject', 'PutObjectAcl']],
  ['logs', ['DeleteLogGroup', 'PutRetentionPolicy', 'AssociateKmsKey'], ['PutLogEvents', 'CreateLogStream']],
  ['ecr', ['SetRepositoryPolicy', 'PutImageTagMutability', 'DeleteRepository'], ['PutImage', 'InitiateLayerUpload', 'CompleteLayerUpload']],
  ['secretsmanager', ['PutResourcePolicy', 'UpdateSecret', 'DeleteSecret', 'CancelRotateSecret'], ['PutSecretValue', 'RotateSecret']],
  ['lambda', ['UpdateFunctionCode', 'AddPermission', 'DeleteFunction', 'UpdateFunctionConfiguration'], ['InvokeFunction']],
  [
    'iam',
    ['PutRolePolicy', 'AttachRolePolicy', 'CreatePolicyVersion', 'SetDefaultPolicyVersion', 'UpdateAssumeRolePolicy', 'DeleteRolePermissionsBoundary', 'CreateAccessKey', 'UpdateLoginProfile', 'AddRoleToInstanceProfile', 'AddUserToGroup', 'UpdateOpenIDConnectProviderThumbprint', 'TagRole', 'CreateRole', 'DeleteRole'],
    ['PassRole', 'CreateServiceLinkedRole', 'GetRole', 'ListRoles'],
  ],
  [
    'events',
    ['PutRule', 'DeleteRule', 'EnableRule', 'DisableRule', 'PutTargets', 'RemoveTargets', 'CreateConnection', 'UpdateConnection', 'DeleteConnection', 'DeauthorizeConnection', 'CreateApiDestination', 'UpdateApiDestination', 'DeleteApiDestination', 'PutPermission', 'RemovePermission', 'PutResourcePolicy', 'TagResource', 'UntagResource'],
    ['PutEvents', 'PutPartnerEvents', 'PutRawEvents', 'InvokeApiDestination', 'RetrieveConnectionCredentials', 'CreateArchive', 'StartReplay', 'DescribeRule'],
  ],
  ['sns', ['SetTopicAttributes', 'AddPermission', 'RemovePermission', 'DeleteTopic', 'PutDataProtectionPolicy', 'TagResource'], ['Publish', 'Subscribe', 'Unsubscribe', 'ConfirmSubscription', 'CreateTopic', 'SetSubscriptionAttributes', 'CreatePlatformEndpoint']],
  ['sqs', ['SetQueueAttributes', 'AddPermission', 'RemovePermission', 'DeleteQueue', 'TagQueue'], ['SendMessage', 'ReceiveMessage', 'DeleteMessage', 'PurgeQueue', 'ChangeMessageVisibility', 'StartMessageMoveTask', 'CreateQueue']],
  [
    'ssm',
    ['PutParameter', 'DeleteParameter', 'DeleteParameters', 'LabelParameterVersion', 'UnlabelParameterVersion', 'PutResourcePolicy', 'DeleteResourcePolicy', 'AddTagsToResource', 'RemoveTagsFromResource'],
    ['GetParameter', 'GetParameters', 'GetParametersByPath', 'SendCommand', 'StartSession', 'CreateDocument', 'UpdateDocument', 'StartAutomationExecution', 'PutInventory', 'PutComplianceItems', 'UpdateInstanceInformation', 'UpdateServiceSetting'],
  ],
  ['scheduler', ['CreateSchedule', 'UpdateSchedule', 'DeleteSchedule', 'CreateScheduleGroup', 'DeleteScheduleGroup', 'TagResource', 'UntagResource'], ['GetSchedule', 'ListSchedules']],
  ['states', ['UpdateStateMachine', 'CreateStateMachine', 'DeleteStateMachine', 'UpdateStateMachineAlias', 'PublishStateMachineVersion', 'TagResource'], ['StartExecution', 'StartSyncExecution', 'StopExecution', 'RedriveExecution', 'SendTaskSuccess', 'TestState', 'CreateActivity', 'DescribeStateMachine']],
  ['codestar-notifications', ['CreateNotificationRule', 'UpdateNotificationRule', 'DeleteNotificationRule', 'Subscribe', 'Unsubscribe', 'DeleteTarget', 'TagResource'], ['DescribeNotificationRule', 'ListTargets']],
  [
    'ram',
    ['CreateResourceShare', 'UpdateResourceShare', 'AssociateResourceShare', 'DisassociateResourceShare', 'DeleteResourceShare', 'AssociateResourceSharePermission', 'EnableSharingWithAwsOrganization', 'TagResource'],
    ['AcceptResourceShareInvitation', 'RejectResourceShareInvitation', 'GetResourceShares', 'ListResources'],
  ],
  ['s3express', ['PutBucketPolicy', 'DeleteBucketPolicy', 'PutAccessPointPolicy', 'PutAccessPointScope', 'PutEncryptionConfiguration', 'DeleteBucket', 'CreateAccessPoint'], ['CreateSession', 'CreateBucket', 'GetBucketPolicy']],
  [
    'ec2',
    ['RunInstances', 'CreateFleet', 'RequestSpotInstances', 'ModifyInstanceAttribute', 'ResetInstanceAttribute', 'ModifyInstanceMetadataOptions', 'AssociateIamInstanceProfile', 'DisassociateIamInstanceProfile', 'ReplaceIamInstanceProfileAssociation', 'CreateLaunchTemplate', 'CreateLaunchTemplateVersion', 'ModifyLaunchTemplate', 'DeleteLaunchTemplate', 'DeleteLaunchTemplateVersions'],
    ['CreateNetworkInterface', 'DeleteNetworkInterface', 'CreateNetworkInterfacePermission', 'AssignPrivateIpAddresses', 'UnassignPrivateIpAddresses', 'CreateTags', 'DeleteTags', 'StartInstances', 'StopInstances', 'RebootInstances', 'TerminateInstances', 'ModifyInstanceMetadataDefaults', 'ModifyInstanceEventStartTime', 'AuthorizeSecurityGroupIngress', 'DescribeInstances'],
  ],
];

describe.each(PER_SERVICE)('%s', (service, change, use) => {
  test.each(change)(`${service}:%s is a change right`, (name) => {
    const a = lookupAction(`${service}:${name}`);
    expect({ name, known: a !== undefined }).toEqual({ name, known: true });
    expect(isChangeRight(a!)).toBe(true);
    expect(names({ Action: `${service}:${name}` }, [service])).toEqual([`${service}:${name}`]);
  });
  test.each(use)(`${service}:%s is operation or use, not a change right`, (name) => {
    const a = lookupAction(`${service}:${name}`);
    expect({ name, known: a !== undefined }).toEqual({ name, known: true });
    expect(isChangeRight(a!)).toBe(false);
    expect(names({ Action: `${service}:${name}` }, [service])).toEqual([]);
  });
});

test('services outside the table have no change rights (ECS deployments, CloudFormation, unguarded services)', () => {
  for (const a of ['ecs:RegisterTaskDefinition', 'ecs:UpdateService', 'ecs:DeregisterTaskDefinition', 'cloudformation:UpdateStack', 'cloudformation:CreateStackSet', 'autoscaling:UpdateAutoScalingGroup']) {
    expect({ a, change: isChangeRight(lookupAction(a)!) }).toEqual({ a, change: false });
  }
  expect(names({ Action: '*' }).some((n) => n.startsWith('ecs:') || n.startsWith('cloudformation:') || n.startsWith('autoscaling:'))).toBe(false);
});

test('* grants the change rights of every service of the table, and of no other', () => {
  const granted = new Set(names({ Action: '*' }).map((n) => n.split(':')[0]));
  expect([...granted].sort()).toEqual(CHANGE_RIGHT_SERVICES.map((r) => r.service).sort());
});

test('a Read or List action is no change right, also of a service whose rule keeps every change action', () => {
  for (const a of ['scheduler:GetSchedule', 'iam:GetRolePolicy', 'iam:ListAttachedRolePolicies', 'codebuild:BatchGetProjects']) {
    expect({ a, change: isChangeRight(lookupAction(a)!) }).toEqual({ a, change: false });
  }
  expect(names({ Action: 'scheduler:*' })).toEqual(expect.arrayContaining(['scheduler:UpdateSchedule']));
  expect(names({ Action: 'scheduler:*' }).length).toBe(actionsOfService('scheduler').filter((a) => CHANGE_LEVELS.has(a.level)).length);
});

/**
 * The class, not the examples: every service whose resource types this hook targets (the schema's targetNames,
 * every handler) is decided — in CHANGE_RIGHT_SERVICES, or in NOT_CHANGE_RIGHT_SERVICES with a reason. A new
 * target type of a new service fails here until someone decides which of its actions are change rights.
 */
test('every service of a target type is in the change-right table or, with its reason, in the list of services that are not', () => {
  const targets = new Set(Object.values(HOOK_SCHEMA.handlers).flatMap((h) => h.targetNames));
  const types = [...targets].filter((t) => t.includes('::'));
  expect(types.length).toBeGreaterThan(40);
  const inTable = new Set(CHANGE_RIGHT_SERVICES.map((r) => r.service));
  const notInTable = new Map(NOT_CHANGE_RIGHT_SERVICES.map((r) => [r.service, r.reason]));
  const known = new Set(catalogueServices());
  const targeted = new Set<string>();
  for (const type of types) {
    const service = iamPrefixOfType(type);
    // a type whose IAM prefix is not its lower-cased namespace needs an entry in iamPrefixOfType first
    expect({ type, service, inCatalogue: service !== undefined && known.has(service) }).toEqual({ type, service, inCatalogue: true });
    targeted.add(service!);
    expect({ type, service, decided: inTable.has(service!) || notInTable.has(service!) }).toEqual({ type, service, decided: true });
  }
  for (const [service, reason] of notInTable) {
    expect({ service, inBoth: inTable.has(service) }).toEqual({ service, inBoth: false });
    expect({ service, reasoned: reason.trim().length > 40 }).toEqual({ service, reasoned: true });
    // no stale exemption: the list names only services the hook targets
    expect({ service, targeted: targeted.has(service) }).toEqual({ service, targeted: true });
  }
  expect(new Set(NOT_CHANGE_RIGHT_SERVICES.map((r) => r.service)).size).toBe(NOT_CHANGE_RIGHT_SERVICES.length);
  expect(new Set(CHANGE_RIGHT_SERVICES.map((r) => r.service)).size).toBe(CHANGE_RIGHT_SERVICES.length);
});

test('write-level use actions are not reported even when named outright', () => {
  expect(names({ Action: ['kms:Encrypt', 'kms:GenerateDataKey', 's3:PutObject', 'logs:PutLogEvents'] })).toEqual([]);
  expect(names({ Action: ['kms:Encrypt', 'kms:DisableKey'] })).toEqual(['kms:DisableKey']);
});

test('the same statement restricted to different services gives each service its own rights (no stale answer)', () => {
  const s = statement({ Action: ['kms:*', 's3:*'] });
  const kms = changeRightsOf(s, ['kms']).map((h) => h.action);
  const s3 = changeRightsOf(s, ['s3']).map((h) => h.action);
  const all = changeRightsOf(s).map((h) => h.action);
  expect(kms.every((n) => n.startsWith('kms:'))).toBe(true);
  expect(s3.every((n) => n.startsWith('s3:'))).toBe(true);
  expect(kms).toContain('kms:PutKeyPolicy');
  expect(s3).toContain('s3:PutBucketPolicy');
  expect(new Set(all)).toEqual(new Set([...kms, ...s3]));
  // and in the other order
  const t = statement({ Action: ['ecr:*', 'lambda:*'] });
  expect(changeRightsOf(t).map((h) => h.action)).toContain('lambda:AddPermission');
  expect(changeRightsOf(t, ['ecr']).every((h) => h.action.startsWith('ecr:'))).toBe(true);
  expect(changeRightsOf(t, ['lambda']).every((h) => h.action.startsWith('lambda:'))).toBe(true);
});

test('Permissions management first, the others in the order granted', () => {
  const hits = changeRightsOf(statement({ Action: ['kms:DisableKey', 'kms:EnableKey', 'kms:CreateAlias', 'kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion', 'kms:CreateGrant', 'kms:UpdateAlias'] }), ['kms']);
  expect(hits.map((h) => [h.action, h.level])).toEqual([
    ['kms:PutKeyPolicy', 'Permissions management'],
    ['kms:CreateGrant', 'Permissions management'],
    ['kms:DisableKey', 'Write'],
    ['kms:EnableKey', 'Write'],
    ['kms:CreateAlias', 'Write'],
    ['kms:ScheduleKeyDeletion', 'Write'],
    ['kms:UpdateAlias', 'Write'],
  ]);
});

test('the message shows three rights and counts the rest exactly', () => {
  const hits = changeRightsOf(statement({ Action: ['kms:DisableKey', 'kms:EnableKey', 'kms:CreateAlias', 'kms:UpdateAlias', 'kms:DeleteAlias'] }), ['kms']);
  expect(describeChangeRights(hits)).toBe('kms:DisableKey, kms:EnableKey, kms:CreateAlias and 2 more');
  expect(describeChangeRights(hits.slice(0, 3))).toBe('kms:DisableKey, kms:EnableKey, kms:CreateAlias');
  expect(describeChangeRights([])).toBe('');
});


/**
 * No dead or misspelt entry in the table: each glob decides the verdict of at least one catalogue action. (Built
 * inside the test, not at collection time: a broken table or catalogue must fail this test, not the file's load.)
 */
test('every glob of the table names actions of its service: only-globs change actions that count, except-globs actions that do not', () => {
  expect(CHANGE_RIGHT_SERVICES.map((r) => r.service)).toEqual(PER_SERVICE.map(([service]) => service));
  for (const rule of CHANGE_RIGHT_SERVICES) {
    const service = rule.service;
    const actions = actionsOfService(service);
    const matching = (g: string) => actions.filter((a) => globMatch(g, a.name.toLowerCase()));
    for (const g of rule.only ?? []) {
      const hits = matching(g).filter((a) => CHANGE_LEVELS.has(a.level));
      expect({ service, only: g, matches: hits.length > 0 }).toEqual({ service, only: g, matches: true });
      for (const a of hits) expect({ service, a: a.name, change: isChangeRight(a) }).toEqual({ service, a: a.name, change: true });
    }
    for (const g of rule.except ?? []) {
      const hits = matching(g);
      // known dead entry: PutAuditEvents is cloudtrail-data:PutAuditEvents, another prefix (not in the table, so
      // never a change right either way); the entry in cloudtrail's list matches nothing
      const dead = service === 'cloudtrail' && g === 'putauditevents';
      expect({ service, except: g, matches: hits.length > 0 }).toEqual({ service, except: g, matches: !dead });
      for (const a of hits) expect({ service, a: a.name, change: isChangeRight(a) }).toEqual({ service, a: a.name, change: false });
    }
  }
  expect(isChangeRight(lookupAction('cloudtrail-data:PutAuditEvents')!)).toBe(false);
});
