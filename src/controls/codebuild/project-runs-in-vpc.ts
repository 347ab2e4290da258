import { shownName } from '../../predicates/referenced';
import { defineControl, type FactView, type Finding, type ResourceView } from '../types';

function nonEmpty(view: ResourceView, path: string): boolean {
  const v = view.get(path);
  if (v === undefined || v === null) return false;
  if (typeof v === 'string') return v.trim() !== '';
  return typeof v === 'object'; // an intrinsic (resolved by CloudFormation) or an object
}

function count(view: ResourceView, path: string): number {
  return view.list(path).filter((x) => (typeof x === 'string' ? x.trim() !== '' : x !== null && typeof x === 'object')).length;
}

const FLEET = 'Environment.Fleet.FleetArn';

/** `arn:aws:codebuild:region:account:fleet/NAME:uuid` → NAME; a bare name as it is. */
function fleetName(ref: string): string {
  const m = /^arn:[^:]+:codebuild:[^:]*:[^:]*:fleet\/([^:]+)/.exec(ref);
  return m ? m[1] : ref;
}

function evaluate(view: ResourceView, facts?: FactView): Finding[] {
  const fleet = view.str(FLEET);
  if (fleet !== undefined && fleet.trim() !== '') {
    // the fleet provides the network: with live lookups an existing fleet without a VPC fails the project
    const ref = fleet.trim();
    const fact = facts?.get({ kind: 'codebuild.fleet', ref }, FLEET);
    if (fact && fact.vpc !== true) {
      return [{ path: FLEET, message: `${FLEET} names the existing fleet ${shownName(fleetName(ref))}, which has no VPC (FleetVpcConfig with VpcId and Subnets): builds run on the CodeBuild-managed network with unrestricted internet egress` }];
    }
    return [];
  }
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
    'Outside a VPC a build has unrestricted internet egress: a poisoned dependency or build step can exfiltrate credentials and source, and builds can pull packages from anywhere. Inside a VPC, security groups, NAT/firewall rules and VPC endpoints restrict where builds connect. A project that runs on a reserved-capacity fleet (Environment.Fleet.FleetArn) must not carry its own VpcConfig; the fleet provides the network and is checked by CICD.CODEBUILD.19 when the template defines it. A fleet the template only names (an existing fleet) is read with live lookups (codebuild:BatchGetFleets): a fleet without FleetVpcConfig (VpcId and Subnets) fails the project; a lookup that cannot be answered follows LookupFailureMode; a fleet ARN of another account is not looked up. Without lookups (check without --lookups) a named fleet is accepted, as the template cannot show its network.',
  remediation:
    'Add VpcConfig {VpcId, Subnets: [private subnet IDs], SecurityGroupIds: [security group with restricted egress]}, or run the project on an AWS::CodeBuild::Fleet with FleetVpcConfig (an existing fleet named by Environment.Fleet.FleetArn must have one too).',
  cdkHint:
    'vpc, subnetSelection: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, securityGroups on codebuild.Project (CDK Pipelines: codeBuildDefaults: { vpc, subnetSelection })',
  check({ resource, facts }) {
    return evaluate(resource, facts);
  },
});
