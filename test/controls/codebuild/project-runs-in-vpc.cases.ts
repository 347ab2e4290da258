import { defineCases } from '../../helpers/cases';
import { project, withEnv } from './project';

const vpc = (extra: Record<string, unknown>) => project({ VpcConfig: { VpcId: 'vpc-0a1b2c3d4e5f67890', Subnets: ['subnet-0a1b2c3d4e5f67890'], SecurityGroupIds: ['sg-0a1b2c3d4e5f67890'], ...extra } });
const FLEET = 'arn:aws:codebuild:eu-west-1:123456789012:fleet/ci-fleet:1c1e1b9a-0a1b-4c2d-8e3f-0123456789ab';

const OPEN_FLEET = 'arn:aws:codebuild:eu-west-1:123456789012:fleet/open-fleet:9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f';
const FOREIGN_FLEET = 'arn:aws:codebuild:eu-west-1:444455556666:fleet/shared-fleet:2b3c4d5e-6f70-4a1b-8c2d-3e4f5a6b7c8d';
/** On a fleet, without a VpcConfig of its own (the fleet provides the network). */
const onFleet = (arn: string) => ({ ...withEnv({ Fleet: { FleetArn: arn } }), VpcConfig: undefined });

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
    // live lookups (issue 14): an existing fleet the project names provides (or not) the network
    { name: 'lookup: an existing fleet in a VPC', properties: onFleet(FLEET), facts: { [`codebuild.fleet ${FLEET}`]: { arn: FLEET, vpc: true } }, expect: 'PASS' },
    { name: 'lookup: an existing fleet without a VPC fails the project, naming the property and the fleet', properties: onFleet(FLEET), facts: { [`codebuild.fleet ${FLEET}`]: { arn: FLEET, vpc: false } }, expect: 'FAIL', messageIncludes: ['Environment.Fleet.FleetArn', 'ci-fleet', 'no VPC'] },
    { name: 'lookup: a fleet named by name is looked up by name', properties: onFleet('ci-fleet'), facts: { 'codebuild.fleet ci-fleet': { arn: FLEET, vpc: false } }, expect: 'FAIL', messageIncludes: 'ci-fleet' },
    { name: 'lookup denied: fails closed naming the property and the permission', properties: onFleet(FLEET), facts: { [`codebuild.fleet ${FLEET}`]: { $error: "access denied: the hook's role needs codebuild:BatchGetFleets" } }, expect: 'FAIL', messageIncludes: ['Environment.Fleet.FleetArn', 'codebuild:BatchGetFleets'] },
    { name: 'lookup denied with LookupFailureMode UNKNOWN: reported, not decided', properties: onFleet(FLEET), config: { LookupFailureMode: 'UNKNOWN' }, facts: { [`codebuild.fleet ${FLEET}`]: { $error: 'throttled on codebuild:BatchGetFleets' } }, expect: 'UNKNOWN' },
    { name: 'lookup: a fleet that does not exist fails closed', properties: onFleet(FLEET), facts: {}, expect: 'FAIL', messageIncludes: 'not found' },
    { name: 'lookup: a fleet ARN of another account is not looked up', properties: onFleet(FOREIGN_FLEET), facts: {}, expect: 'PASS' },
    {
      name: 'lookup: an update that moves the project to a fleet without a VPC is a weakening',
      properties: onFleet(OPEN_FLEET),
      previous: onFleet(FLEET),
      facts: { [`codebuild.fleet ${FLEET}`]: { arn: FLEET, vpc: true }, [`codebuild.fleet ${OPEN_FLEET}`]: { arn: OPEN_FLEET, vpc: false } },
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
      messageIncludes: 'open-fleet',
    },
    {
      name: 'lookup: an update from a VPC to an existing fleet without one is a weakening',
      properties: onFleet(OPEN_FLEET),
      previous: project(),
      facts: { [`codebuild.fleet ${OPEN_FLEET}`]: { arn: OPEN_FLEET, vpc: false } },
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
    },
  ],
});
