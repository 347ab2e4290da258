import { classifyKey } from '../../predicates/cmk';
import { isIntrinsic, isRecord } from '../../predicates/values';
import { defineControl, type FactView, type Finding, type ResourceView } from '../types';

/**
 * One artifact store (`ArtifactStore`, `ArtifactStores[i].ArtifactStore`): `store` is its raw value and
 * `view` the view rooted at it; unresolved values are recorded as UNKNOWN by the reads.
 */
function checkStore(store: unknown, view: ResourceView, findings: Finding[], facts?: FactView): void {
  if (isIntrinsic(store)) return; // UNKNOWN, recorded when the view was taken
  const path = view.path;
  if (!isRecord(store)) {
    findings.push({ path, message: `${path} is not an object with an EncryptionKey` });
    return;
  }
  const keyPath = view.pathOf('EncryptionKey');
  const encryptionKey = view.get('EncryptionKey');
  if (encryptionKey === undefined || encryptionKey === null || encryptionKey === '') {
    findings.push({ path: keyPath, message: `${keyPath} is missing: artifacts are encrypted with the AWS-managed key alias/aws/s3` });
    return;
  }
  const key = view.at('EncryptionKey');
  if (isIntrinsic(encryptionKey)) return; // UNKNOWN, recorded by `at`
  if (!isRecord(encryptionKey)) {
    findings.push({ path: keyPath, message: `${keyPath} is not a {Type, Id} object` });
    return;
  }
  const type = key.str('Type');
  if (type === undefined || type.trim().toUpperCase() !== 'KMS') {
    findings.push({ path: key.pathOf('Type'), message: `${keyPath}.Type is ${type === undefined ? 'missing' : 'not KMS'} (must be KMS)` });
  }
  const idPath = key.pathOf('Id');
  const verdict = classifyKey(key.str('Id'), facts, idPath);
  if (verdict.kind === 'missing') findings.push({ path: idPath, message: `${idPath} is missing: no customer-managed KMS key is named` });
  else if (verdict.kind === 'aws-managed') findings.push({ path: idPath, message: `${idPath} is the AWS-managed key ${verdict.alias}, not a customer-managed key` });
  else if (verdict.kind === 'unresolved') key.unknown('Id', 'the key is a dynamic reference resolved only at deployment');
}

function evaluateStores(view: ResourceView, facts?: FactView): Finding[] {
  const single = view.get('ArtifactStore');
  const multi = view.items('ArtifactStores');
  const hasSingle = single !== undefined && single !== null;
  if (!hasSingle && multi.length === 0) {
    return [{ path: 'ArtifactStore', message: 'ArtifactStore and ArtifactStores are missing: artifacts have no customer-managed KMS key' }];
  }
  const findings: Finding[] = [];
  if (hasSingle) checkStore(single, view.at('ArtifactStore'), findings, facts);
  for (const entry of multi) {
    if (isIntrinsic(entry.value)) continue; // UNKNOWN, recorded by `items`
    if (!isRecord(entry.value)) {
      findings.push({ path: entry.view.path, message: `${entry.view.path} is not an object with an ArtifactStore` });
      continue;
    }
    checkStore(entry.view.get('ArtifactStore'), entry.view.at('ArtifactStore'), findings, facts);
  }
  return findings;
}

export const codepipelineArtifactStoreCmk = defineControl({
  id: 'CICD.CODEPIPELINE.1',
  slug: 'pipeline-artifact-store-cmk',
  title: 'CodePipeline artifact stores are encrypted with a customer-managed KMS key',
  resourceTypes: ['AWS::CodePipeline::Pipeline'],
  severity: 'HIGH',
  risks: ['CICD-SEC-9', 'CICD-SEC-6'],
  requirement: 'Everything encrypted with KMS customer-managed keys: pipeline artifacts (source, build output, templates) are encrypted with a CMK the platform controls.',
  rationale:
    'Pipeline artifacts carry source code, synthesized templates and build output. Without ArtifactStore.EncryptionKey CodePipeline uses the AWS-managed key aws/s3, whose key policy cannot be restricted: anyone in the account with S3 read access to the artifact bucket can read (and a writer can swap) what is deployed, and cross-account deploy roles cannot be limited by key policy. A customer-managed key lets the platform decide who decrypts artifacts and logs every use. CDK Pipelines without crossAccountKeys creates exactly such a key-less artifact store.',
  remediation:
    'Set ArtifactStore.EncryptionKey to {Type: KMS, Id: <ARN of a customer-managed key>} — and the same in every ArtifactStores[].ArtifactStore of a multi-region pipeline. Never alias/aws/s3.',
  cdkHint:
    "crossAccountKeys: true on pipelines.CodePipeline / codepipeline.Pipeline, or artifactBucket: new s3.Bucket(this, 'Artifacts', { encryptionKey: new kms.Key(this, 'Key', { enableKeyRotation: true }) })",
  check({ resource, facts }) {
    return evaluateStores(resource, facts);
  },
});
