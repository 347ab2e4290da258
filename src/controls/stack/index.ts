import type { StackControl } from '../types';
import { stackArtifactBucketTlsPolicy } from './stack-artifact-bucket-tls-policy';
import { stackAuditResourcesRetained } from './stack-audit-resources-retained';
import { stackLogBucketByRelation } from './stack-log-bucket-by-relation';
import { stackRolePolicyUnion } from './stack-role-policy-union';

/** Stack-level controls (STACK and CHANGE_SET targets), in catalogue order. */
export const stackControls: readonly StackControl[] = [stackArtifactBucketTlsPolicy, stackLogBucketByRelation, stackAuditResourcesRetained, stackRolePolicyUnion];
