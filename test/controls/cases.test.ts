/**
 * Runs every `test/controls/**\/*.cases.ts` file through the real hook handler: typed and stringified,
 * CREATE and UPDATE, asserting the control's annotation and the overall answer.
 */
import { caseFiles, type ControlCase, type ControlCases } from '../helpers/cases';
import { buildRequest, invokeHook, stringifyPrimitives, type TestAction } from '../helpers/requests';

async function run(spec: ControlCases, c: ControlCase, form: 'typed' | 'stringified', action: TestAction) {
  const conv = <T>(v: T): T => (form === 'stringified' ? stringifyPrimitives(v) : v);
  const event = buildRequest({
    type: spec.resourceType,
    properties: conv(c.properties),
    previous: c.previous ? conv(c.previous) : undefined,
    action,
    hookModel: c.config ? conv(c.config) : null,
    logicalId: c.logicalId ?? 'Resource',
  });
  const { response, logs } = await invokeHook(event);
  const annotation = response.annotations?.find((a) => a.annotationName === spec.controlId);
  const context = JSON.stringify(response, null, 1);
  expect({ found: annotation !== undefined, context }).toEqual({ found: true, context });
  const a = annotation!;
  const isUnknown = a.status === 'FAILED' && (a.statusMessage ?? '').startsWith('UNKNOWN: ');
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
    case 'FAIL':
      expect({ status: a.status, isUnknown, context }).toEqual({ status: 'FAILED', isUnknown: false, context });
      expect(response.hookStatus).toBe('FAILED');
      expect(response.errorCode).toBe('NonCompliant');
      expect(response.message.startsWith('[')).toBe(true);
      expect(response.message.slice(0, 200)).toContain(spec.controlId);
      expect(a.remediationMessage && a.remediationMessage.length > 0).toBe(true);
      for (const text of [c.messageIncludes ?? []].flat()) expect(a.statusMessage).toContain(text);
      if (c.weakened && action === 'UPDATE') expect(a.statusMessage).toMatch(/update/i);
      break;
  }
  const everything = JSON.stringify(response) + logs.join('\n');
  for (const secret of c.neverEcho ?? []) expect(everything.includes(secret)).toBe(false);
}

for (const file of caseFiles(__dirname)) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const spec = (require(file) as { default: ControlCases }).default;
  describe(`${spec.controlId} ${spec.resourceType} (${file.slice(__dirname.length + 1)})`, () => {
    for (const c of spec.cases) {
      const forms: Array<'typed' | 'stringified'> = c.typedOnly ? ['typed'] : ['typed', 'stringified'];
      for (const form of forms) {
        for (const action of c.actions ?? (['CREATE', 'UPDATE'] as TestAction[])) {
          test(`${c.name} [${form} ${action}] → ${c.expect}`, () => run(spec, c, form, action));
        }
      }
    }
  });
}
