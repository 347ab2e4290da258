import { defineControl, type Finding, type ResourceView } from '../types';

/** Rotation applies to symmetric encryption keys with KMS-generated material only. */
function rotatable(v: ResourceView): boolean {
  const spec = v.str('KeySpec');
  if (spec !== undefined && spec.trim().toUpperCase() !== 'SYMMETRIC_DEFAULT') return false; // asymmetric or HMAC
  const origin = v.str('Origin');
  if (origin !== undefined && origin.trim().toUpperCase() === 'EXTERNAL') return false; // imported material: rotate manually
  return true;
}

function evaluate(v: ResourceView): Finding[] {
  if (!rotatable(v)) return [];
  if (v.bool('EnableKeyRotation') === true) return [];
  return [{ path: 'EnableKeyRotation', message: `EnableKeyRotation is ${v.has('EnableKeyRotation') ? 'not true' : 'missing (rotation is off by default)'} for a symmetric key` }];
}

export const kmsKeyRotation = defineControl({
  id: 'CICD.KMS.1',
  slug: 'kms-key-rotation',
  title: 'Symmetric KMS keys rotate their key material automatically',
  resourceTypes: ['AWS::KMS::Key'],
  severity: 'MEDIUM',
  risks: ['CICD-SEC-7', 'CICD-SEC-9'],
  requirement: 'Everything encrypted with KMS customer-managed keys with rotation on (enterprise CI/CD guidance).',
  rationale:
    'Automatic rotation limits how much data one generation of key material protects and is what auditors expect of keys that guard artifacts, logs and secrets. It is off unless EnableKeyRotation is true, so an absent value fails for symmetric keys (KeySpec absent or SYMMETRIC_DEFAULT). Asymmetric and HMAC keys (other KeySpec values) and keys with imported material (Origin EXTERNAL) cannot rotate automatically: not applicable, they pass. Switching rotation off on update is reported as a weakening.',
  remediation: 'Set EnableKeyRotation: true on the key.',
  cdkHint: "new kms.Key(this, 'Key', { enableKeyRotation: true })",
  check({ resource }) {
    return evaluate(resource);
  },
});
