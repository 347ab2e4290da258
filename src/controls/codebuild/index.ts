import type { Control } from '../types';
import { codebuildBuildImageAllowed } from './build-image-allowed';
import { codebuildBuildPackageRegistryAllowed } from './build-package-registry-allowed';
import { codebuildBuildspecNoPipeToShell } from './buildspec-no-pipe-to-shell';
import { codebuildBuildspecPlaintextSecrets } from './buildspec-plaintext-secrets';
import { codebuildFleetRunsInVpc } from './fleet-runs-in-vpc';
import { codebuildPrivilegedMode } from './privileged-mode';
import { codebuildProjectArtifactsEncrypted } from './project-artifacts-encrypted';
import { codebuildProjectBucketsHardened } from './project-buckets-hardened';
import { codebuildProjectEncryptionKeyCmk } from './project-encryption-key-cmk';
import { codebuildProjectEnvPlaintextSecrets } from './project-env-plaintext-secrets';
import { codebuildProjectLoggingEnabled } from './project-logging-enabled';
import { codebuildProjectNotPublic } from './project-not-public';
import { codebuildProjectRunsInVpc } from './project-runs-in-vpc';
import { codebuildProjectS3LogsEncrypted } from './project-s3-logs-encrypted';
import { codebuildPullRequestBuildsRestricted } from './pull-request-builds-restricted';
import { codebuildReportGroupExportEncrypted } from './report-group-export-encrypted';
import { codebuildSourceAuthResourceArn } from './source-auth-resource-arn';
import { codebuildSourceCredentialSecretReference } from './source-credential-secret-reference';
import { codebuildSourceLocationCredentials } from './source-location-credentials';
import { codebuildSourceTlsVerified } from './source-tls-verified';

/** In ID order. */
export const codebuildControls: readonly Control[] = [
  codebuildSourceLocationCredentials, // 1
  codebuildProjectEnvPlaintextSecrets, // 2
  codebuildProjectLoggingEnabled, // 3
  codebuildProjectS3LogsEncrypted, // 4
  codebuildPrivilegedMode, // 5
  codebuildProjectArtifactsEncrypted, // 6
  codebuildProjectEncryptionKeyCmk, // 7
  codebuildProjectRunsInVpc, // 8
  codebuildBuildImageAllowed, // 9
  codebuildSourceTlsVerified, // 10
  codebuildSourceAuthResourceArn, // 11
  codebuildBuildspecPlaintextSecrets, // 12
  codebuildBuildspecNoPipeToShell, // 13
  codebuildBuildPackageRegistryAllowed, // 14
  codebuildProjectNotPublic, // 15
  codebuildPullRequestBuildsRestricted, // 16
  codebuildReportGroupExportEncrypted, // 17
  codebuildSourceCredentialSecretReference, // 18
  codebuildFleetRunsInVpc, // 19
  codebuildProjectBucketsHardened, // 20
];
