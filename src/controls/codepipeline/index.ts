import type { Control } from '../types';
import { codepipelineActionConfigSecrets } from './pipeline-action-config-secrets';
import { codepipelineActionEnvSecrets } from './pipeline-action-env-secrets';
import { codepipelineApprovalBeforeProduction } from './pipeline-approval-before-production';
import { codepipelineArtifactBucketHardened } from './pipeline-artifact-bucket-hardened';
import { codepipelineArtifactStoreCmk } from './pipeline-artifact-store-cmk';
import { codepipelineCustomActionAllowed } from './pipeline-custom-action-allowed';
import { codepipelineDeployActionRole } from './pipeline-deploy-action-role';
import { codepipelineNoGithubV1Source } from './pipeline-no-github-v1-source';
import { codepipelineSourceConnectionAllowed } from './pipeline-source-connection-allowed';
import { codepipelineSourceProviderAllowed } from './pipeline-source-provider-allowed';
import { codepipelineTypeV2 } from './pipeline-type-v2';
import { codepipelineWebhookAuthenticated } from './pipeline-webhook-authenticated';
import { codepipelineWebhookSecretToken } from './pipeline-webhook-secret-token';

export const codepipelineControls: readonly Control[] = [
  codepipelineArtifactStoreCmk,
  codepipelineApprovalBeforeProduction,
  codepipelineSourceProviderAllowed,
  codepipelineNoGithubV1Source,
  codepipelineSourceConnectionAllowed,
  codepipelineActionEnvSecrets,
  codepipelineActionConfigSecrets,
  codepipelineWebhookSecretToken,
  codepipelineWebhookAuthenticated,
  codepipelineTypeV2,
  codepipelineDeployActionRole,
  codepipelineCustomActionAllowed,
  codepipelineArtifactBucketHardened,
];
