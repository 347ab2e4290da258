/**
 * The one table of out-of-band change rights (CICD.IAM.20 on identity policies, CICD.IAM.21 on resource
 * policies): what a statement's patterns grant, restricted to a service, each right once, policy changes first.
 */
import { CHANGE_RIGHT_SERVICES, changeRightsOf, describeChangeRights, isChangeRight } from '../../src/predicates/change-rights';
import { lookupAction } from '../../src/predicates/iam-catalogue';
import { parsePolicy } from '../../src/predicates/policy';

const statement = (s: Record<string, unknown>) => parsePolicy({ Statement: [{ Effect: 'Allow', Resource: '*', ...s }] }).statements[0];
const names = (s: Record<string, unknown>, services?: string[]) => changeRightsOf(statement(s), services).map((h) => h.action);

test('every service of the table is in the catalogue and keeps at least one change right', () => {
  for (const rule of CHANGE_RIGHT_SERVICES) expect({ service: rule.service, rights: names({ Action: `${rule.service}:*` }, [rule.service]).length > 0 }).toEqual({ service: rule.service, rights: true });
});

test('use is not change: key use, object writes, image pushes, invocations', () => {
  for (const a of ['kms:Decrypt', 's3:PutObject', 'ecr:PutImage', 'lambda:InvokeFunction', 'secretsmanager:GetSecretValue', 'codeartifact:PublishPackageVersion']) {
    const action = lookupAction(a);
    expect({ a, known: action !== undefined }).toEqual({ a, known: true });
    expect({ a, change: isChangeRight(action!) }).toEqual({ a, change: false });
  }
  for (const a of ['kms:PutKeyPolicy', 's3:PutBucketPolicy', 'ecr:SetRepositoryPolicy', 'lambda:UpdateFunctionCode', 'secretsmanager:PutResourcePolicy', 'codeartifact:PutRepositoryPermissionsPolicy']) {
    expect({ a, change: isChangeRight(lookupAction(a)!) }).toEqual({ a, change: true });
  }
});

test('restricted to a service: kms:* in a bucket policy grants no s3 right', () => {
  expect(names({ Action: ['kms:*', 's3:GetObject'] }, ['s3'])).toEqual([]);
  expect(names({ Action: 'kms:*' }, ['kms'])).toContain('kms:PutKeyPolicy');
  expect(names({ Action: '*' }, ['ecr'])).toContain('ecr:DeleteRepository');
});

test('? and wildcards anywhere, NotAction, odd case', () => {
  expect(names({ Action: 'S?:PUTBUCKETPOL*' }, ['s3'])).toEqual(['s3:PutBucketPolicy']);
  const notAction = changeRightsOf(statement({ NotAction: 'kms:Decrypt' }), ['kms']);
  expect(notAction.map((h) => h.action)).toContain('kms:ScheduleKeyDeletion');
  expect(notAction.every((h) => h.via === 'NotAction')).toBe(true);
});

test('each right once, Permissions management first, and the message names the pattern that granted it', () => {
  const hits = changeRightsOf(statement({ Action: ['kms:DisableKey', 'kms:*', 'kms:PutKeyPolicy'] }), ['kms']);
  expect(new Set(hits.map((h) => h.action)).size).toBe(hits.length);
  expect(hits[0].level).toBe('Permissions management');
  const text = describeChangeRights(hits);
  expect(text).toMatch(/ and \d+ more$/);
  expect(describeChangeRights(changeRightsOf(statement({ Action: 'kms:disablekey' }), ['kms']))).toBe('kms:DisableKey');
  expect(describeChangeRights(changeRightsOf(statement({ Action: 'kms:Disable*' }), ['kms']))).toContain('(via kms:disable*)');
});
