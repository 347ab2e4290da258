/** The explicit, ordered catalogue of every control (no discovery, no import side effects). */
import { accountsControls } from './accounts';
import { cloudformationControls } from './cloudformation';
import { cloudtrailControls } from './cloudtrail';
import { codeartifactControls } from './codeartifact';
import { codebuildControls } from './codebuild';
import { codecommitControls } from './codecommit';
import { codedeployControls } from './codedeploy';
import { codepipelineControls } from './codepipeline';
import { connectionsControls } from './connections';
import { ecrControls } from './ecr';
import { ecsControls } from './ecs';
import { eventsControls } from './events';
import { iamControls } from './iam';
import { kmsControls } from './kms';
import { lambdaControls } from './lambda';
import { logsControls } from './logs';
import { protectionControls } from './protection';
import { s3Controls } from './s3';
import { secretsmanagerControls } from './secretsmanager';
import { plaintextSecretAnywhere } from './secretsmanager/plaintext-secret-anywhere';
import { stackControls, stackRelationControls } from './stack';
import { stackOutOfBandChanges } from './stack/stack-out-of-band-changes';
import type { Control, StackControl } from './types';

const CATALOGUE: readonly Control[] = [
  ...codebuildControls,
  ...codepipelineControls,
  ...iamControls,
  ...s3Controls,
  ...kmsControls,
  ...ecrControls,
  ...ecsControls,
  ...codeartifactControls,
  ...codecommitControls,
  ...connectionsControls,
  ...codedeployControls,
  ...secretsmanagerControls,
  ...lambdaControls,
  ...logsControls,
  ...cloudtrailControls,
  ...protectionControls,
  ...accountsControls,
  ...cloudformationControls,
  ...eventsControls,
];

/** CICD.SECRETS.4 scans every resource type the rest of the catalogue targets (and the types only it needs). */
export const ALL_CONTROLS: readonly Control[] = [...CATALOGUE, plaintextSecretAnywhere(CATALOGUE.flatMap((c) => c.resourceTypes))];

/**
 * Stack-level controls (scope 'stack'): evaluated on STACK and CHANGE_SET targets. CICD.STACK.5 is given
 * every targeted type (the services an out-of-band change must not touch).
 */
export const STACK_CONTROLS: readonly StackControl[] = [...stackControls, stackOutOfBandChanges(ALL_CONTROLS.flatMap((c) => c.resourceTypes)), ...stackRelationControls];

export type { Control } from './types';
