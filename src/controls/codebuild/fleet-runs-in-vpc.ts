import { defineControl, type Finding, type ResourceView } from '../types';

function present(v: unknown): boolean {
  return typeof v === 'string' ? v.trim() !== '' : v !== null && typeof v === 'object';
}

function evaluate(view: ResourceView): Finding[] {
  if (!view.has('FleetVpcConfig')) {
    return [{ path: 'FleetVpcConfig', message: 'FleetVpcConfig is missing: fleet instances run on the CodeBuild-managed network with unrestricted internet egress' }];
  }
  const missing: string[] = [];
  if (!present(view.get('FleetVpcConfig.VpcId'))) missing.push('VpcId');
  if (view.list('FleetVpcConfig.Subnets').filter(present).length === 0) missing.push('Subnets');
  if (view.list('FleetVpcConfig.SecurityGroupIds').filter(present).length === 0) missing.push('SecurityGroupIds');
  return missing.length === 0 ? [] : [{ path: 'FleetVpcConfig', message: `FleetVpcConfig has no ${missing.join(', ')}: the fleet does not run in a VPC` }];
}

export const codebuildFleetRunsInVpc = defineControl({
  id: 'CICD.CODEBUILD.19',
  slug: 'fleet-runs-in-vpc',
  title: 'CodeBuild compute fleets run in a VPC',
  resourceTypes: ['AWS::CodeBuild::Fleet'],
  severity: 'HIGH',
  risks: ['CICD-SEC-7', 'CICD-SEC-5', 'CICD-SEC-3'],
  requirement: 'CodeBuild runs inside a VPC whose egress the platform controls (S8).',
  rationale:
    'Projects that run on a reserved-capacity fleet take their network from the fleet and must not have their own VpcConfig, so the project VPC control (CICD.CODEBUILD.8) accepts them on the strength of this one. A fleet without FleetVpcConfig {VpcId, Subnets, SecurityGroupIds} gives every build on it unrestricted internet egress.',
  remediation: 'Add FleetVpcConfig {VpcId, Subnets: [private subnet IDs], SecurityGroupIds: [security group with restricted egress]} to the AWS::CodeBuild::Fleet (a FleetServiceRole with ec2:CreateNetworkInterface permissions is required).',
  check({ resource }) {
    return evaluate(resource);
  },
});
