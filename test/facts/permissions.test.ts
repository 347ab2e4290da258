/**
 * The live lookups' permissions, both ways: the schema's handler permissions, hook-role.yaml, the registry kit's
 * execution role and the Lambda hook's function role grant exactly lookupPermissions() (src/facts/aws.ts) — nothing
 * the source calls is missing, nothing extra is granted — plus, on the Lambda function role only, the actions it
 * holds for other named reasons.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { LOOKUP_PERMISSIONS, lookupPermissions } from '../../src/facts/aws';
import { TEMPLATE_PERMISSIONS } from '../../src/facts/template';

const ROOT = join(__dirname, '..', '..');
const tags = ['Ref', 'Sub', 'GetAtt'].map((t) => ({ tag: `!${t}`, resolve: (v: string) => ({ [t === 'Ref' ? 'Ref' : `Fn::${t}`]: v }) }));
const template = (file: string) => parse(readFileSync(join(ROOT, file), 'utf8'), { customTags: tags, logLevel: 'silent' });

interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

function statementsOf(file: string, logicalId: string): Statement[] {
  const role = template(file).Resources[logicalId];
  expect(role?.Type).toBe('AWS::IAM::Role');
  return (role.Properties.Policies as Array<{ PolicyDocument: { Statement: Statement[] } }>).flatMap((p) => p.PolicyDocument.Statement);
}

const allowed = (statements: Statement[]) => [...new Set(statements.filter((s) => s.Effect === 'Allow').flatMap((s) => [s.Action].flat()))].sort();

/** The Lambda function role's actions that are not lookups, each for its own reason. */
const LAMBDA_OTHER = {
  'logs:CreateLogStream': 'writes its own log group',
  'logs:PutLogEvents': 'writes its own log group',
  'ssm:GetParameter': 'reads its configuration parameter',
  'kms:Decrypt': 'decrypts its environment',
};

describe('lookup permissions: declared once, granted exactly', () => {
  const expected = lookupPermissions();

  test('lookupPermissions() is every action of LOOKUP_PERMISSIONS and the stack template read, read-only, no wildcard', () => {
    expect(expected).toEqual([...new Set([...Object.values(LOOKUP_PERMISSIONS).flat(), ...TEMPLATE_PERMISSIONS])].sort());
    for (const a of expected) expect(a).toMatch(/^[a-z0-9-]+:(Get|List|Describe|BatchGet)[A-Za-z]+$/);
  });

  test('every handler of the schema lists exactly lookupPermissions()', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'pipelineguard-cicd-hook.json'), 'utf8'));
    const handlers = Object.entries(schema.handlers as Record<string, { permissions: string[] }>);
    expect(handlers.map(([k]) => k).sort()).toEqual(['preCreate', 'preDelete', 'preUpdate']);
    for (const [, h] of handlers) expect([...h.permissions].sort()).toEqual(expected);
  });

  test.each([
    ['hook-role.yaml', 'ExecutionRole'],
    ['deploy/registry-hook.yaml', 'ExecutionRole'],
  ])('%s %s allows exactly lookupPermissions() and denies nothing else by a blanket Deny', (file, id) => {
    const statements = statementsOf(file, id);
    expect(allowed(statements)).toEqual(expected);
    expect(statements.every((s) => s.Effect === 'Allow')).toBe(true);
  });

  test('deploy/lambda-hook.yaml FunctionRole: lookupPermissions() plus its own named actions, nothing else', () => {
    const actions = allowed(statementsOf('deploy/lambda-hook.yaml', 'FunctionRole'));
    expect(actions.filter((a) => !(a in LAMBDA_OTHER))).toEqual(expected);
    expect(actions.filter((a) => a in LAMBDA_OTHER).sort()).toEqual(Object.keys(LAMBDA_OTHER).sort());
  });

  test('the three roles grant the lookups with the same statements (one copy, kept in step)', () => {
    const lookups = (s: Statement[]) => s.filter((x) => x.Sid?.startsWith('Lookup'));
    const base = lookups(statementsOf('hook-role.yaml', 'ExecutionRole'));
    expect(base.length).toBeGreaterThan(0);
    expect(lookups(statementsOf('deploy/registry-hook.yaml', 'ExecutionRole'))).toEqual(base);
    expect(lookups(statementsOf('deploy/lambda-hook.yaml', 'FunctionRole'))).toEqual(base);
  });

  test('the pin can fail: a missing and an extra action are both seen', () => {
    const statements = statementsOf('hook-role.yaml', 'ExecutionRole');
    const missing = statements.map((s) => ({ ...s, Action: [s.Action].flat().filter((a) => a !== 'kms:DescribeKey') }));
    expect(allowed(missing)).not.toEqual(expected);
    const extra = [...statements, { Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }];
    expect(allowed(extra)).not.toEqual(expected);
  });
});
