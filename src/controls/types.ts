/**
 * The contract between the engine and the controls. A control is metadata plus a pure check over a
 * normalised view of the resource; it never sees the wire protocol.
 */

export type Severity = 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

/** OWASP Top 10 CI/CD Security Risks. */
export type CicdRisk =
  | 'CICD-SEC-1' | 'CICD-SEC-2' | 'CICD-SEC-3' | 'CICD-SEC-4' | 'CICD-SEC-5'
  | 'CICD-SEC-6' | 'CICD-SEC-7' | 'CICD-SEC-8' | 'CICD-SEC-9' | 'CICD-SEC-10';

export type Action = 'CREATE' | 'UPDATE' | 'DELETE';

/** Names of the type-configuration properties (schema `typeConfiguration.properties`). */
export type SettingName = keyof Settings;

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
  AllowedBuildImages: string[];
  AllowedPackageRegistries: string[];
  ProductionStageNames: string[];
  ProductionAccountIds: string[];
  AllowedSourceProviders: string[];
  AllowedConnectionArns: string[];
  AllowedConnectionProviderTypes: string[];
  AllowedConnectionHostArns: string[];
  PermissionsBoundaryArn: string;
  AllowedOidcProviderUrls: string[];
  AllowedCodeArtifactExternalConnections: string[];
  AllowedPullThroughCacheUpstreams: string[];
  ProtectedResourceNames: string[];
  MinimumLogRetentionDays: number;
  MinimumKeyDeletionWindowDays: number;
  MaximumRoleSessionDurationSeconds: number;
}

/**
 * Read access to a resource's properties. Paths are dot-separated (`Environment.PrivilegedMode`) with
 * numeric segments for list items (`SecondaryArtifacts.0.EncryptionDisabled`). Every typed read goes
 * through the value normaliser; reading a value the template could not resolve (an intrinsic function)
 * records the path as UNKNOWN and returns undefined.
 */
export interface ResourceView {
  readonly properties: Readonly<Record<string, unknown>>;
  /** Raw value (after nothing but own-property lookup). Intrinsics are returned as they are. */
  get(path: string): unknown;
  has(path: string): boolean;
  bool(path: string): boolean | undefined;
  num(path: string): number | undefined;
  str(path: string): string | undefined;
  /** A list (a scalar counts as a one-element list); absent is empty. */
  list(path: string): unknown[];
  /** An object, or undefined when absent or not an object. */
  obj(path: string): Record<string, unknown> | undefined;
  /** Mark a path as not decidable (e.g. an unresolved value found while walking raw data). */
  unknown(path: string, why?: string): void;
  /** Typed reads of a raw value found inside this resource, recording `path` as UNKNOWN when unresolved. */
  boolOf(value: unknown, path: string): boolean | undefined;
  numOf(value: unknown, path: string): number | undefined;
  strOf(value: unknown, path: string): string | undefined;
}

export interface Finding {
  /** Property path the finding is about, e.g. `Environment.PrivilegedMode`. Never a value. */
  path: string;
  /** What is wrong, naming properties and variable names only — never a secret value. */
  message: string;
  /** Set when an UPDATE turns a compliant setting into a non-compliant one. */
  weakened?: boolean;
}

export interface CheckInput {
  resourceType: string;
  logicalId: string;
  action: Action;
  /** Properties the change will create (on DELETE: the properties of the resource being deleted). */
  resource: ResourceView;
  /** On UPDATE the deployed properties; undefined otherwise. */
  previous?: ResourceView;
  settings: Settings;
  accountId: string;
  stackName?: string;
}

export interface ControlMeta {
  /** Stable ID, never reused: CICD.<SERVICE>.<N>. */
  id: string;
  /** Kebab-case name of the control's file. */
  slug: string;
  /** The compliant state, as an assertion. */
  title: string;
  resourceTypes: readonly string[];
  /** Invocation actions the control runs on; CREATE and UPDATE unless stated. */
  actions?: readonly Action[];
  severity: Severity;
  risks: readonly CicdRisk[];
  /** The requirement the control serves (pipeline-security practice, SEC11-BP07, ...). */
  requirement: string;
  rationale: string;
  /** What a developer does to comply, in one or two sentences. */
  remediation: string;
  /** Type-configuration properties the control reads. */
  parameters?: readonly SettingName[];
}

export interface Control extends ControlMeta {
  /** Pure: returns findings (empty = compliant). Must not throw on odd shapes. */
  check(input: CheckInput): Finding[];
}

export const DEFAULT_ACTIONS: readonly Action[] = ['CREATE', 'UPDATE'];

/** Identity function that gives a control its type (and freezes it). */
export function defineControl(control: Control): Control {
  return Object.freeze(control);
}
