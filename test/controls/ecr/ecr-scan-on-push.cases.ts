import { defineCases } from '../../helpers/cases';

const repo = (extra: Record<string, unknown> = {}) => ({ RepositoryName: 'ci/app', ImageTagMutability: 'IMMUTABLE', ...extra });

export default defineCases({
  controlId: 'CICD.ECR.1',
  resourceType: 'AWS::ECR::Repository',
  cases: [
    { name: 'scan on push true', properties: repo({ ImageScanningConfiguration: { ScanOnPush: true } }), expect: 'PASS' },
    { name: 'scan on push "True" (YAML spelling)', properties: repo({ ImageScanningConfiguration: { ScanOnPush: 'True' } }), expect: 'PASS' },
    { name: 'scan on push "TRUE"', properties: repo({ ImageScanningConfiguration: { ScanOnPush: 'TRUE' } }), expect: 'PASS' },
    { name: 'scan on push false', properties: repo({ ImageScanningConfiguration: { ScanOnPush: false } }), expect: 'FAIL', messageIncludes: 'ImageScanningConfiguration.ScanOnPush' },
    { name: 'scan on push "false" string', properties: repo({ ImageScanningConfiguration: { ScanOnPush: 'false' } }), expect: 'FAIL' },
    { name: 'scan on push junk value "yes"', properties: repo({ ImageScanningConfiguration: { ScanOnPush: 'yes' } }), expect: 'FAIL' },
    { name: 'ImageScanningConfiguration block missing', absent: ['ImageScanningConfiguration'], properties: repo(), expect: 'FAIL', messageIncludes: 'ImageScanningConfiguration.ScanOnPush is not set' },
    { name: 'ImageScanningConfiguration empty', properties: repo({ ImageScanningConfiguration: {} }), expect: 'FAIL' },
    { name: 'ImageScanningConfiguration is a string (odd shape)', properties: repo({ ImageScanningConfiguration: 'on' }), expect: 'FAIL' },
    {
      name: 'update switches scan on push off',
      properties: repo({ ImageScanningConfiguration: { ScanOnPush: false } }),
      previous: repo({ ImageScanningConfiguration: { ScanOnPush: true } }),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
      messageIncludes: ['ImageScanningConfiguration.ScanOnPush is not true', 'introduced by this update'],
    },
    {
      name: 'update removes the scanning block',
      properties: repo(),
      previous: repo({ ImageScanningConfiguration: { ScanOnPush: 'true' } }),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
    },
    {
      name: 'update switches scan on push on',
      properties: repo({ ImageScanningConfiguration: { ScanOnPush: true } }),
      previous: repo(),
      actions: ['UPDATE'],
      expect: 'PASS',
    },
    { name: 'unresolved Ref (local check only)', properties: repo({ ImageScanningConfiguration: { ScanOnPush: { Ref: 'Scan' } } }), expect: 'UNKNOWN', typedOnly: true },
  ],
});
