import { adminLevel, escalationAmong, unconditionalEverywhere, unionEverywhere } from '../../predicates/identity-grants';
import { awsManagedPolicy, parseAwsManagedArn } from '../../predicates/managed-policies';
import { grantsAllActions, parsePolicy, type Statement } from '../../predicates/policy';
import { pipelineActions } from '../../predicates/pipeline';
import { isDynamicReference, isRecord } from '../../predicates/values';
import { defineControl, type FactView, type Finding, type ResourceView } from '../types';

/**
 * Live lookups (issue 14): what a resource hands over by ARN or name without defining it — an existing role
 * (a project's service role, a pipeline's or action's role, an instance profile's roles), an existing
 * customer-managed policy (ManagedPolicyArns), an existing instance profile (a launch template's or
 * instance's) and an existing group (a user's Groups, a UserToGroupAddition) — judged by what it holds, with
 * the predicates of the identity-policy controls: administrator access (CICD.IAM.1/2), every IAM action
 * (CICD.IAM.2), privilege escalation on broad resources (CICD.IAM.4), and the union of all its policies.
 * Without lookups (or for another account's ARN, judged by TrustedAccountIds) there is nothing to judge here:
 * what the template defines is judged where it is declared.
 */

interface Held {
  /** `inline:<name>` or the policy ARN; with a note for AWS managed policies. */
  label: string;
  source: string;
  document: unknown;
}

/** The label of one statement: `Statement[2]`, or `Statement` when the document has a single statement object. */
function statementName(document: unknown, st: Statement): string {
  const list = isRecord(document) && Array.isArray(Object.entries(document).find(([k]) => k.toLowerCase() === 'statement')?.[1]);
  return list ? `Statement[${st.index}]` : 'Statement';
}

/**
 * The documents a looked-up principal holds. An attached AWS managed policy is judged by the bundled
 * document (as CICD.IAM.2 judges it in a template); one the bundle does not know by the document the lookup
 * read; otherwise it cannot be judged.
 */
function held(policies: unknown): Held[] | undefined {
  if (!Array.isArray(policies)) return undefined;
  const out: Held[] = [];
  for (const p of policies) {
    const source = isRecord(p) && typeof p.source === 'string' ? p.source : '(unnamed policy)';
    const document = isRecord(p) ? p.document : undefined;
    const aws = parseAwsManagedArn(source);
    const bundled = aws ? awsManagedPolicy(aws.name) : undefined;
    if (aws && bundled) out.push({ label: `${source} (AWS managed policy ${bundled.name})`, source, document: bundled.document });
    else out.push({ label: source, source, document });
  }
  return out;
}

/**
 * Judge what a principal holds. Findings sit at `path` (the property that names it) and say which policy
 * and statement grants what. A policy that cannot be read makes the reference UNKNOWN when nothing else
 * already fails it.
 */
function judgeHeld(view: ResourceView, path: string, subject: string, policies: Held[] | undefined, single = false): Finding[] {
  const relative = path.startsWith(`${view.path}.`) ? path.slice(view.path.length + 1) : path;
  if (!policies) {
    view.unknown(relative, `${subject}: the lookup answered no policy list, so what it grants cannot be judged`);
    return [];
  }
  const findings: Finding[] = [];
  const unreadable: string[] = [];
  const everywhere: Statement[] = [];
  let adminSeen = false;
  const where = new Map<Statement, string>();
  for (const p of policies) {
    const parsed = p.document === undefined || p.document === null ? undefined : parsePolicy(p.document);
    if (!parsed || parsed.error) {
      unreadable.push(p.source);
      continue;
    }
    for (const st of parsed.statements) where.set(st, single ? statementName(p.document, st) : `${p.label} ${statementName(p.document, st)}`);
  }
  // an escalation split over statements (or policies) with the same condition is judged on the union of their resources
  const escalation = escalationAmong([...where.keys()], (st) => where.get(st) ?? `Statement[${st.index}]`);
  for (const [st, at] of where) {
    const admin = adminLevel(st);
    const message = admin ?? escalation(st);
    if (admin) adminSeen = true;
    if (message) findings.push({ path, message: `${path}: ${subject}: ${at} ${message}` });
    if (unconditionalEverywhere(st)) everywhere.push(st);
  }
  // permissions split across several statements or policies that together grant everything
  if (!adminSeen && everywhere.length > 1) {
    const union = unionEverywhere(everywhere);
    if (grantsAllActions(union)) findings.push({ path, message: `${path}: ${subject}: its policies together allow every action on every resource: administrator access` });
  }
  if (findings.length === 0 && unreadable.length > 0) {
    view.unknown(relative, `${subject}: the policy ${unreadable.slice(0, 3).join(', ')}${unreadable.length > 3 ? ` and ${unreadable.length - 3} more` : ''} could not be read, so what it grants cannot be judged`);
  }
  return findings;
}

/** The reference as written, when it is one the hook can look up: a non-empty string (not an intrinsic of a local template). */
function refAt(view: ResourceView, relative: string, raw: unknown = view.get(relative)): string | undefined {
  if (typeof raw !== 'string') return undefined; // absent, or an intrinsic naming a resource of the template: judged where it is declared
  const ref = raw.trim();
  if (ref === '') return undefined;
  if (isDynamicReference(ref)) {
    view.unknown(relative, 'the value is a dynamic reference: what it names cannot be looked up');
    return undefined;
  }
  return ref;
}

function judgeRole(view: ResourceView, facts: FactView, ref: string, path: string, prefix = ''): Finding[] {
  const role = facts.get({ kind: 'iam.role', ref }, path);
  if (!role) return [];
  return judgeHeld(view, path, `${prefix}the role ${typeof role.arn === 'string' ? role.arn : ref}`, held(role.policies));
}

function judgeInstanceProfile(view: ResourceView, facts: FactView, ref: string, path: string): Finding[] {
  const profile = facts.get({ kind: 'iam.instanceProfile', ref }, path);
  if (!profile) return [];
  const name = typeof profile.arn === 'string' ? profile.arn : ref;
  if (!Array.isArray(profile.roles)) {
    view.unknown(path, `the instance profile ${name}: the lookup answered no role list, so the roles it hands over cannot be judged`);
    return [];
  }
  return profile.roles.filter((r): r is string => typeof r === 'string' && r !== '').flatMap((r) => judgeRole(view, facts, r, path, `the instance profile ${name} hands over `));
}

function judgeGroup(view: ResourceView, facts: FactView, ref: string, path: string): Finding[] {
  const group = facts.get({ kind: 'iam.group', ref }, path);
  if (!group) return [];
  return judgeHeld(view, path, `the group ${typeof group.arn === 'string' ? group.arn : ref}`, held(group.policies));
}

const CUSTOMER_POLICY_ARN = /^arn:[^:]+:iam::[^:]*:policy\//;

/** Customer-managed policies attached by ARN (AWS managed ones are judged from the bundle by CICD.IAM.2, without a lookup). */
function judgeManagedPolicyArns(view: ResourceView, facts: FactView): Finding[] {
  const findings: Finding[] = [];
  view.list('ManagedPolicyArns').forEach((raw, i) => {
    const path = `ManagedPolicyArns[${i}]`;
    const arn = refAt(view, path, raw);
    if (arn === undefined || parseAwsManagedArn(arn) || !CUSTOMER_POLICY_ARN.test(arn)) return;
    const policy = facts.get({ kind: 'iam.policy', ref: arn }, path);
    if (!policy) return;
    findings.push(...judgeHeld(view, path, `the managed policy ${arn}`, [{ label: arn, source: arn, document: policy.document }], true));
  });
  return findings;
}

function references(resourceType: string, view: ResourceView, facts: FactView): Finding[] {
  const findings: Finding[] = [];
  const role = (relative: string) => {
    const ref = refAt(view, relative);
    if (ref !== undefined) findings.push(...judgeRole(view, facts, ref, view.pathOf(relative)));
  };
  switch (resourceType) {
    case 'AWS::CodeBuild::Project':
      role('ServiceRole');
      role('BuildBatchConfig.ServiceRole');
      break;
    case 'AWS::CodePipeline::Pipeline':
      role('RoleArn');
      for (const a of pipelineActions(view)) {
        const ref = refAt(a.view, 'RoleArn');
        if (ref !== undefined) findings.push(...judgeRole(a.view, facts, ref, a.view.pathOf('RoleArn')));
      }
      break;
    case 'AWS::IAM::Role':
    case 'AWS::IAM::Group':
      findings.push(...judgeManagedPolicyArns(view, facts));
      break;
    case 'AWS::IAM::User':
      findings.push(...judgeManagedPolicyArns(view, facts));
      view.list('Groups').forEach((raw, i) => {
        const ref = refAt(view, `Groups[${i}]`, raw);
        if (ref !== undefined) findings.push(...judgeGroup(view, facts, ref, `Groups[${i}]`));
      });
      break;
    case 'AWS::IAM::UserToGroupAddition': {
      const ref = refAt(view, 'GroupName');
      if (ref !== undefined) findings.push(...judgeGroup(view, facts, ref, 'GroupName'));
      break;
    }
    case 'AWS::IAM::InstanceProfile':
      view.list('Roles').forEach((raw, i) => {
        const ref = refAt(view, `Roles[${i}]`, raw);
        if (ref !== undefined) findings.push(...judgeRole(view, facts, ref, `Roles[${i}]`));
      });
      break;
    case 'AWS::EC2::LaunchTemplate':
      for (const key of ['Arn', 'Name']) {
        const relative = `LaunchTemplateData.IamInstanceProfile.${key}`;
        const ref = refAt(view, relative);
        if (ref !== undefined) findings.push(...judgeInstanceProfile(view, facts, ref, relative));
      }
      break;
    case 'AWS::EC2::Instance': {
      const ref = refAt(view, 'IamInstanceProfile');
      if (ref !== undefined) findings.push(...judgeInstanceProfile(view, facts, ref, 'IamInstanceProfile'));
      break;
    }
  }
  return findings;
}

export const iamReferencedIdentities = defineControl({
  id: 'CICD.IAM.22',
  slug: 'iam-referenced-identities',
  title: 'Existing roles, managed policies, instance profiles and groups a resource hands over by ARN or name grant no administrator or privilege-escalation access',
  resourceTypes: [
    'AWS::CodeBuild::Project',
    'AWS::CodePipeline::Pipeline',
    'AWS::IAM::Role',
    'AWS::IAM::User',
    'AWS::IAM::Group',
    'AWS::IAM::UserToGroupAddition',
    'AWS::IAM::InstanceProfile',
    'AWS::EC2::LaunchTemplate',
    'AWS::EC2::Instance',
  ],
  severity: 'CRITICAL',
  risks: ['CICD-SEC-2', 'CICD-SEC-5'],
  requirement: 'Least-privilege pipeline roles: a pipeline, build, deploy or runner identity never holds administrator access, whether the template defines it or only names it.',
  rationale:
    "The identity-policy controls judge the policies a template declares; a reference to an existing identity (a CodeBuild project's ServiceRole or BuildBatchConfig.ServiceRole, a pipeline's RoleArn or an action's RoleArn, an instance profile's Roles, a launch template's or instance's IamInstanceProfile, a user's Groups, a UserToGroupAddition's GroupName, a customer-managed policy ARN in ManagedPolicyArns) carries no policy in the request, so an existing administrator role handed to a build passes them all. With live lookups the hook reads what the referenced identity holds (every inline policy and the default version of every attached policy; an instance profile's roles; a group's policies) and judges each statement with the same predicates: every action or every IAM action on every resource (administrator-level), privilege-escalation actions on broad resources (one broad pattern, patterns that together match every resource of a kind, or a grant split over its statements and policies whose resources add up to one), and the union of the unconditional statements of all its policies. Attached AWS managed policies are judged by the bundled document as in CICD.IAM.2. References into another account are not looked up (TrustedAccountIds judges them); a lookup that fails is reported by LookupFailureMode; a policy that cannot be read is UNKNOWN. Without lookups (`check` without --lookups) there is nothing to judge: what the template defines is judged where it is declared.",
  remediation:
    'Point the property at a role, policy, instance profile or group that grants only the actions and resource ARNs the build, pipeline or runner needs, or remove the administrator and permission-management statements from the existing identity; a dedicated role per project, pipeline and runner keeps the rights where they are needed.',
  cdkHint:
    "a role the construct creates (omit role: on codebuild.Project / codepipeline.Pipeline and use grant methods) instead of iam.Role.fromRoleArn(this, 'Role', adminRoleArn)",
  check({ resource, resourceType, facts }) {
    if (!facts?.enabled) return [];
    return references(resourceType, resource, facts);
  },
});
