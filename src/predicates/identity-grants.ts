/**
 * What an identity policy statement grants, in the words every IAM control uses: administrator-level access
 * (CICD.IAM.1/2), privilege escalation on broad resources (CICD.IAM.4), and the union of the unconditional
 * grants of several statements (a principal's permissions split across policies: CICD.IAM.22, CICD.STACK.4).
 * One definition for the template controls, the looked-up principals and the stack-level union.
 */
import { globMatch } from './glob';
import { allows, breadthNote, fullServiceGrants, grantedEscalations, hasNarrowingCondition, jointBreadth, jointNote, resourceBreadth, type EscalationAction } from './iam';
import { grantsAllActions, onAllResources, type Statement } from './policy';

/**
 * Administrator-level by content: every action (or every action outside a NotAction list: PowerUserAccess) on
 * every resource, or every IAM action on every resource (IAMFullAccess: the holder grants itself anything).
 */
export function adminLevel(st: Statement): string | undefined {
  if (!allows(st) || !onAllResources(st)) return undefined;
  if (grantsAllActions(st)) return st.notAction ? 'allows every action outside its NotAction list on every resource: administrator-level access' : 'allows every action on every resource: administrator access';
  const g = fullServiceGrants(st);
  if (g.services.includes('iam')) return `allows every IAM action (${g.patterns.join(', ')}) on every resource: the holder can grant itself anything`;
  return undefined;
}

/** The action pattern of the statement that grants `action` (for the message). */
function via(st: Statement, action: string): string {
  if (st.notAction) return 'NotAction';
  return st.actions.find((p) => globMatch(p, action.toLowerCase())) ?? action;
}

function escalationMessage(hits: readonly EscalationAction[], st: Statement, note: string): string {
  const shown = hits.slice(0, 4).map((e) => {
    const pattern = via(st, e.action);
    return pattern === e.action.toLowerCase() ? e.action : `${e.action} (via ${pattern})`;
  });
  const more = hits.length > shown.length ? ` and ${hits.length - shown.length} more` : '';
  return `grants privilege-escalation action${hits.length > 1 ? 's' : ''} ${shown.join(', ')}${more} on every resource${note}`;
}

/**
 * Privilege-escalation actions granted on broad resources (one broad pattern, NotResource, or patterns that
 * together match every resource of a kind) without a condition that narrows them.
 */
export function escalationLevel(st: Statement): string | undefined {
  if (!allows(st)) return undefined;
  const own = resourceBreadth(st);
  if (!own) return undefined;
  const hits = grantedEscalations(st).filter((e) => !(e.narrowedBy && hasNarrowingCondition(st, e.narrowedBy)));
  if (hits.length === 0) return undefined;
  return escalationMessage(hits, st, breadthNote(own));
}

/**
 * `escalationLevel`, and the same grant split over statements: `st` together with the other statements of `pool`
 * (one principal's policies) that grant the same escalation action under the same condition, whose resources
 * add up to every resource of a kind (`role/a*` … `role/m*` in one statement, `role/n*` … `role/9*` in another).
 * `label` names the other statements in the message.
 */
export function escalationAmong(pool: readonly Statement[], label: (st: Statement) => string): (st: Statement) => string | undefined {
  return (st) => {
    const alone = escalationLevel(st);
    if (alone !== undefined || !allows(st) || resourceBreadth(st)) return alone;
    const hits: EscalationAction[] = [];
    let note = '';
    for (const e of grantedEscalations(st)) {
      if (e.narrowedBy && hasNarrowingCondition(st, e.narrowedBy)) continue;
      const j = jointBreadth(st, pool, e.action.toLowerCase(), e.narrowedBy ?? []);
      if (!j) continue;
      hits.push(e);
      if (note === '') note = jointNote(j, label);
    }
    return hits.length === 0 ? undefined : escalationMessage(hits, st, note);
  };
}

/** An Allow of actions on every resource with no condition: what the union of such statements grants everywhere. */
export function unconditionalEverywhere(st: Statement): boolean {
  return allows(st) && !st.notAction && onAllResources(st) && (st.condition === undefined || Object.keys(st.condition).length === 0);
}

/** One statement that allows, on every resource, every action the unconditional, everywhere statements allow. */
export function unionEverywhere(statements: readonly Statement[]): Statement {
  return {
    index: 0,
    effect: 'Allow',
    actions: [...new Set(statements.filter(unconditionalEverywhere).flatMap((st) => st.actions))],
    notAction: false,
    resources: ['*'],
    notResource: false,
    principals: [],
    notPrincipal: false,
    hasPrincipal: false,
    condition: undefined,
    unresolved: [],
  };
}
