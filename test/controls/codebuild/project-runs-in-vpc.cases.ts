import { defineCases } from '../../helpers/cases';
import { project, withEnv } from './project';

const vpc = (extra: Record<string, unknown>) => project({ VpcConfig: { VpcId: 'vpc-0a1b2c3d4e5f67890', Subnets: ['subnet-0a1b2c3d4e5f67890'], SecurityGroupIds: ['sg-0a1b2c3d4e5f67890'], ...extra } });
const FLEET = 'arn:aws:codebuild:eu-west-1:123456789012:fleet/ci-fleet:1c1e1b9a-0a1b-4c2d-8e3f-0123456789ab';

export default defineCases({
  controlId: 'CICD.CODEBUILD.8',
  resourceType: 'AWS::CodeBuild::Project',
  cases: [
    { name: 'VPC with subnets and security groups', properties: project(), expect: 'PASS' },
    { name: 'several subnets', properties: vpc({ Subnets: ['subnet-a1', 'subnet-b2'] }), expect: 'PASS' },
    { name: 'on a fleet without its own VpcConfig', absent: ['VpcConfig'], properties: { ...withEnv({ ComputeType: 'BUILD_GENERAL1_SMALL', Fleet: { FleetArn: FLEET } }), VpcConfig: undefined }, expect: 'PASS' },
    { name: 'VpcConfig missing', absent: ['VpcConfig'], properties: project({ VpcConfig: undefined }), expect: 'FAIL', messageIncludes: 'VpcConfig is missing' },
    { name: 'empty VpcConfig', properties: project({ VpcConfig: {} }), expect: 'FAIL', messageIncludes: 'VpcId, Subnets, SecurityGroupIds' },
    { name: 'no subnets', properties: vpc({ Subnets: [] }), expect: 'FAIL', messageIncludes: 'Subnets' },
    { name: 'no security groups', properties: vpc({ SecurityGroupIds: [] }), expect: 'FAIL', messageIncludes: 'SecurityGroupIds' },
    { name: 'empty VpcId', properties: vpc({ VpcId: '' }), expect: 'FAIL', messageIncludes: 'VpcId' },
    { name: 'fleet block without an ARN', absent: ['Environment.Fleet.FleetArn'], properties: { ...withEnv({ Fleet: {} }), VpcConfig: undefined }, expect: 'FAIL' },
    { name: 'update removes the VPC', properties: project({ VpcConfig: undefined }), previous: project(), actions: ['UPDATE'], expect: 'FAIL', weakened: true, messageIncludes: 'VpcConfig is missing' },
    { name: 'unresolved subnet list (local check only)', properties: vpc({ Subnets: { 'Fn::Split': [',', { Ref: 'Subnets' }] } }), expect: 'UNKNOWN', typedOnly: true },
  ],
});
