import type { Exemption, Settings } from '../controls/types';
import { globMatch } from '../predicates/glob';

export interface ExemptionMatch {
  /** The exemption that applies today. */
  active?: Exemption;
  /** An exemption that would match but expired (reported so the developer knows why it stopped applying). */
  expired?: Exemption;
}

/** `today` is a UTC date (YYYY-MM-DD); an exemption applies up to and including its ExpiresOn day. */
export function findExemption(
  settings: Settings,
  controlId: string,
  stackName: string | undefined,
  logicalId: string,
  today: string,
): ExemptionMatch {
  const match: ExemptionMatch = {};
  for (const e of settings.Exemptions) {
    if (e.ControlId !== controlId) continue;
    const stackOk = e.StackName === '*' || (stackName !== undefined && globMatch(e.StackName, stackName));
    if (!stackOk || !globMatch(e.LogicalId, logicalId)) continue;
    if (today <= e.ExpiresOn) return { active: e };
    if (!match.expired || match.expired.ExpiresOn < e.ExpiresOn) match.expired = e;
  }
  return match;
}
