import { defineCases } from '../../helpers/cases';

const vpc = { VpcId: 'vpc-0a1b2c3d4e5f67890', Subnets: ['subnet-0a1b2c3d4e5f67890'], SecurityGroupIds: ['sg-0a1b2c3d4e5f67890'] };
const fleet = (extra: Record<string, unknown> = {}) => ({
  Name: 'ci-fleet',
  BaseCapacity: 2,
  ComputeType: 'BUILD_GENERAL1_SMALL',
  EnvironmentType: 'LINUX_CONTAINER',
  FleetServiceRole: 'arn:aws:iam::123456789012:role/ci-fleet',
  FleetVpcConfig: vpc,
  ...extra,
});

export default defineCases({
  controlId: 'CICD.CODEBUILD.19',
  resourceType: 'AWS::CodeBuild::Fleet',
  cases: [
    { name: 'fleet in a VPC', properties: fleet(), expect: 'PASS' },
    { name: 'FleetVpcConfig missing', absent: ['FleetVpcConfig'], properties: fleet({ FleetVpcConfig: undefined }), expect: 'FAIL', messageIncludes: 'FleetVpcConfig is missing' },
    { name: 'no security groups', properties: fleet({ FleetVpcConfig: { ...vpc, SecurityGroupIds: [] } }), expect: 'FAIL', messageIncludes: 'SecurityGroupIds' },
    { name: 'empty FleetVpcConfig', properties: fleet({ FleetVpcConfig: {} }), expect: 'FAIL', messageIncludes: 'VpcId, Subnets, SecurityGroupIds' },
    { name: 'update removes the VPC', properties: fleet({ FleetVpcConfig: undefined }), previous: fleet(), actions: ['UPDATE'], expect: 'FAIL', weakened: true, messageIncludes: 'FleetVpcConfig is missing' },
  ],
});
