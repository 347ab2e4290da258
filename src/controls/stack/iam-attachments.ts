/**
 * Which identity policies of a stack attach to which roles, users and groups, and which groups a user is in
 * (pure; read through the model's StackView). An attachment is what the template writes: a reference (`Ref`,
 * `Fn::GetAtt`, `${…}`) to the principal or policy, or a literal name (and, in `ManagedPolicyArns`, an ARN of the
 * account the change is made in) equal to the resource's name — its literal name property, or the name
 * CloudFormation generates when there is none (`<stack>-<LogicalId>-<SUFFIX>`, either part possibly cut short).
 * IAM names are unique without regard to case, so names compare case-insensitively.
 *
 * An attachment the template does not decide (a parameter, an import, an undecided `Fn::If`, a principal whose
 * own name is such a value) is kept as a *possible* attachment, with where it is written: a control judges
 * whether it would change the verdict and reports it as UNKNOWN only then.
 */
import { identityPolicies, renderString, UNRESOLVED, type PolicySource } from '../../predicates/iam';
import { isIntrinsic, isRecord } from '../../predicates/values';
import type { StackResourceView, StackView } from '../types';
import { branches, mentions } from './relations';

export const ROLE = 'AWS::IAM::Role';
export const USER = 'AWS::IAM::User';
export const GROUP = 'AWS::IAM::Group';
const MANAGED = 'AWS::IAM::ManagedPolicy';
const POLICY = 'AWS::IAM::Policy';
const USER_TO_GROUP = 'AWS::IAM::UserToGroupAddition';

/** The kinds of principal, the name property of each and how they are spoken of. */
export const PRINCIPAL_KINDS: Readonly<Record<string, { nameProp: string; noun: string }>> = {
  [ROLE]: { nameProp: 'RoleName', noun: 'role' },
  [USER]: { nameProp: 'UserName', noun: 'user' },
  [GROUP]: { nameProp: 'GroupName', noun: 'group' },
};

/** Policy resources that attach to principals: the type, the property naming them and the principal type. */
const ATTACHING: ReadonlyArray<readonly [string, string, string]> = [
  [POLICY, 'Roles', ROLE],
  [POLICY, 'Users', USER],
  [POLICY, 'Groups', GROUP],
  [MANAGED, 'Roles', ROLE],
  [MANAGED, 'Users', USER],
  [MANAGED, 'Groups', GROUP],
  ['AWS::IAM::RolePolicy', 'RoleName', ROLE],
  ['AWS::IAM::UserPolicy', 'UserName', USER],
  ['AWS::IAM::GroupPolicy', 'GroupName', GROUP],
];

export interface AttachedPolicy {
  /** The logical ID that carries the document (the principal itself for inline and AWS managed policies). */
  from: string;
  source: PolicySource;
}

/** A policy (or a group's policies) that may attach: the template does not decide it. */
export interface PossibleAttachment {
  /** Where the undecided value is written. */
  logicalId: string;
  path: string;
  /** The logical ID whose policies would join (a policy, or a group for a user's membership). */
  from: string;
  /** `from` is a group the user may be in (its policies are `sources`), not a policy. */
  group?: boolean;
  sources: AttachedPolicy[];
}

/** A value naming a principal or policy: the resources it names, or whether it may name one the template does not decide. */
interface Named {
  resources: StackResourceView[];
  undecided: boolean;
}

const NONE: Named = Object.freeze({ resources: [], undecided: false }) as Named;

/** CloudFormation's generated physical name: `<stack>-<LogicalId>-<SUFFIX>`, the first two parts possibly cut short. */
const GENERATED = /^.+-([A-Za-z0-9]+)-[A-Za-z0-9]{6,}$/;

function generatedFor(value: string, logicalId: string): boolean {
  const m = GENERATED.exec(value);
  if (!m) return false;
  const part = m[1].toLowerCase();
  const id = logicalId.toLowerCase();
  return part.length >= Math.min(8, id.length) && id.startsWith(part);
}

/** A customer managed policy ARN: its account and name (either may hold UNRESOLVED). */
const POLICY_ARN = /^arn:[^:]*:iam::([^:]*):policy\/(?:.*\/)?([^/]+)$/;

interface Candidate {
  resource: StackResourceView;
  /** The literal name; undefined when CloudFormation generates it; null when the template does not decide it. */
  name: string | undefined | null;
}

/** The attachments of one stack, computed once. */
export class Attachments {
  private readonly candidates = new Map<string, Candidate[]>();
  private readonly direct = new Map<string, string[]>();
  private readonly possible = new Map<string, Array<{ logicalId: string; path: string; to: string }>>();
  private readonly groups = new Map<string, string[]>();
  private readonly possibleGroups = new Map<string, Array<{ logicalId: string; path: string; to: string }>>();
  /** Policies that may attach to any principal of a type (keyed by the principal type). */
  private readonly possibleAny = new Map<string, Array<{ logicalId: string; path: string; to: string }>>();

  constructor(
    private readonly stack: StackView,
    private readonly accountId?: string,
  ) {
    for (const [type, prop, principalType] of ATTACHING) {
      for (const policy of stack.resources(type)) {
        const named = this.namedAt(policy, prop, principalType, (v) => this.byName(principalType, v));
        for (const p of named.resources) this.add(this.direct, p.logicalId, policy.logicalId);
        for (const u of named.undecided) {
          // no name at all (a parameter, an unresolved reference): it may name any principal of the type — kept
          // once per policy, not once per principal (a stack of many such policies and principals stays linear)
          if (u.value === undefined) this.add(this.possibleAny, principalType, { logicalId: policy.logicalId, path: u.path, to: policy.logicalId });
          else for (const c of this.undecidedCandidates(principalType, u.value)) this.add(this.possible, c.logicalId, { logicalId: policy.logicalId, path: u.path, to: policy.logicalId });
        }
      }
    }
    for (const principalType of [ROLE, USER, GROUP]) {
      for (const principal of stack.resources(principalType)) {
        const named = this.namedAt(principal, 'ManagedPolicyArns', MANAGED, (v) => this.byArn(v));
        for (const p of named.resources) if (p.type === MANAGED) this.add(this.direct, principal.logicalId, p.logicalId);
        for (const u of named.undecided) for (const c of this.undecidedCandidates(MANAGED, u.value)) this.add(this.possible, principal.logicalId, { logicalId: principal.logicalId, path: u.path, to: c.logicalId });
      }
    }
    // a user's groups: User.Groups and UserToGroupAddition (GroupName, Users)
    for (const user of stack.resources(USER)) {
      const named = this.namedAt(user, 'Groups', GROUP, (v) => this.byName(GROUP, v));
      for (const g of named.resources) this.add(this.groups, user.logicalId, g.logicalId);
      for (const u of named.undecided) for (const c of this.undecidedCandidates(GROUP, u.value)) this.add(this.possibleGroups, user.logicalId, { logicalId: user.logicalId, path: u.path, to: c.logicalId });
    }
    for (const addition of stack.resources(USER_TO_GROUP)) {
      const users = this.namedAt(addition, 'Users', USER, (v) => this.byName(USER, v));
      const groups = this.namedAt(addition, 'GroupName', GROUP, (v) => this.byName(GROUP, v));
      const usersIn = [...users.resources.map((r) => ({ user: r, sure: true, path: 'Users' }))];
      for (const u of users.undecided) for (const c of this.undecidedCandidates(USER, u.value)) usersIn.push({ user: c, sure: false, path: u.path });
      for (const { user, sure, path } of usersIn) {
        for (const g of groups.resources) {
          if (sure) this.add(this.groups, user.logicalId, g.logicalId);
          else this.add(this.possibleGroups, user.logicalId, { logicalId: addition.logicalId, path, to: g.logicalId });
        }
        for (const u of groups.undecided) for (const c of this.undecidedCandidates(GROUP, u.value)) this.add(this.possibleGroups, user.logicalId, { logicalId: addition.logicalId, path: u.path, to: c.logicalId });
      }
    }
  }

  /** Keys of the values already in each list (a list can grow to every policy of the stack: no pairwise compare). */
  private readonly seen = new WeakMap<Map<string, unknown[]>, Map<string, Set<string>>>();

  private add<T>(map: Map<string, T[]>, key: string, value: T): void {
    let byKey = this.seen.get(map as Map<string, unknown[]>);
    if (!byKey) this.seen.set(map as Map<string, unknown[]>, (byKey = new Map()));
    let keys = byKey.get(key);
    if (!keys) byKey.set(key, (keys = new Set()));
    const id = typeof value === 'string' ? value : JSON.stringify(value);
    if (keys.has(id)) return;
    keys.add(id);
    const list = map.get(key);
    if (!list) map.set(key, [value]);
    else list.push(value);
  }

  private candidatesOf(type: string): Candidate[] {
    let list = this.candidates.get(type);
    if (!list) {
      const nameProp = type === MANAGED ? 'ManagedPolicyName' : PRINCIPAL_KINDS[type].nameProp;
      list = this.stack.resources(type).map((resource) => {
        const raw = resource.view.get(nameProp);
        const name = raw === undefined || raw === null || raw === '' ? undefined : typeof raw === 'string' ? raw : null;
        return { resource, name };
      });
      this.candidates.set(type, list);
    }
    return list;
  }

  /** The resources of `type` a literal name names; undecided when it names none but a resource's own name is not decided. */
  private byName(type: string, value: string): Named {
    const lower = value.trim().toLowerCase();
    const out: StackResourceView[] = [];
    let undecided = false;
    for (const c of this.candidatesOf(type)) {
      if (typeof c.name === 'string' ? c.name.toLowerCase() === lower : c.name === undefined && generatedFor(value.trim(), c.resource.logicalId)) out.push(c.resource);
      else if (c.name === null) undecided = true;
    }
    return out.length > 0 ? { resources: out, undecided: false } : { resources: [], undecided };
  }

  /** The managed policies of the stack a policy ARN (of the account the change is made in) names. */
  private byArn(value: string): Named {
    const m = POLICY_ARN.exec(value.trim());
    if (!m) return NONE;
    const [, account, name] = m;
    const ownAccount = account.includes(UNRESOLVED) || this.accountId === undefined || account === this.accountId;
    if (!ownAccount) return NONE;
    if (name.includes(UNRESOLVED)) return { resources: [], undecided: this.candidatesOf(MANAGED).length > 0 };
    return this.byName(MANAGED, name);
  }

  /** Candidates an undecided value may name: every resource of the type, or (a literal naming none) those whose name is undecided. */
  private undecidedCandidates(type: string, value: string | undefined): StackResourceView[] {
    return this.candidatesOf(type)
      .filter((c) => value === undefined || c.name === null)
      .map((c) => c.resource);
  }

  /**
   * What `from`'s property `prop` (a list or one value) names among resources of `type`: references first,
   * then literal values through `literal`, then values the template does not decide (rendered as far as they
   * go, so `arn:aws:iam::${Account}:policy/name` still names `name`).
   */
  private namedAt(from: StackResourceView, prop: string, type: string, literal: (value: string) => Named): { resources: StackResourceView[]; undecided: Array<{ path: string; value: string | undefined }> } {
    const raw = from.view.get(prop);
    const paths = Array.isArray(raw) ? raw.map((_, i) => `${prop}[${i}]`) : raw === undefined || raw === null ? [] : [prop];
    const resources: StackResourceView[] = [];
    const undecided: Array<{ path: string; value: string | undefined }> = [];
    const push = (r: StackResourceView): void => {
      if (!resources.some((x) => x.logicalId === r.logicalId)) resources.push(r);
    };
    for (const path of paths) {
      const referenced = this.stack
        .refsAt(from.logicalId, path)
        .map((r) => this.stack.resource(r.to))
        .filter((r): r is StackResourceView => r !== undefined);
      const targets = referenced.filter((r) => r.type === type);
      const value = from.view.get(path);
      const literalOf = (v: string): void => {
        const named = literal(v);
        named.resources.forEach(push);
        if (named.undecided) undecided.push({ path, value: v });
      };
      if (!isIntrinsic(value)) {
        // resolved (a reference to a resource of the stack resolves to its name or ARN) or literal
        if (targets.length > 0) targets.forEach(push);
        else if (typeof value === 'string' && value !== '') literalOf(value);
        continue;
      }
      const consider = (leaf: unknown, depth: number): void => {
        if (leaf === undefined || leaf === null || leaf === '' || depth > 4) return;
        if (Array.isArray(leaf)) {
          for (const item of leaf) consider(item, depth + 1);
          return;
        }
        if (typeof leaf === 'string') {
          literalOf(leaf);
          return;
        }
        if (!isRecord(leaf) || leaf.Ref === 'AWS::NoValue') return;
        const split = branches(leaf);
        if (split.length > 1 || split[0] !== leaf) {
          for (const b of split) consider(b, depth + 1);
          return;
        }
        const hit = targets.filter((t) => mentions(leaf, t.logicalId));
        if (hit.length > 0) {
          hit.forEach(push);
          return;
        }
        // a bare reference to another resource of the stack is decided: it is not one of `type`
        if ((leaf.Ref !== undefined || leaf['Fn::GetAtt'] !== undefined) && referenced.some((r) => mentions(leaf, r.logicalId))) return;
        const text = renderString(leaf);
        if (text !== undefined && text !== UNRESOLVED && type === MANAGED) {
          // an ARN written with parameters: its literal parts may still name (or rule out) a policy of the stack
          const named = this.byArn(text);
          named.resources.forEach(push);
          if (named.undecided) undecided.push({ path, value: undefined });
          return;
        }
        undecided.push({ path, value: undefined });
      };
      for (const leaf of branches(value)) consider(leaf, 0);
    }
    return { resources, undecided };
  }

  /** Every identity policy attached to the principal itself in the stack (inline, AWS managed, policy resources), in template order. */
  attachedTo(principal: StackResourceView): AttachedPolicy[] {
    const out: AttachedPolicy[] = identityPolicies(principal.view, principal.type).map((source) => ({ from: principal.logicalId, source }));
    for (const id of this.direct.get(principal.logicalId) ?? []) out.push(...this.documentsOf(id));
    return out;
  }

  private documentsOf(logicalId: string): AttachedPolicy[] {
    const res = this.stack.resource(logicalId);
    return res ? identityPolicies(res.view, res.type).map((source) => ({ from: res.logicalId, source })) : [];
  }

  /** The groups of the stack a user is in (User.Groups, UserToGroupAddition). */
  groupsOf(user: StackResourceView): StackResourceView[] {
    return (this.groups.get(user.logicalId) ?? []).map((id) => this.stack.resource(id)).filter((r): r is StackResourceView => r !== undefined);
  }

  /** Policies (and, for a user, groups) that may attach to the principal: the template does not decide it. */
  /** How many policies and groups may attach to the principal (without reading them). */
  possibleCount(principal: StackResourceView, known: ReadonlySet<string>): number {
    let n = 0;
    for (const p of this.possible.get(principal.logicalId) ?? []) if (!known.has(p.to)) n++;
    for (const p of this.possibleAny.get(principal.type) ?? []) if (!known.has(p.to)) n++;
    for (const p of this.possibleGroups.get(principal.logicalId) ?? []) if (!known.has(p.to)) n++;
    return n;
  }

  possibleFor(principal: StackResourceView, known: ReadonlySet<string>): PossibleAttachment[] {
    const out: PossibleAttachment[] = [];
    for (const p of [...(this.possible.get(principal.logicalId) ?? []), ...(this.possibleAny.get(principal.type) ?? [])]) {
      if (!known.has(p.to)) out.push({ logicalId: p.logicalId, path: p.path, from: p.to, sources: this.documentsOf(p.to) });
    }
    for (const p of this.possibleGroups.get(principal.logicalId) ?? []) {
      const group = this.stack.resource(p.to);
      if (group && !known.has(p.to)) out.push({ logicalId: p.logicalId, path: p.path, from: p.to, group: true, sources: this.attachedTo(group) });
    }
    return out;
  }
}

/** Every identity policy attached to the role (user, group) itself in the stack, with the logical ID that carries it. */
const indexes = new WeakMap<StackView, { accountId?: string; index: Attachments }>();

/** The attachment index of a stack evaluation, built once for every control that asks (STACK.4, STACK.5). */
export function attachmentsOf(stack: StackView, accountId?: string): Attachments {
  let hit = indexes.get(stack);
  if (!hit || hit.accountId !== accountId) indexes.set(stack, (hit = { accountId, index: new Attachments(stack, accountId) }));
  return hit.index;
}

export function attached(stack: StackView, principal: StackResourceView, accountId?: string): AttachedPolicy[] {
  return attachmentsOf(stack, accountId).attachedTo(principal);
}
