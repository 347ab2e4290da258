import { defineCases } from '../../helpers/cases';
import { BOUNDARY, BOUNDARY_CONFIG, role } from './fixtures';

const withBoundary = (pb: unknown) => role(undefined, { PermissionsBoundary: pb });

export default defineCases({
  controlId: 'CICD.IAM.10',
  resourceType: 'AWS::IAM::Role',
  cases: [
    { name: 'role carries the configured boundary', properties: withBoundary(BOUNDARY), config: BOUNDARY_CONFIG, expect: 'PASS' },
    { name: 'boundary missing but no boundary configured passes (control off when PermissionsBoundaryArn is empty)', absent: ['PermissionsBoundary'], properties: role(), expect: 'PASS' },
    { name: 'boundary missing while configured', absent: ['PermissionsBoundary'], properties: role(), config: BOUNDARY_CONFIG, expect: 'FAIL', messageIncludes: ['PermissionsBoundary is missing', BOUNDARY] },
    { name: 'empty boundary string while configured', properties: withBoundary(''), config: BOUNDARY_CONFIG, expect: 'FAIL' },
    { name: 'a different boundary', properties: withBoundary('arn:aws:iam::123456789012:policy/lenient-boundary'), config: BOUNDARY_CONFIG, expect: 'FAIL', messageIncludes: 'not the platform boundary' },
    { name: 'boundary in another account', properties: withBoundary('arn:aws:iam::999999999999:policy/pipeline-boundary'), config: BOUNDARY_CONFIG, expect: 'FAIL' },
    { name: 'boundary differing only in letter case', properties: withBoundary('arn:aws:iam::123456789012:policy/Pipeline-Boundary'), config: BOUNDARY_CONFIG, expect: 'FAIL', messageIncludes: 'letter case' },
    {
      name: 'aws-us-gov boundary configured literally',
      properties: withBoundary('arn:aws-us-gov:iam::123456789012:policy/pipeline-boundary'),
      config: { PermissionsBoundaryArn: 'arn:aws-us-gov:iam::123456789012:policy/pipeline-boundary' },
      expect: 'PASS',
    },
    {
      name: 'aws-us-gov boundary against an aws-partition configuration',
      properties: withBoundary('arn:aws-us-gov:iam::123456789012:policy/pipeline-boundary'),
      config: BOUNDARY_CONFIG,
      expect: 'FAIL',
    },
    {
      name: 'CDK form Fn::Join with partition and account (local check)',
      properties: withBoundary({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':policy/pipeline-boundary']] }),
      config: BOUNDARY_CONFIG,
      expect: 'PASS',
      typedOnly: true,
    },
    { name: 'boundary from a parameter (local check)', properties: withBoundary({ Ref: 'BoundaryArn' }), config: BOUNDARY_CONFIG, expect: 'UNKNOWN', typedOnly: true },
    {
      name: 'update removes the boundary',
      properties: role(),
      previous: withBoundary(BOUNDARY),
      config: BOUNDARY_CONFIG,
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
      messageIncludes: ['PermissionsBoundary is missing', 'introduced by this update'],
    },
    {
      name: 'update replaces the boundary',
      properties: withBoundary('arn:aws:iam::123456789012:policy/other'),
      previous: withBoundary(BOUNDARY),
      config: BOUNDARY_CONFIG,
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
    },
    {
      name: 'RoleName chosen by the developer does not exempt',
      properties: role(undefined, { RoleName: 'platform-admin-exempt' }),
      config: BOUNDARY_CONFIG,
      expect: 'FAIL',
    },
  ],
});
