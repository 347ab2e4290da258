import { defineControl, type Finding, type ResourceView } from '../types';

function nonEmpty(view: ResourceView, path: string): boolean {
  const v = view.get(path);
  if (v === undefined || v === null) return false;
  if (typeof v === 'string') return v.trim() !== '';
  return typeof v === 'object'; // an intrinsic (resolved by CloudFormation) or an object
}

function count(view: ResourceView, path: string): number {
  return view.list(path).filter((x) => (typeof x === 'string' ? x.trim() !== '' : x !== null && typeof x === 'object')).length;
}

function evaluate(view: ResourceView): Finding[] {
  const fleet = view.str('Environment.Fleet.FleetArn');
  if (fleet !== undefined && fleet.trim() !== '') return [];
  if (!view.has('VpcConfig')) {
    return [{ path: 'VpcConfig', message: 'VpcConfig is missing: builds run on the CodeBuild-managed network with unrestricted internet egress' }];
  }
  const missing: string[] = [];
  if (!nonEmpty(view, 'VpcConfig.VpcId')) missing.push('VpcId');
  if (count(view, 'VpcConfig.Subnets') === 0) missing.push('Subnets');
  if (count(view, 'VpcConfig.SecurityGroupIds') === 0) missing.push('SecurityGroupIds');
  if (missing.length === 0) return [];
  return [{ path: 'VpcConfig', message: `VpcConfig has no ${missing.join(', ')}: the project does not run in a VPC` }];
}

export const codebuildProjectRunsInVpc = defineControl({
  id: 'CICD.CODEBUILD.8',
  slug: 'project-runs-in-vpc',
  title: 'CodeBuild projects run in a VPC (or on a fleet that does)',
  resourceTypes: ['AWS::CodeBuild::Project'],
  severity: 'HIGH',
  risks: ['CICD-SEC-7', 'CICD-SEC-5', 'CICD-SEC-3'],
  requirement: 'CodeBuild runs inside a VPC whose egress the platform controls (S8; packages only from the internal registry, S3).',
  rationale:
    'Outside a VPC a build has unrestricted internet egress: a poisoned dependency or build step can exfiltrate credentials and source, and builds can pull packages from anywhere. Inside a VPC, security groups, NAT/firewall rules and VPC endpoints restrict where builds connect. A project that runs on a reserved-capacity fleet (Environment.Fleet.FleetArn) must not carry its own VpcConfig; the fleet provides the network and is checked by CICD.CODEBUILD.19.',
  remediation:
    'Add VpcConfig {VpcId, Subnets: [private subnet IDs], SecurityGroupIds: [security group with restricted egress]}, or run the project on an AWS::CodeBuild::Fleet with FleetVpcConfig.',
  cdkHint:
    'vpc, subnetSelection: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, securityGroups on codebuild.Project (CDK Pipelines: codeBuildDefaults: { vpc, subnetSelection })',
  check({ resource }) {
    return evaluate(resource);
  },
});
