/**
 * Every stack control's PASS / FAIL / UNKNOWN templates (test/controls/stack/cases.ts) through the real
 * entry: a STACK request whose payload (the template as text) is served by an injected fetchPayload.
 */
import { STACK_CONTROLS } from '../../src/controls';
import { tableLookups } from '../helpers/facts';
import { FOCUSED, focusOn } from '../helpers/focus';
import { annotation, runStack } from '../helpers/stack';
import { STACK_CASES } from './stack/cases';

const STACK_IDS = STACK_CONTROLS.map((c) => c.id);
const configFor = (id: string, config: Record<string, unknown> | undefined) => (FOCUSED ? focusOn(id, STACK_IDS, config) : (config ?? null));

describe.each(STACK_CONTROLS.map((c) => [c.id] as const))('%s', (id) => {
  const cases = STACK_CASES[id] ?? [];
  test('has PASS and FAIL cases', () => {
    expect(cases.some((c) => c.expect === 'PASS')).toBe(true);
    expect(cases.some((c) => c.expect === 'FAIL')).toBe(true);
  });
  test.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    // `facts`: live lookups on, answered from the case's table; otherwise off
    const r = await runStack({ template: JSON.stringify(c.template), previousTemplate: '' }, { hookModel: configFor(id, c.config) }, c.facts ? { lookups: tableLookups(c.facts) } : {});
    const a = annotation(r, id);
    const context = JSON.stringify(r.response, null, 1);
    expect({ found: a !== undefined, context }).toEqual({ found: true, context });
    const outcome = r.evaluation?.outcomes.find((o) => o.control.id === id);
    expect(outcome?.status).toBe(c.expect);
    if (c.expect === 'PASS') {
      expect(a?.status).toBe('PASSED');
      return;
    }
    expect({ status: a?.status, context }).toEqual({ status: 'FAILED', context });
    expect(r.response.hookStatus).toBe('FAILED');
    expect(r.response.message.startsWith('[')).toBe(true);
    expect(r.response.message.length).toBeLessThanOrEqual(1024);
    const ids = c.expect === 'FAIL' ? outcome!.findings.map((f) => f.logicalId) : outcome!.unknowns.map((u) => u.logicalId);
    for (const l of c.logicalIds ?? []) {
      expect(ids).toContain(l);
      expect(a?.statusMessage).toContain(l);
    }
    for (const m of c.messageIncludes ?? []) expect(a?.statusMessage).toContain(m);
    if (c.expect === 'UNKNOWN') expect(a?.statusMessage?.startsWith('UNKNOWN: ')).toBe(true);
  });
});
