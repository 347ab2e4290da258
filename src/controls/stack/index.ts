import type { StackControl } from '../types';
import { stackArtifactBucketTlsPolicy } from './stack-artifact-bucket-tls-policy';
import { stackAuditResourcesRetained } from './stack-audit-resources-retained';
import { stackConnectionHosts } from './stack-connection-hosts';
import { stackLogBucketByRelation } from './stack-log-bucket-by-relation';
import { stackPipelineKeys } from './stack-pipeline-keys';
import { stackProductionDeploymentConfigs } from './stack-production-deployment-configs';
import { stackProjectLogGroups } from './stack-project-log-groups';
import { stackRolePolicyUnion } from './stack-role-policy-union';

/** Stack-level controls (STACK and CHANGE_SET targets), in catalogue order (CICD.STACK.5 is built in ../index.ts). */
export const stackControls: readonly StackControl[] = [stackArtifactBucketTlsPolicy, stackLogBucketByRelation, stackAuditResourcesRetained, stackRolePolicyUnion];

/** The relation controls that follow what pipeline resources use to the resources of the stack (CICD.STACK.6–9). */
export const stackRelationControls: readonly StackControl[] = [stackProjectLogGroups, stackPipelineKeys, stackConnectionHosts, stackProductionDeploymentConfigs];
