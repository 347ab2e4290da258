/**
 * The Fn::ImportValue pre-pass (src/engine/imports.ts) piece by piece: which export names a template
 * decides (importNames), what the lookup of them answers (lookupImports), and how a failed import lookup is
 * traced from an UNKNOWN to the import and reported (reportFailedImports). The hook-level behaviour is in
 * test/engine/stack-imports.test.ts and test/engine/stack-lookups.test.ts.
 */
import type { AnyControl } from '../../src/controls/types';
import { loadSettings } from '../../src/engine/config';
import type { ControlOutcome, Evaluation } from '../../src/engine/evaluate';
import { importNames, lookupImports, reportFailedImports } from '../../src/engine/imports';
import type { FactRequest, Finding, UnknownValue } from '../../src/model';
import { tableSource } from '../helpers/facts';

const ACCOUNT = '123456789012';
const PSEUDO = { accountId: ACCOUNT, region: 'eu-west-1', partition: 'aws', stackName: 'app' };
const IDS = new Set(['CICD.TEST.1']);
const failMode = loadSettings({}, IDS, { accountId: ACCOUNT });
const unknownMode = loadSettings({ LookupFailureMode: 'UNKNOWN' }, IDS, { accountId: ACCOUNT });
const later = () => Date.now() + 5000;
const imp = (name: unknown) => ({ 'Fn::ImportValue': name });
const names = (properties: unknown, extra: Record<string, unknown> = {}) => importNames({ Resources: { A: { Type: 'X::Y::Z', Properties: properties }, ...extra } }, PSEUDO);

describe('importNames: the export names a template decides', () => {
  it('an Fn::ImportValue beside another key is not the intrinsic, and is not looked up', () => {
    expect(names({ K: { 'Fn::ImportValue': 'shared-key', Other: 1 } })).toEqual([]);
    expect(names({ K: imp('shared-key') })).toEqual(['shared-key']);
  });

  it('an empty export name is never looked up', () => {
    expect(names({ K: imp(''), L: imp({ 'Fn::Sub': '' }) })).toEqual([]);
  });

  it('a resource that is not an object is skipped; the other resources are still read', () => {
    expect(names({ K: imp('shared-key') }, { Broken: null, Text: 'x' })).toEqual(['shared-key']);
  });

  // the pre-pass walks at most 64 levels below a resource's Properties (a hostile template cannot make it
  // recurse without bound); an import deeper than that is not looked up and stays UNKNOWN (fail closed)
  const inObjects = (depth: number): unknown => (depth === 0 ? imp(`deep-${depth}`) : { A: inObjects(depth - 1) });
  const inLists = (depth: number): unknown => (depth === 0 ? imp('deep') : [inLists(depth - 1)]);

  it('an import nested in objects is collected down to depth 64, not at 65', () => {
    expect(names(inObjects(64))).toEqual(['deep-0']);
    expect(names(inObjects(65))).toEqual([]);
  });

  it('an import nested in lists is collected down to depth 64, not at 65', () => {
    // Properties (depth 0) → K (1) → 63 or 64 nested lists
    expect(names({ K: inLists(63) })).toEqual(['deep']);
    expect(names({ K: inLists(64) })).toEqual([]);
  });
});

describe('lookupImports: the cloudformation.export facts', () => {
  it('no names: nothing is asked and both maps are empty', async () => {
    const asked: FactRequest[] = [];
    const r = await lookupImports([], tableSource({}, asked), later(), ACCOUNT);
    expect(asked).toEqual([]);
    expect(r.values).toEqual(new Map());
    expect(r.failures).toEqual(new Map());
  });

  it('a found export gives its value; a failed one its reason; an answer without a string value is a failure, never a value', async () => {
    const r = await lookupImports(['found', 'denied', 'empty', 'numeric'], tableSource({
      'cloudformation.export found': { value: 'alias/build' },
      'cloudformation.export denied': { $error: "access denied: the hook's role needs cloudformation:ListExports" },
      'cloudformation.export empty': undefined,
      'cloudformation.export numeric': { value: 42 },
    }), later(), ACCOUNT);
    expect([...r.values]).toEqual([['found', 'alias/build']]);
    expect(r.failures.get('denied')).toBe("access denied: the hook's role needs cloudformation:ListExports");
    expect(r.failures.get('empty')).toBe('the lookup answered no value');
    expect(r.failures.get('numeric')).toBe('the lookup answered no value');
  });
});

describe('reportFailedImports: an UNKNOWN traced to a failed import lookup', () => {
  const control = { id: 'CICD.TEST.1' } as AnyControl;
  const template = {
    Resources: {
      Build: {
        Type: 'AWS::CodeBuild::Project',
        Properties: {
          EncryptionKey: imp('shared-key'),
          Config: imp('shared-config'),
          Items: ['first', imp('item-one'), 2, 3, 4, 5, 6, 7, 8, 9, imp('item-ten')],
          Name: 'build',
        },
      },
      Bare: { Type: 'AWS::CodeBuild::Project' },
      // a valid logical ID that reads like JavaScript's `undefined`
      undefined: { Type: 'AWS::CodeBuild::Project', Properties: { EncryptionKey: imp('shared-key') } },
    },
  };
  const failures = new Map(['shared-key', 'shared-config', 'item-one', 'item-ten'].map((n) => [n, 'not found (cloudformation:ListExports)']));

  function report(o: Partial<ControlOutcome>, settings = failMode, t: Record<string, unknown> = template): ControlOutcome {
    const outcome: ControlOutcome = { control, status: 'UNKNOWN', findings: [], unknowns: [], warnOnly: false, ...o };
    const ev: Evaluation = { target: { resourceType: 'STACK', logicalId: 'app', action: 'CREATE', properties: {}, accountId: ACCOUNT }, outcomes: [outcome] };
    return reportFailedImports(ev, t, PSEUDO, failures, settings).outcomes[0];
  }
  const unknown = (logicalId: string | undefined, path: string): UnknownValue => (logicalId === undefined ? { path, why: 'Fn::ImportValue is not determined by the template' } : { logicalId, path, why: 'Fn::ImportValue is not determined by the template' });
  const traced = (o: ControlOutcome) => o.findings.filter((f) => f.message.includes('could not be looked up'));

  it('FAIL mode: the UNKNOWN at the import becomes a finding at the same logical ID and path, naming the property and the reason', () => {
    const o = report({ unknowns: [unknown('Build', 'EncryptionKey')] });
    expect(o.status).toBe('FAIL');
    expect(o.unknowns).toEqual([]);
    expect(o.findings).toEqual([{ logicalId: 'Build', path: 'EncryptionKey', message: 'the CloudFormation export named in EncryptionKey could not be looked up (not found (cloudformation:ListExports)), so the control cannot judge it' }]);
  });

  it('a path below an import is traced to it (the control read into the imported value)', () => {
    expect(traced(report({ unknowns: [unknown('Build', 'Config.Format')] }))).toEqual([expect.objectContaining({ logicalId: 'Build', path: 'Config.Format' })]);
  });

  it('an import in a list item is traced by its index, also past 9', () => {
    expect(traced(report({ unknowns: [unknown('Build', 'Items[1]')] }))).toHaveLength(1);
    expect(traced(report({ unknowns: [unknown('Build', 'Items[10]')] }))).toHaveLength(1);
    // a list item that is a plain value is not an import
    expect(report({ unknowns: [unknown('Build', 'Items[2]')] })).toMatchObject({ status: 'UNKNOWN', findings: [] });
  });

  it('only a plain decimal segment addresses a list item (`1e0` and `0x1` are not index 1)', () => {
    for (const path of ['Items.1e0', 'Items.0x1', 'Items.+1']) {
      const o = report({ unknowns: [unknown('Build', path)] });
      expect({ path, status: o.status, findings: o.findings }).toEqual({ path, status: 'UNKNOWN', findings: [] });
    }
  });

  it('UNKNOWNs that lead nowhere in the template stay as they are, without an error', () => {
    const cases: Array<[string | undefined, string, Record<string, unknown>]> = [
      ['Build', 'Missing.Deeper', template], // past the end of the properties
      ['Build', 'Name.Length', template], // into a string
      ['Bare', 'EncryptionKey', template], // a resource without Properties
      ['Gone', 'EncryptionKey', template], // a logical ID the template does not have
      ['Build', 'EncryptionKey', {}], // a template without Resources
      ['Build', 'EncryptionKey', { Resources: 'none' }],
    ];
    for (const [logicalId, path, t] of cases) {
      const u = unknown(logicalId, path);
      expect(report({ unknowns: [u] }, failMode, t)).toMatchObject({ status: 'UNKNOWN', findings: [], unknowns: [u] });
    }
  });

  it('an UNKNOWN about the stack itself (no logical ID) is never traced to a resource, even one whose logical ID is "undefined"', () => {
    const u = unknown(undefined, 'EncryptionKey');
    expect(report({ unknowns: [u] })).toMatchObject({ status: 'UNKNOWN', findings: [], unknowns: [u] });
    // the resource itself is traced when the UNKNOWN names it
    expect(traced(report({ unknowns: [unknown('undefined', 'EncryptionKey')] }))).toHaveLength(1);
  });

  it('an UNKNOWN that is not a failed import stays a plain UNKNOWN beside the traced one (FAIL mode)', () => {
    const other = unknown('Build', 'Name');
    const o = report({ unknowns: [unknown('Build', 'EncryptionKey'), other] });
    expect(o.status).toBe('FAIL');
    expect(o.unknowns).toEqual([other]);
    expect(o.findings).toHaveLength(1);
  });

  it('FAIL mode: the failed import is a FAIL even where another UNKNOWN of the resource would explain it', () => {
    // the UNKNOWN at '' (the whole resource) is not a failed import and is kept; it explains every finding
    // of Build, but a failed lookup in FAIL mode is never downgraded to UNKNOWN
    const o = report({ unknowns: [unknown('Build', 'EncryptionKey'), unknown('Build', '')] });
    expect(o.status).toBe('FAIL');
    expect(o.unknowns).toEqual([unknown('Build', '')]);
  });

  it('UNKNOWN mode: the traced UNKNOWN names the failed lookup; with no finding the control stays UNKNOWN', () => {
    const o = report({ unknowns: [unknown('Build', 'EncryptionKey')] }, unknownMode);
    expect(o.status).toBe('UNKNOWN');
    expect(o.findings).toEqual([]);
    expect(o.unknowns).toEqual([{ logicalId: 'Build', path: 'EncryptionKey', why: expect.stringContaining('the CloudFormation export named in EncryptionKey could not be looked up (not found') }]);
  });

  describe('UNKNOWN mode with findings: the engine\'s rule (a finding explained by an UNKNOWN at the same logical ID and a related path is UNKNOWN, else FAIL)', () => {
    // the traced import is at Build; the pair under test is about Other (or the stack itself)
    const f = (logicalId: string | undefined, path: string): Finding => (logicalId === undefined ? { path, message: 'weak' } : { logicalId, path, message: 'weak' });
    const cases: Array<[string, Finding[], UnknownValue, 'UNKNOWN' | 'FAIL']> = [
      ['the same path', [f('Other', 'Policy')], unknown('Other', 'Policy'), 'UNKNOWN'],
      ['the finding below the UNKNOWN (.)', [f('Other', 'Policy.Statement')], unknown('Other', 'Policy'), 'UNKNOWN'],
      ['the finding below the UNKNOWN ([)', [f('Other', 'Items[0]')], unknown('Other', 'Items'), 'UNKNOWN'],
      ['the finding above the UNKNOWN', [f('Other', 'Policy')], unknown('Other', 'Policy.Statement[0]'), 'UNKNOWN'],
      ['a finding about the whole resource', [f('Other', '')], unknown('Other', 'Policy'), 'UNKNOWN'],
      ['an UNKNOWN about the whole resource', [f('Other', 'Policy')], unknown('Other', ''), 'UNKNOWN'],
      ['both about the stack itself', [f(undefined, 'Policy')], unknown(undefined, 'Policy'), 'UNKNOWN'],
      ['a bare prefix (KeyId under Key)', [f('Other', 'KeyId')], unknown('Other', 'Key'), 'FAIL'],
      ['a bare prefix (Key under KeyId)', [f('Other', 'Key')], unknown('Other', 'KeyId'), 'FAIL'],
      ['unrelated paths with a dot where a child would have one', [f('Other', 'Name.Value')], unknown('Other', 'Role'), 'FAIL'],
      ['unrelated paths', [f('Other', 'Name')], unknown('Other', 'Policy'), 'FAIL'],
      ['another logical ID', [f('Third', 'Policy')], unknown('Other', 'Policy'), 'FAIL'],
      ['a finding about the stack, the UNKNOWN about a resource', [f(undefined, 'Policy')], unknown('Other', 'Policy'), 'FAIL'],
      ['one finding explained, one not', [f('Other', 'Policy.Statement'), f('Other', 'Name')], unknown('Other', 'Policy'), 'FAIL'],
    ];
    it.each(cases)('%s', (_name, findings, u, expected) => {
      const o = report({ status: expected, findings, unknowns: [unknown('Build', 'EncryptionKey'), u] }, unknownMode);
      expect(o.status).toBe(expected);
      expect(o.findings).toEqual(findings);
      expect(o.unknowns.map((x) => x.why.includes('could not be looked up'))).toEqual([true, false]);
    });
  });
});
