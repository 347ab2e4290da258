/**
 * The answer to a STACK or CHANGE_SET request: one annotation per stack control, each finding and UNKNOWN
 * led by the logical ID it is about (`ArtifactBucket: …; Pipeline.ArtifactStore.Location: …`), the same
 * 1,024-character message rule as for resources. A rejected change set says that nothing was touched.
 */
import type { ControlOutcome, Evaluation } from '../engine/evaluate';
import { clipText } from '../predicates/values';
import { evaluationResponse } from './response';
import { LIMITS, type HookProgressEvent } from './wire';

export const CHANGE_SET_REJECTED_NOTE = 'the change set was rejected before execution: nothing in the stack was created, changed or deleted';

function presented(o: ControlOutcome): ControlOutcome {
  return {
    ...o,
    findings: o.findings.map((f) => {
      const id = f.logicalId ?? '';
      const lead = id === '' || f.message.startsWith(`${id}:`) ? '' : `${id}: `;
      return { ...f, message: `${lead}${f.message}` };
    }),
    unknowns: o.unknowns.map((u) => ({ ...u, path: u.logicalId ? (u.path ? `${u.logicalId}.${u.path}` : u.logicalId) : u.path })),
  };
}

export function stackEvaluationResponse(token: string, ev: Evaluation): HookProgressEvent {
  const wire: Evaluation = { target: ev.target, outcomes: ev.outcomes.map(presented) };
  const answer = evaluationResponse(token, wire);
  if (ev.target.resourceType === 'CHANGE_SET' && answer.errorCode) {
    answer.message = clipText(answer.message.replace(' is not compliant: ', ` is not compliant (${CHANGE_SET_REJECTED_NOTE}): `), LIMITS.message);
  }
  return answer;
}
