/**
 * The model: the types every layer shares (types only, no code). Predicates, controls, the engine, the
 * template layer, the protocol and the CLI import them from here; nothing declares a second copy.
 *
 * Property paths: dots between properties, brackets for list items — `Stages[0].Actions[1].Configuration`,
 * `PolicyDocument.Statement[0]`. One style everywhere, in findings, UNKNOWNs and every output format.
 */

export type Severity = 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

/** OWASP Top 10 CI/CD Security Risks. */
export type CicdRisk =
  | 'CICD-SEC-1' | 'CICD-SEC-2' | 'CICD-SEC-3' | 'CICD-SEC-4' | 'CICD-SEC-5'
  | 'CICD-SEC-6' | 'CICD-SEC-7' | 'CICD-SEC-8' | 'CICD-SEC-9' | 'CICD-SEC-10';

/** What CloudFormation is about to do to the target. */
export type Action = 'CREATE' | 'UPDATE' | 'DELETE';

export interface Exemption {
  ControlId: string;
  StackName: string;
  LogicalId: string;
  Reason: string;
  ExpiresOn: string;
}

/** The validated type configuration with defaults applied and `${AWS::AccountId}` substituted. */
export interface Settings {
  DisabledControls: string[];
  WarnOnlyControls: string[];
  Exemptions: Exemption[];
  /** Longest exemption lifetime: ExpiresOn at most this many days after today. */
  MaximumExemptionDays: number;
  AllowedBuildImages: string[];
  AllowedPackageRegistries: string[];
  ProductionStageNames: string[];
  ProductionAccountIds: string[];
  /** With the hook's own account and ProductionAccountIds: the accounts policies, key ARNs, log, event and replication targets, assumed roles and pipeline action roles may name. */
  TrustedAccountIds: string[];
  /** Organizations a policy may trust through aws:PrincipalOrgID. */
  TrustedOrganizationIds: string[];
  AllowedSourceProviders: string[];
  /** Non-AWS (Custom, ThirdParty) action types allowed outside the Source category, as Owner/Category/Provider globs. */
  AllowedCustomActionTypes: string[];
  AllowedConnectionArns: string[];
  AllowedConnectionProviderTypes: string[];
  AllowedConnectionHostArns: string[];
  PermissionsBoundaryArn: string;
  AllowedOidcProviderUrls: string[];
  AllowedCodeArtifactExternalConnections: string[];
  AllowedPullThroughCacheUpstreams: string[];
  ProtectedResourceNames: string[];
  /** Globs over stack names: the platform's own rollout stacks, which may declare CloudFormation hooks and hook type settings. */
  PlatformStackNames: string[];
  /** Globs over principals a resource policy may grant rights to change the guarded resource (besides the account itself). */
  AllowedChangeRightPrincipals: string[];
  MinimumLogRetentionDays: number;
  MinimumKeyDeletionWindowDays: number;
  MaximumRoleSessionDurationSeconds: number;
  /**
   * `pipeline`: resources of generic types (buckets, keys, roles, functions, ...) are judged only when
   * pipeline-related in their stack; `all`: every resource of a targeted type.
   */
  Scope: 'pipeline' | 'all';
  /** A lookup that cannot be answered (access denied, throttling, timeout): FAIL (default) or UNKNOWN. */
  LookupFailureMode: LookupFailureMode;
}

/** Names of the type-configuration properties (schema `typeConfiguration.properties`). */
export type SettingName = keyof Settings;

/** A value the hook could not decide, at a property path. */
export interface UnknownValue {
  path: string;
  why: string;
  /** Stack-level evaluations: the logical ID whose property could not be decided. */
  logicalId?: string;
}

/**
 * Read access to a resource's properties (or to a part of them: see `at`/`items`/`entries`). Paths use the
 * one path style (`a.b[0].c`; `a.b.0.c` is read the same way). Every typed read goes through the value
 * normaliser; reading a value the template could not resolve (an intrinsic function) records the path as
 * UNKNOWN and returns undefined. A child view records its UNKNOWNs with its full path on the same recorder
 * as its parent, so a control never records UNKNOWN by hand while walking lists.
 */
export interface ResourceView {
  /** The raw object this view is rooted at (the resource's properties for the root view). */
  readonly properties: Readonly<Record<string, unknown>>;
  /** The full path of this view's root ('' for the resource itself). */
  readonly path: string;
  /** Full path of a path relative to this view: `view.at('Stages[1]').pathOf('Name')` → `Stages[1].Name`. */
  pathOf(path: string): string;
  /** Raw value (after nothing but own-property lookup). Intrinsics are returned as they are. */
  get(path: string): unknown;
  has(path: string): boolean;
  bool(path: string): boolean | undefined;
  num(path: string): number | undefined;
  str(path: string): string | undefined;
  /** A list (a scalar counts as a one-element list); absent is empty; an unresolved list is UNKNOWN. */
  list(path: string): unknown[];
  /** An object, or undefined when absent or not an object (unresolved: UNKNOWN). */
  obj(path: string): Record<string, unknown> | undefined;
  /** A view rooted at `path` (an empty view when it is absent or not an object). */
  at(path: string): ResourceView;
  /**
   * The items of a list as views, each knowing its full path (`Stages[0]`, `Stages[1]`, ...). A scalar or
   * object counts as a one-element list (item path `X[0]`), absent is empty, an unresolved list is
   * UNKNOWN; an item that is not an object is a view whose `properties` are empty and whose `value` is it.
   */
  items(path: string): ListItem[];
  /** The own entries of an object as [key, child view] pairs (child path `X.key`). */
  entries(path: string): Array<[string, ResourceView]>;
  /** Mark a path (relative to this view) as not decidable. */
  unknown(path: string, why?: string): void;
  /** Typed reads of a raw value found inside this view, recording `path` (relative) as UNKNOWN when unresolved. */
  boolOf(value: unknown, path: string): boolean | undefined;
  numOf(value: unknown, path: string): number | undefined;
  strOf(value: unknown, path: string): string | undefined;
}

/** One list item handed to a control: its raw value, its index and a view rooted at it. */
export interface ListItem {
  index: number;
  value: unknown;
  view: ResourceView;
}

export interface Finding {
  /** Property path the finding is about (full path from the resource), e.g. `Environment.PrivilegedMode`. Never a value. */
  path: string;
  /** What is wrong, naming properties and variable names only — never a secret value. */
  message: string;
  /**
   * Set by the engine (never by a control) on UPDATE when the deployed properties did not have this
   * finding: the update weakens a setting that was compliant.
   */
  weakened?: boolean;
  /** For stack-level findings: the logical ID the finding is about (default: the target itself). */
  logicalId?: string;
}

// ---------------------------------------------------------------------------------------------------
// Facts: what the template references but does not define (live lookups). Controls never fetch: they ask
// `input.facts.get(request, path)` and the engine plans, fetches (concurrently, within a deadline) and
// re-runs the pure check with the answers.
// ---------------------------------------------------------------------------------------------------

/**
 * A fact about something outside the request. `ref` is what the template names: an ARN, ID, alias or name;
 * for `ecr.pullThroughCache` the registry as `<account>:<region>` (or `<account>`: the request's region).
 */
export type FactRequest =
  | { kind: 'kms.key'; ref: string }
  | { kind: 'iam.role'; ref: string }
  | { kind: 'iam.policy'; ref: string }
  | { kind: 'iam.instanceProfile'; ref: string }
  | { kind: 'iam.group'; ref: string }
  | { kind: 's3.bucket'; ref: string }
  | { kind: 's3.bucketOwner'; ref: string }
  | { kind: 'logs.group'; ref: string }
  | { kind: 'codebuild.fleet'; ref: string }
  | { kind: 'ecr.pullThroughCache'; ref: string }
  | { kind: 'cloudformation.export'; ref: string };

export type FactKind = FactRequest['kind'];

/** A policy document found on a principal (inline or attached), named by where it came from. */
export interface PolicyFact {
  /** `inline:<name>` or the attached policy's ARN. */
  source: string;
  /** The parsed document (undefined when it could not be read: judged UNKNOWN by the control). */
  document: unknown;
}

export interface KeyFact {
  arn: string;
  /** KeyManager AWS: an AWS managed key (aws/s3, aws/codeartifact, ...), whatever spelling referenced it. */
  awsManaged: boolean;
  enabled: boolean;
  /** Automatic rotation (undefined when it cannot be asked, e.g. an asymmetric key). */
  rotation?: boolean;
}

export interface RoleFact {
  arn: string;
  trustPolicy: unknown;
  /** Inline and attached (managed: default version) policies. */
  policies: PolicyFact[];
  permissionsBoundaryArn?: string;
}

export interface ManagedPolicyFact {
  arn: string;
  /** The default version's document. */
  document: unknown;
}

export interface InstanceProfileFact {
  arn: string;
  /** Role ARNs. */
  roles: string[];
}

export interface GroupFact {
  arn: string;
  policies: PolicyFact[];
}

export interface BucketFact {
  versioning: boolean;
  logging: boolean;
  /** Default encryption: algorithm (`aws:kms`, `aws:kms:dsse`, `AES256`) and key, when configured. */
  encryption?: { algorithm: string; keyId?: string };
  /** The bucket's public access block (undefined when none is set). */
  publicAccessBlock?: { blockPublicAcls: boolean; ignorePublicAcls: boolean; blockPublicPolicy: boolean; restrictPublicBuckets: boolean };
  /**
   * The bucket policy (undefined when none): the parsed document, or its text when it cannot be read exactly
   * (duplicate keys, not JSON) — the policy readers then fail it, never take it for no policy.
   */
  policy?: unknown;
}

/**
 * Whether a bucket (named by name: bucket names and ARNs carry no account) belongs to the account of the
 * request. Asked with S3's `ExpectedBucketOwner`, so only S3 decides: a bucket of another account (or one
 * whose policy denies the hook) is not the request's account, however readable it is.
 */
export interface BucketOwnerFact {
  ownAccount: boolean;
}

export interface LogGroupFact {
  kmsKeyId?: string;
  /** Days; undefined = never expire. */
  retentionDays?: number;
}

export interface FleetFact {
  arn: string;
  /** The fleet runs in a VPC (VpcConfig with subnets). */
  vpc: boolean;
}

export interface PullThroughCacheFact {
  rules: Array<{ prefix: string; upstreamRegistryUrl: string }>;
}

export interface ExportFact {
  value: string;
}

/** The value a request's kind yields. */
export interface FactValues {
  'kms.key': KeyFact;
  'iam.role': RoleFact;
  'iam.policy': ManagedPolicyFact;
  'iam.instanceProfile': InstanceProfileFact;
  'iam.group': GroupFact;
  's3.bucket': BucketFact;
  's3.bucketOwner': BucketOwnerFact;
  'logs.group': LogGroupFact;
  'codebuild.fleet': FleetFact;
  'ecr.pullThroughCache': PullThroughCacheFact;
  'cloudformation.export': ExportFact;
}

export type Fact<T> = { ok: true; value: T } | { ok: false; why: string };

/** How a lookup that cannot be answered (access denied, throttling, timeout) counts: FAIL blocks, UNKNOWN reports. */
export type LookupFailureMode = 'FAIL' | 'UNKNOWN';

/** Short-lived AWS credentials (the request's, never logged). */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

/** What a control sees of the facts. */
export interface FactView {
  /** Whether lookups are on (the deployed hook: yes; `check` only with --lookups). */
  readonly enabled: boolean;
  /**
   * The fact, or undefined when it is not known: lookups are off, the reference is in another account (judged
   * by the trusted-accounts setting, never looked up), the lookup is still planned, or it failed — the engine
   * reports a failed or unfinished lookup against `path` itself (LookupFailureMode). With undefined a control
   * judges what the template says, as without lookups.
   *
   * `logicalId`: at stack level (STACK and CHANGE_SET targets, whose findings name a logical ID), the resource
   * whose property `path` names the reference — a failed lookup is reported at that logical ID and path.
   * Resource-level controls leave it out (their target is the one resource).
   */
  get<K extends FactKind>(request: { kind: K; ref: string }, path: string, logicalId?: string): FactValues[K] | undefined;
}

/** One resource of a stack as a stack-level control sees it (STACK and CHANGE_SET targets). */
export interface StackResourceView {
  logicalId: string;
  type: string;
  /**
   * The properties, resolved as far as the template decides them; reading a value the template does not
   * decide (a parameter, an import, an attribute known only after provisioning) records UNKNOWN for this
   * logical ID and property path.
   */
  view: ResourceView;
  /** `DeletionPolicy` / `UpdateReplacePolicy` as written (undefined when absent; an intrinsic is not a string). */
  deletionPolicy?: unknown;
  updateReplacePolicy?: unknown;
}

/** A reference in the template: `from` refers to `to` at a property path of `from` (`''` for DependsOn). */
export interface StackReference {
  from: string;
  to: string;
  path: string;
  via: 'Ref' | 'GetAtt' | 'Sub' | 'DependsOn';
  attribute?: string;
}

/**
 * Read access to a whole stack (a template) for stack-level controls: the resources, their resolved
 * properties and the reference graph (Ref, Fn::GetAtt, Fn::Sub, DependsOn) as the template writes it.
 */
export interface StackView {
  /** Every resource, in template order; with `type`, those of that type. */
  resources(type?: string): StackResourceView[];
  resource(logicalId: string): StackResourceView | undefined;
  /** What a resource refers to (other resources of the stack only). */
  references(logicalId: string): StackReference[];
  /** Who refers to a resource; with `type`, only referrers of that type. */
  referencedBy(logicalId: string, type?: string): StackReference[];
  /** References of `logicalId` made at `path` or below it (`ArtifactStore.Location`, `Roles[0]`). */
  refsAt(logicalId: string, path: string): StackReference[];
  /** Record a value of a resource that cannot be decided at stack level (the outcome is UNKNOWN, never PASS). */
  unknown(logicalId: string, path: string, why: string): void;
}
