/**
 * Facts inside one evaluation: what the controls asked for, what the lookups answered. The engine plans
 * (a control's `facts.get` of an unanswered request records it), fetches (src/engine/lookups.ts, through
 * an injected FactSource: no I/O here) and re-runs the pure checks with the answers.
 */
import type { Fact, FactKind, FactRequest, FactValues, FactView } from '../model';

/** One evaluation's facts: the per-invocation memo. */
export interface FactTable {
  /** Lookups on (a FactSource exists). Off: every `get` answers undefined and nothing is planned. */
  readonly enabled: boolean;
  /** The account of the request: references into other accounts are never looked up. */
  readonly accountId: string;
  readonly answers: Map<string, Fact<unknown>>;
  /** Requests seen in this round and not answered yet. */
  readonly planned: Map<string, FactRequest>;
  /** The last round: a request still unanswered is a lookup that did not finish. */
  final: boolean;
  /**
   * A synchronous look into the source's warm cache (FactSource.peek): a fact already known is answered in
   * the round that asks, so a request whose facts are all cached is evaluated once, without a fetch round.
   */
  readonly peek?: (request: FactRequest) => unknown;
}

export function factTable(accountId: string, enabled = true, peek?: (request: FactRequest) => unknown): FactTable {
  return { enabled, accountId, answers: new Map(), planned: new Map(), final: false, peek };
}

export function factKey(request: FactRequest): string {
  return `${request.kind}\u0000${request.ref}`;
}

/**
 * The account an ARN names (`arn:partition:service:region:account:…`); undefined for anything else and for
 * ARNs without an account (S3 buckets) or with `aws` (AWS managed policies).
 */
export function accountOfArn(ref: string): string | undefined {
  if (!ref.startsWith('arn:')) return undefined;
  const parts = ref.split(':');
  if (parts.length < 6) return undefined;
  const account = parts[4];
  return /^\d{12}$/.test(account) ? account : undefined;
}

/** Whether a reference points into another account than the request's (judged by TrustedAccountIds, never looked up). */
export function isForeign(request: FactRequest, accountId: string): boolean {
  // a registry is `<account>` or `<account>:<region>`
  const account = request.kind === 'ecr.pullThroughCache' ? request.ref.split(':')[0] : accountOfArn(request.ref);
  return account !== undefined && account !== accountId;
}

const LABELS: Record<FactKind, string> = {
  'kms.key': 'the KMS key',
  'iam.role': 'the IAM role',
  'iam.policy': 'the managed policy',
  'iam.instanceProfile': 'the instance profile',
  'iam.group': 'the IAM group',
  's3.bucket': 'the S3 bucket',
  's3.bucketOwner': 'the owner of the S3 bucket',
  'logs.group': 'the log group',
  'codebuild.fleet': 'the CodeBuild fleet',
  'ecr.pullThroughCache': 'the pull-through cache rules of the ECR registry',
  'cloudformation.export': 'the CloudFormation export',
};

/** `the KMS key named in EncryptionKey` — the property, never the value. */
export function describeRequest(request: FactRequest, path: string): string {
  return path === '' ? LABELS[request.kind] : `${LABELS[request.kind]} named in ${path}`;
}

export interface LookupFailure {
  request: FactRequest;
  path: string;
  /** Stack level: the resource whose property `path` names the reference (undefined at resource level). */
  logicalId?: string;
  why: string;
}

/** What one control run sees of the facts; remembers the lookups that failed for the engine to report. */
export class FactRecorder implements FactView {
  readonly failures: LookupFailure[] = [];

  constructor(private readonly table: FactTable) {}

  get enabled(): boolean {
    return this.table.enabled;
  }

  get<K extends FactKind>(request: { kind: K; ref: string }, path: string, logicalId?: string): FactValues[K] | undefined {
    const t = this.table;
    if (!t.enabled || typeof request.ref !== 'string' || request.ref === '') return undefined;
    const req = { kind: request.kind, ref: request.ref } as FactRequest;
    if (isForeign(req, t.accountId)) return undefined;
    const key = factKey(req);
    const answer = t.answers.get(key);
    if (answer !== undefined) {
      if (answer.ok) return answer.value as FactValues[K];
      this.fail({ request: req, path, logicalId, why: answer.why }, key);
      return undefined;
    }
    const known = t.peek?.(req);
    if (known !== undefined) {
      t.answers.set(key, { ok: true, value: known });
      return known as FactValues[K];
    }
    if (t.final) {
      this.fail({ request: req, path, logicalId, why: 'the lookup did not finish before the deadline' }, key);
      return undefined;
    }
    t.planned.set(key, req);
    return undefined;
  }

  private reported?: Set<string>;

  /** One report per fact and place, however often a control asks (a stack control may reach a key from several uses). */
  private fail(f: LookupFailure, key: string): void {
    const at = `${key}\u0000${f.logicalId ?? ''}\u0000${f.path}`;
    this.reported ??= new Set();
    if (this.reported.has(at)) return;
    this.reported.add(at);
    if (f.logicalId === undefined) delete f.logicalId;
    this.failures.push(f);
  }
}

/** The message of a failed lookup: what, where (the property), why (the reason and the missing permission). */
export function lookupFailureMessage(f: LookupFailure): string {
  return `${describeRequest(f.request, f.path)} could not be looked up (${f.why}), so the control cannot judge it`;
}
