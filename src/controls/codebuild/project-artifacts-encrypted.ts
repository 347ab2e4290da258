import { markWeakened } from '../../predicates/weakening';
import { defineControl, type Finding, type ResourceView } from '../types';

function evaluate(view: ResourceView): Finding[] {
  const findings: Finding[] = [];
  const check = (base: string, label: string) => {
    if (view.bool(`${base}.EncryptionDisabled`) !== true) return;
    if (view.str(`${base}.Type`)?.trim().toUpperCase() === 'NO_ARTIFACTS') return;
    findings.push({ path: `${base}.EncryptionDisabled`, message: `${label}.EncryptionDisabled is true: build output is stored unencrypted` });
  };
  check('Artifacts', 'Artifacts');
  view.list('SecondaryArtifacts').forEach((_a, i) => check(`SecondaryArtifacts.${i}`, `SecondaryArtifacts[${i}]`));
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
  check({ resource, previous }) {
    return markWeakened(evaluate(resource), previous ? evaluate(previous) : undefined, 'encryption switched off by this update');
  },
});
