/**
 * AWS SDK calls named in templates — a CDK AwsCustomResource's `{service, action}`, a Step Functions
 * `arn:aws:states:::aws-sdk:<service>:<action>` task, an EventBridge Scheduler universal target
 * `arn:aws:scheduler:::aws-sdk:<service>:<action>`, an SSM Automation `aws:executeAwsApi` step — mapped to
 * IAM actions and judged with the IAM catalogue: does the call create, change or delete resources of a
 * service the hook guards?
 *
 * SDK names are mapped to IAM names case-insensitively (`updateProject`, `UpdateProject`,
 * `UpdateProjectCommand` → `codebuild:UpdateProject`); SDK service names (`CodeBuild`,
 * `@aws-sdk/client-codebuild`, `CloudWatchLogs`, `EventBridge`, `SFN`) to IAM prefixes. A change is an action
 * of access level Write or Permissions management. Data-plane actions that change no resource definition
 * (KMS cryptography, S3 objects, log events, Lambda invocation, starting builds and pipeline executions,
 * pushing images, PassRole) are not changes; for services of which the hook guards one or two types only
 * (EC2 launch templates, ECS task definitions, EventBridge rules and connections, Scheduler schedules,
 * CloudFormation StackSets, SSM parameters, Step Functions state machines), only the actions on those types are.
 */
import { actionsAtLevels, lookupAction, type AccessLevel, type CatalogueAction } from './iam-catalogue';

/** Access levels that create, change or delete a resource (Tagging is not a change of its definition). */
export const DEFINITION_CHANGE_LEVELS: readonly AccessLevel[] = ['Write', 'Permissions management'];

/** SDK service names (lower case, without separators) whose IAM prefix differs. */
const SDK_TO_IAM: Readonly<Record<string, string>> = {
  cloudwatchlogs: 'logs',
  logs: 'logs',
  cloudwatchevents: 'events',
  eventbridge: 'events',
  sfn: 'states',
  stepfunctions: 'states',
  codestarconnections: 'codestar-connections',
  codeconnections: 'codeconnections',
  elasticloadbalancingv2: 'elasticloadbalancing',
  iamrolesanywhere: 'rolesanywhere',
  secretsmanager: 'secretsmanager',
  scheduler: 'scheduler',
  cloudtrail: 'cloudtrail',
  cloudformation: 'cloudformation',
  codeartifact: 'codeartifact',
};

/** S3 API names whose IAM action is spelt differently. */
const S3_ALIASES: Readonly<Record<string, string>> = {
  putbucketencryption: 'PutEncryptionConfiguration',
  deletebucketencryption: 'PutEncryptionConfiguration',
  putbucketlifecycleconfiguration: 'PutLifecycleConfiguration',
  putbucketlifecycle: 'PutLifecycleConfiguration',
  deletebucketlifecycle: 'PutLifecycleConfiguration',
  putbucketreplication: 'PutReplicationConfiguration',
  deletebucketreplication: 'PutReplicationConfiguration',
  putpublicaccessblock: 'PutBucketPublicAccessBlock',
  deletepublicaccessblock: 'PutBucketPublicAccessBlock',
  putobjectlockconfiguration: 'PutBucketObjectLockConfiguration',
  deletebucketownershipcontrols: 'PutBucketOwnershipControls',
  deletebucketcors: 'PutBucketCORS',
  putbucketcors: 'PutBucketCORS',
  deletebucketwebsite: 'DeleteBucketWebsite',
};

/** The IAM prefix of an SDK service name (`CodeBuild`, `@aws-sdk/client-codebuild`, `codebuild`). */
export function iamPrefixOfSdkService(service: string): string {
  const bare = service.trim().toLowerCase().replace(/^@aws-sdk\/client-/, '').replace(/[^a-z0-9]/g, '');
  return SDK_TO_IAM[bare] ?? bare;
}

/**
 * The IAM action name of an SDK action (`updateProject`, `UpdateProjectCommand` → `UpdateProject`; case kept for
 * lookups). An action whose own name ends in `Command` (`ssm:SendCommand`, `ecs:ExecuteCommand`) keeps it: the
 * suffix is dropped only when the name with it is no catalogue action of the service.
 */
function iamNameOfSdkAction(prefix: string, action: string): string {
  const trimmed = action.trim();
  const bare = /Command$/.test(trimmed) && lookupAction(`${prefix}:${trimmed}`) === undefined ? trimmed.slice(0, -'Command'.length) : trimmed;
  if (prefix === 's3') return S3_ALIASES[bare.toLowerCase()] ?? bare;
  return bare;
}

/** Data-plane actions of guarded services: they use a resource without changing what it is. */
const DATA_PLANE: Readonly<Record<string, RegExp>> = {
  kms: /^(Encrypt|Decrypt|ReEncrypt.*|GenerateDataKey.*|GenerateRandom|Sign|Verify|GenerateMac|VerifyMac|DeriveSharedSecret)$/i,
  s3: /Object|MultipartUpload|^UploadPart|^Replicate(Delete|Tags)$/i,
  // CreateLogGroup: the group Lambda creates for a function at its first invocation (AWSLambdaBasicExecutionRole)
  logs: /^(CreateLogGroup|CreateLogStream|PutLogEvents|StartQuery|StopQuery|StartLiveTail|Link)$/i,
  lambda: /^Invoke/i,
  codebuild: /^(StartBuild|StopBuild|RetryBuild|StartBuildBatch|StopBuildBatch|RetryBuildBatch|BatchPutTestCases|BatchPutCodeCoverages|CreateReport|UpdateReport|DeleteReport|StartSandbox.*|StopSandbox|StartCommandExecution)$/i,
  codepipeline: /^(StartPipelineExecution|StopPipelineExecution|RetryStageExecution|RollbackStage|PutApprovalResult|PutJob(Success|Failure)Result|PutThirdPartyJob(Success|Failure)Result|AcknowledgeJob|AcknowledgeThirdPartyJob|PollForJobs|PollForThirdPartyJobs|OverrideStageCondition)$/i,
  ecr: /^(PutImage|UploadLayerPart|InitiateLayerUpload|CompleteLayerUpload|BatchDeleteImage|ReplicateImage|StartImageScan|BatchImportUpstreamImage)$/i,
  iam: /^PassRole$/i,
  secretsmanager: /^(PutSecretValue|UpdateSecretVersionStage|RotateSecret|CancelRotateSecret)$/i,
  events: /^PutEvents$/i,
  codecommit: /^(GitPush|PutFile|CreateCommit|DeleteFile|CreateBranch|MergeBranches.*|MergePullRequest.*|CreatePullRequest.*|PostComment.*|UpdatePullRequest.*|PutCommentReaction|UpdateComment|DeleteCommentContent)$/i,
  codeartifact: /^(PublishPackageVersion|PutPackageMetadata|CopyPackageVersions|DeletePackageVersions|DisposePackageVersions|UpdatePackageVersionsStatus|ReadFromRepository)$/i,
  codedeploy: /^(CreateDeployment|StopDeployment|ContinueDeployment|PutLifecycleEventHookExecutionStatus|RegisterApplicationRevision|SkipWaitTimeForInstanceTermination)$/i,
  // messages: sending, receiving, publishing and subscribing use a queue or topic; its policy and attributes are its definition
  sqs: /^(SendMessage|SendMessageBatch|ReceiveMessage|DeleteMessage|DeleteMessageBatch|ChangeMessageVisibility(Batch)?|PurgeQueue|StartMessageMoveTask|CancelMessageMoveTask)$/i,
  sns: /^(Publish|PublishBatch|Subscribe|Unsubscribe|ConfirmSubscription|OptInPhoneNumber|CreatePlatformEndpoint|SetEndpointAttributes|DeleteEndpoint)$/i,
  states: /^(StartExecution|StartSyncExecution|StopExecution|RedriveExecution|SendTask(Success|Failure|Heartbeat)|GetActivityTask|TestState|UpdateMapRun|InvokeHTTPEndpoint)$/i,
};

/** Services of which the hook guards a few types only: the actions on those types. */
const ONLY_NOUNS: Readonly<Record<string, RegExp>> = {
  ec2: /LaunchTemplate|Instance(Attribute|MetadataOptions)|IamInstanceProfile|^RunInstances$|^RequestSpotInstances$|^CreateFleet$/i,
  ecs: /TaskDefinition/i,
  events: /Rule|Targets|Connection/i,
  scheduler: /Schedule/i,
  // stack sets (deployed to other accounts) and the extension registry: SetTypeConfiguration, DeactivateType, … switch hooks off
  cloudformation: /StackSet|StackInstances|Type(Configuration|DefaultVersion)?$/i,
  ssm: /Parameter/i,
  // state machines, their versions and aliases; not activities
  states: /StateMachine/i,
};

/** Is this catalogue action a change of a guarded resource's definition? */
export function changesDefinition(action: CatalogueAction): boolean {
  if (!DEFINITION_CHANGE_LEVELS.includes(action.level)) return false;
  if (DATA_PLANE[action.service]?.test(action.name)) return false;
  const nouns = ONLY_NOUNS[action.service];
  return nouns === undefined || nouns.test(action.name);
}

const MUTATING = /^(create|update|put|delete|remove|modify|attach|detach|add|set|associate|disassociate|enable|disable|register|deregister|import|reset|replace|upload|tag|untag|change|apply|restore|batch(create|update|delete|put))/i;
const READING = /^(get|list|describe|batchget|head|lookup|search|query|scan|check|validate|test|simulate|estimate|preview|select|export|download|poll|view)/i;

export type SdkCallVerdict =
  /** The call changes a resource of a guarded service: the IAM action it needs. */
  | { kind: 'change'; iamAction: string; service: string }
  /** Not a change, or not on a guarded service. */
  | { kind: 'none' }
  /** A guarded service's action the catalogue does not list and whose name does not tell. */
  | { kind: 'unknown'; iamAction: string; service: string };

/** Judge one SDK call against the guarded IAM prefixes (lower case). */
export function judgeSdkCall(service: string, action: string, guarded: ReadonlySet<string>): SdkCallVerdict {
  const prefix = iamPrefixOfSdkService(service);
  if (!guarded.has(prefix)) return { kind: 'none' };
  const bare = iamNameOfSdkAction(prefix, action);
  const name = bare.charAt(0).toUpperCase() + bare.slice(1);
  const iamAction = `${prefix}:${name}`;
  const known = lookupAction(iamAction);
  if (known) return changesDefinition(known) ? { kind: 'change', iamAction: `${known.service}:${known.name}`, service: prefix } : { kind: 'none' };
  if (READING.test(name)) return { kind: 'none' };
  const nouns = ONLY_NOUNS[prefix];
  if (nouns !== undefined && !nouns.test(name)) return { kind: 'none' };
  if (MUTATING.test(name)) return { kind: 'change', iamAction, service: prefix };
  return { kind: 'unknown', iamAction, service: prefix };
}

/** The definition-changing actions of guarded services that an IAM action pattern (`codebuild:*`, `*`) allows. */
export function definitionChangesAllowed(pattern: string, guarded: ReadonlySet<string>): CatalogueAction[] {
  return actionsAtLevels(pattern, DEFINITION_CHANGE_LEVELS, [...guarded]).filter(changesDefinition);
}

/** `aws-sdk:<service>:<action>` integrations in a text (Step Functions tasks, Scheduler targets). */
export function sdkIntegrationsIn(text: string, kind: 'states' | 'scheduler'): Array<{ service: string; action: string }> {
  const re = kind === 'states' ? /:states:::aws-sdk:([a-z0-9-]+):([A-Za-z0-9]+)/gi : /:scheduler:::aws-sdk:([a-z0-9-]+):([A-Za-z0-9]+)/gi;
  const out: Array<{ service: string; action: string }> = [];
  for (const m of text.matchAll(re)) out.push({ service: m[1], action: m[2] });
  return out;
}

/** IAM prefix of a CloudFormation resource type (`AWS::CodeStarConnections::Connection` → `codestar-connections`). */
export function iamPrefixOfType(type: string): string | undefined {
  const m = /^AWS::([A-Za-z0-9]+)::/.exec(type);
  if (!m) return undefined;
  const s = m[1].toLowerCase();
  return { codestarconnections: 'codestar-connections', stepfunctions: 'states', elasticloadbalancingv2: 'elasticloadbalancing', s3objectlambda: 's3-object-lambda', codestarnotifications: 'codestar-notifications' }[s] ?? s;
}
