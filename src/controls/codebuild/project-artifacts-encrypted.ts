import { defineControl, type Finding, type ResourceView } from '../types';

/** One artifact (`Artifacts`, `SecondaryArtifacts[1]`), read through a view rooted at it. */
function check(artifact: ResourceView, findings: Finding[]): void {
  if (artifact.bool('EncryptionDisabled') !== true) return;
  if (artifact.str('Type')?.trim().toUpperCase() === 'NO_ARTIFACTS') return;
  const path = artifact.pathOf('EncryptionDisabled');
  findings.push({ path, message: `${path} is true: build output is stored unencrypted` });
}

function evaluate(view: ResourceView): Finding[] {
  const findings: Finding[] = [];
  check(view.at('Artifacts'), findings);
  for (const item of view.items('SecondaryArtifacts')) check(item.view, findings);
  return findings;
}

export const codebuildProjectArtifactsEncrypted = defineControl({
  id: 'CICD.CODEBUILD.6',
  slug: 'project-artifacts-encrypted',
  title: 'CodeBuild build artifacts are encrypted',
  resourceTypes: ['AWS::CodeBuild::Project'],
  severity: 'HIGH',
  risks: ['CICD-SEC-9'],
  requirement: 'Artifacts are encrypted with KMS customer-managed keys and their integrity is protected (S9, S12, SEC11-BP07).',
  rationale:
    'Artifacts are what later stages deploy. Unencrypted artifacts escape the key policy that limits who may read and replace them, which weakens artifact integrity between build and deploy. Every SecondaryArtifacts entry is checked, not only the primary one (the Checkov rule looks at the primary artifact only).',
  remediation:
    'Remove EncryptionDisabled from Artifacts and from every SecondaryArtifacts entry (or set it to false); CodeBuild then encrypts the output with the project EncryptionKey.',
  cdkHint: 'artifacts: codebuild.Artifacts.s3({ bucket, encryption: true }) (encryption defaults to true; do not set it to false)',
  check({ resource }) {
    return evaluate(resource);
  },
});
