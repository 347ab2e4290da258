/**
 * Runs every `test/controls/**\/*.cases.ts` file through the real hook handler: typed and stringified,
 * CREATE and UPDATE, once per resource type a case names, asserting the control's annotation and the
 * overall answer.
 */
import { WEAKENED_NOTE } from '../../src/protocol/response';
import { caseFiles, expandCases, loadCases, type TypedCase } from '../helpers/cases';
import { buildRequest, invokeHook, stringifyPrimitives, type TestAction } from '../helpers/requests';
import { tableLookups } from '../helpers/facts';

const NOTE = `(${WEAKENED_NOTE})`;

async function run(c: TypedCase, form: 'typed' | 'stringified', action: TestAction) {
  const conv = <T>(v: T): T => (form === 'stringified' ? stringifyPrimitives(v) : v);
  const event = buildRequest({
    type: c.resourceType,
    properties: conv(c.properties),
    previous: c.previous ? conv(c.previous) : undefined,
    action,
    hookModel: c.config ? conv(c.config) : null,
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
      const forms: Array<'typed' | 'stringified'> = c.typedOnly ? ['typed'] : ['typed', 'stringified'];
      const typeLabel = types.length > 1 ? ` ${c.resourceType}` : '';
      for (const form of forms) {
        for (const action of c.actions ?? (['CREATE', 'UPDATE'] as TestAction[])) {
          test(`${c.name}${typeLabel} [${form} ${action}] → ${c.expect}`, () => run(c, form, action));
        }
      }
    }
  });
}
