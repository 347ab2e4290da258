/**
 * Runs every `test/controls/**\/*.cases.ts` file through the real hook handler: typed and stringified,
 * CREATE and UPDATE, once per resource type a case names, asserting the control's annotation and the
 * overall answer.
 */
import { ALL_CONTROLS } from '../../src/controls';
import { WEAKENED_NOTE } from '../../src/protocol/response';
import { caseFiles, expandCases, loadCases, type TypedCase } from '../helpers/cases';
import { FOCUSED, focusOn } from '../helpers/focus';
import { buildRequest, invokeHook, stringifyPrimitives, type TestAction } from '../helpers/requests';
import { tableLookups } from '../helpers/facts';

const NOTE = `(${WEAKENED_NOTE})`;

/** Controls that judge with the other controls' checks (start overrides, a StackSet's inline template): all stay on. */
const JUDGES_WITH_OTHERS = new Set(['CICD.EVENTS.1', 'CICD.CFN.1']);
const CONTROL_IDS = ALL_CONTROLS.map((c) => c.id);

type Variant = ['typed' | 'stringified', TestAction];

/** The (form, action) pairs a case runs in: all four, or (focused) typed with the first action, stringified with the last. */
function variants(c: TypedCase): Variant[] {
  const actions = c.actions ?? (['CREATE', 'UPDATE'] as TestAction[]);
  const forms: Array<'typed' | 'stringified'> = c.typedOnly ? ['typed'] : ['typed', 'stringified'];
  if (!FOCUSED) return forms.flatMap((form) => actions.map((action): Variant => [form, action]));
  const first: Variant = ['typed', actions[0]];
  const last: Variant = [forms[forms.length - 1], actions[actions.length - 1]];
  return first[0] === last[0] && first[1] === last[1] ? [first] : [first, last];
}

async function run(c: TypedCase, form: 'typed' | 'stringified', action: TestAction) {
  const conv = <T>(v: T): T => (form === 'stringified' ? stringifyPrimitives(v) : v);
  const event = buildRequest({
    type: c.resourceType,
    properties: conv(c.properties),
    previous: c.previous ? conv(c.previous) : undefined,
    action,
    hookModel: FOCUSED && !JUDGES_WITH_OTHERS.has(c.controlId) ? conv(focusOn(c.controlId, CONTROL_IDS, c.config)) : c.config ? conv(c.config) : null,
    logicalId: c.logicalId ?? 'Resource',
  });
  const { response, logs } = await invokeHook(event, c.facts ? { lookups: tableLookups(c.facts) } : {});
  const annotation = response.annotations?.find((a) => a.annotationName === c.controlId);
  const context = JSON.stringify(response, null, 1);
  expect({ found: annotation !== undefined, context }).toEqual({ found: true, context });
  const a = annotation!;
  const statusMessage = a.statusMessage ?? '';
  const isUnknown = a.status === 'FAILED' && statusMessage.startsWith('UNKNOWN: ');
  switch (c.expect) {
    case 'PASS':
      expect({ status: a.status, context }).toEqual({ status: 'PASSED', context });
      break;
    case 'SKIPPED':
      expect({ status: a.status, context }).toEqual({ status: 'SKIPPED', context });
      break;
    case 'UNKNOWN':
      expect({ unknown: isUnknown, context }).toEqual({ unknown: true, context });
      expect(response.hookStatus).toBe('FAILED');
      break;
    case 'FAIL': {
      expect({ status: a.status, isUnknown, context }).toEqual({ status: 'FAILED', isUnknown: false, context });
      expect(response.hookStatus).toBe('FAILED');
      expect(response.errorCode).toBe('NonCompliant');
      expect(response.message.startsWith('[')).toBe(true);
      expect(response.message.slice(0, 200)).toContain(c.controlId);
      expect(a.remediationMessage && a.remediationMessage.length > 0).toBe(true);
      for (const text of c.messageIncludes) expect(statusMessage).toContain(text);
      // The engine marks findings the deployed state did not have: on UPDATE exactly for `weakened` cases;
      // never on CREATE, never on a no-op UPDATE (previous = properties: the deployed state had the finding).
      const marked = statusMessage.includes(NOTE);
      if (c.weakened === true && action === 'UPDATE') {
        expect({ marked, statusMessage }).toEqual({ marked: true, statusMessage });
      } else {
        expect({ marked, statusMessage }).toEqual({ marked: false, statusMessage });
        expect(response.message.includes(NOTE)).toBe(false);
      }
      break;
    }
  }
  const everything = JSON.stringify(response) + logs.join('\n');
  for (const secret of c.neverEcho) expect(everything.includes(secret)).toBe(false);
}

for (const file of caseFiles(__dirname)) {
  const spec = loadCases(file);
  const cases = expandCases(spec);
  const types = [...new Set(cases.map((c) => c.resourceType))];
  describe(`${spec.controlId} ${types.length > 1 ? `on ${types.length} resource types` : types[0]} (${file.slice(__dirname.length + 1)})`, () => {
    test('names at least one resource type', () => expect(types.length).toBeGreaterThan(0));
    for (const c of cases) {
      const typeLabel = types.length > 1 ? ` ${c.resourceType}` : '';
      for (const [form, action] of variants(c)) {
        test(`${c.name}${typeLabel} [${form} ${action}] → ${c.expect}`, () => run(c, form, action));
      }
    }
  });
}
