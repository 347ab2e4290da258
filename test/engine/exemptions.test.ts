import { loadSettings } from '../../src/engine/config';
import { findExemption } from '../../src/engine/exemptions';
import type { Exemption } from '../../src/model';

const settings = (exemptions: Exemption[]) => loadSettings({ Exemptions: exemptions }, new Set(['CICD.TEST.1']));
const exemption = (over: Partial<Exemption>): Exemption => ({
  ControlId: 'CICD.TEST.1',
  StackName: '*',
  LogicalId: 'Build',
  Reason: 'TICKET-1 build needs it',
  ExpiresOn: '2026-01-01',
  ...over,
});

describe('findExemption', () => {
  test('of several expired exemptions, the one that expired last is reported, whatever their order', () => {
    const early = exemption({ Reason: 'TICKET-EARLY for a reason', ExpiresOn: '2025-06-01' });
    const late = exemption({ Reason: 'TICKET-LATE for a reason', ExpiresOn: '2025-12-01' });
    for (const list of [
      [early, late],
      [late, early],
    ]) {
      expect(findExemption(settings(list), 'CICD.TEST.1', 'PipelineStack', 'Build', '2026-02-01')).toEqual({ expired: late });
    }
  });

  test('two exemptions that expired the same day: the first one listed is reported', () => {
    const first = exemption({ Reason: 'TICKET-FIRST for a reason', ExpiresOn: '2025-12-01' });
    const second = exemption({ Reason: 'TICKET-SECOND for a reason', ExpiresOn: '2025-12-01' });
    expect(findExemption(settings([first, second]), 'CICD.TEST.1', 'PipelineStack', 'Build', '2026-02-01')).toEqual({ expired: first });
  });

  test('an active exemption wins over an expired one listed before it', () => {
    const old = exemption({ Reason: 'TICKET-OLD for a reason', ExpiresOn: '2025-01-01' });
    const current = exemption({ Reason: 'TICKET-NOW for a reason', ExpiresOn: '2026-12-31' });
    expect(findExemption(settings([old, current]), 'CICD.TEST.1', 'PipelineStack', 'Build', '2026-02-01')).toEqual({ active: current });
  });

  test('without a stack name (a request that names none), only StackName "*" matches', () => {
    const named = exemption({ StackName: 'Pipeline*' });
    expect(findExemption(settings([named]), 'CICD.TEST.1', undefined, 'Build', '2025-01-01')).toEqual({});
    expect(findExemption(settings([exemption({})]), 'CICD.TEST.1', undefined, 'Build', '2025-01-01')).toEqual({ active: exemption({}) });
    expect(findExemption(settings([named]), 'CICD.TEST.1', 'PipelineStack', 'Build', '2025-01-01')).toEqual({ active: named });
  });

  test('another control, stack or logical ID does not match', () => {
    const e = exemption({ StackName: 'Pipeline*', LogicalId: 'Build*' });
    expect(findExemption(settings([e]), 'CICD.TEST.2', 'PipelineStack', 'BuildProject', '2025-01-01')).toEqual({});
    expect(findExemption(settings([e]), 'CICD.TEST.1', 'OtherStack', 'BuildProject', '2025-01-01')).toEqual({});
    expect(findExemption(settings([e]), 'CICD.TEST.1', 'PipelineStack', 'Deploy', '2025-01-01')).toEqual({});
  });
});
