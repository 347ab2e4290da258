/**
 * Finding and UNKNOWN paths of the CodeBuild controls that walk lists use the one path style
 * (`SecondarySources[1].InsecureSsl`, `Triggers.FilterGroups[0]`), taken from the item views.
 */
import { codebuildControls } from '../../../src/controls/codebuild';
import { loadSettings } from '../../../src/engine/config';
import { PropertyView } from '../../../src/engine/view';
import { ALL_CONTROLS } from '../../../src/controls';

const settings = loadSettings(null, new Set(ALL_CONTROLS.map((c) => c.id)), { accountId: '123456789012' });

function run(id: string, properties: Record<string, unknown>) {
  const control = codebuildControls.find((c) => c.id === id)!;
  const resource = new PropertyView(properties);
  const findings = control.check({ resourceType: control.resourceTypes[0], logicalId: 'P', action: 'CREATE', resource, settings, accountId: '123456789012' });
  return { paths: findings.map((f) => f.path), messages: findings.map((f) => f.message), unknowns: resource.unknowns.map((u) => u.path) };
}

test('secondary sources: findings and UNKNOWNs at SecondarySources[i]', () => {
  const r = run('CICD.CODEBUILD.10', { Source: { Type: 'GITHUB_ENTERPRISE' }, SecondarySources: [{ InsecureSsl: false }, { InsecureSsl: 'True' }, { Ref: 'Src' }] });
  expect(r.paths).toEqual(['SecondarySources[1].InsecureSsl']);
  expect(r.messages[0].startsWith('SecondarySources[1].InsecureSsl is true')).toBe(true);
  expect(r.unknowns).toEqual(['SecondarySources[2]']);
});

test('secondary artifacts: findings at SecondaryArtifacts[i].EncryptionDisabled', () => {
  const r = run('CICD.CODEBUILD.6', { Artifacts: { Type: 'NO_ARTIFACTS', EncryptionDisabled: true }, SecondaryArtifacts: [{ Type: 'S3' }, { Type: 'S3', EncryptionDisabled: 'true' }] });
  expect(r.paths).toEqual(['SecondaryArtifacts[1].EncryptionDisabled']);
});

test('filter groups: the group path, and unresolved filters are UNKNOWN at their own path', () => {
  const pr = { Type: 'EVENT', Pattern: 'PULL_REQUEST_CREATED' };
  const r = run('CICD.CODEBUILD.16', { Triggers: { Webhook: true, FilterGroups: [[pr, { Type: 'ACTOR_ACCOUNT_ID', Pattern: '^1$' }], [pr], [pr, { 'Fn::If': ['c', {}, {}] }]] } });
  expect(r.paths).toEqual(['Triggers.FilterGroups[1]', 'Triggers.FilterGroups[2]']);
  expect(r.unknowns).toEqual(['Triggers.FilterGroups[2][1]']);
});

test('environment variables: an unresolved secret-named value is UNKNOWN at its Value', () => {
  const r = run('CICD.CODEBUILD.2', { Environment: { EnvironmentVariables: [{ Name: 'BUCKET', Value: { Ref: 'B' } }, { name: 'DB_PASSWORD', value: { Ref: 'P' } }] } });
  expect(r.paths).toEqual([]);
  expect(r.unknowns).toEqual(['Environment.EnvironmentVariables[1].value']);
});
