import { defineCases } from '../../helpers/cases';

const rule = (frequency: unknown, ...filters: unknown[]) => ({ ScanFrequency: frequency, RepositoryFilters: filters.map((f) => (typeof f === 'string' ? { Filter: f, FilterType: 'WILDCARD' } : f)) });

export default defineCases({
  controlId: 'CICD.ECR.1',
  resourceType: 'AWS::ECR::RegistryScanningConfiguration',
  cases: [
    { name: 'basic scanning on push for every repository', properties: { ScanType: 'BASIC', Rules: [rule('SCAN_ON_PUSH', '*')] }, expect: 'PASS' },
    { name: 'enhanced continuous scanning for every repository (lower case, filter type omitted)', properties: { ScanType: 'enhanced', Rules: [rule('continuous_scan', { Filter: '*' })] }, expect: 'PASS' },
    { name: 'a prefix rule and a catch-all rule', properties: { ScanType: 'ENHANCED', Rules: [rule('CONTINUOUS_SCAN', 'prod-*'), rule('SCAN_ON_PUSH', '*')] }, expect: 'PASS' },
    { name: 'no rules (block missing)', absent: ['Rules'], properties: { ScanType: 'BASIC' }, expect: 'FAIL', messageIncludes: 'Rules is not set' },
    { name: 'empty rules', properties: { ScanType: 'BASIC', Rules: [] }, expect: 'FAIL', messageIncludes: 'Rules is empty' },
    { name: 'on-push scanning for some repositories only', properties: { ScanType: 'BASIC', Rules: [rule('SCAN_ON_PUSH', 'ci-*')] }, expect: 'FAIL', messageIncludes: 'every repository' },
    { name: 'manual scanning for every repository', properties: { ScanType: 'BASIC', Rules: [rule('MANUAL', '*')] }, expect: 'FAIL' },
    { name: 'update that narrows scanning', properties: { ScanType: 'BASIC', Rules: [rule('SCAN_ON_PUSH', 'ci-*')] }, previous: { ScanType: 'BASIC', Rules: [rule('SCAN_ON_PUSH', '*')] }, actions: ['UPDATE'], expect: 'FAIL', weakened: true },
  ],
});
