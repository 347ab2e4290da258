import { classifyKey } from '../../predicates/cmk';
import { withWeakening, type KeyedEvaluation, type KeyedFinding } from '../../predicates/pipeline';
import { isIntrinsic, isRecord, own } from '../../predicates/values';
import { defineControl, type ResourceView } from '../types';

/** One artifact store: `ArtifactStore`, or `ArtifactStores[i].ArtifactStore` keyed by its Region. */
function checkStore(view: ResourceView, store: unknown, path: string, key: string, out: KeyedFinding[]): void {
  const add = (p: string, message: string) => out.push({ key, path: p, message });
  if (isIntrinsic(store)) {
    view.unknown(path, 'the artifact store is not resolvable from the template');
    return;
  }
  if (!isRecord(store)) {
    add(path, `${path} is not an object with an EncryptionKey`);
    return;
  }
  const keyPath = `${path}.EncryptionKey`;
  const encryptionKey = own(store, 'EncryptionKey');
  if (encryptionKey === undefined || encryptionKey === null || encryptionKey === '') {
    add(keyPath, `${keyPath} is missing: artifacts are encrypted with the AWS-managed key alias/aws/s3`);
    return;
  }
  if (isIntrinsic(encryptionKey)) {
    view.unknown(keyPath, 'the encryption key is not resolvable from the template');
    return;
  }
  if (!isRecord(encryptionKey)) {
    add(keyPath, `${keyPath} is not a {Type, Id} object`);
    return;
  }
  const type = view.strOf(own(encryptionKey, 'Type'), `${keyPath}.Type`);
  if (type === undefined || type.trim().toUpperCase() !== 'KMS') {
    add(`${keyPath}.Type`, `${keyPath}.Type is ${type === undefined ? 'missing' : 'not KMS'} (must be KMS)`);
  }
  const idPath = `${keyPath}.Id`;
  const verdict = classifyKey(view.strOf(own(encryptionKey, 'Id'), idPath));
  if (verdict.kind === 'missing') add(idPath, `${idPath} is missing: no customer-managed KMS key is named`);
  else if (verdict.kind === 'aws-managed') add(idPath, `${idPath} is the AWS-managed key ${verdict.alias}, not a customer-managed key`);
  else if (verdict.kind === 'unresolved') view.unknown(idPath, 'the key is a dynamic reference resolved only at deployment');
}

function evaluateStores(view: ResourceView): KeyedEvaluation {
  const findings: KeyedFinding[] = [];
  const seen = new Set<string>();
  const single = view.get('ArtifactStore');
  const multi = view.list('ArtifactStores');
  if ((single === undefined || single === null) && multi.length === 0) {
    return { findings: [{ key: 'ArtifactStore', path: 'ArtifactStore', message: 'ArtifactStore and ArtifactStores are missing: artifacts have no customer-managed KMS key' }], seen };
  }
  if (single !== undefined && single !== null) {
    seen.add('ArtifactStore');
    checkStore(view, single, 'ArtifactStore', 'ArtifactStore', findings);
  }
  multi.forEach((entry, i) => {
    const path = `ArtifactStores[${i}]`;
    if (isIntrinsic(entry)) {
      view.unknown(path, 'the artifact store is not resolvable from the template');
      return;
    }
    const region = isRecord(entry) ? view.strOf(own(entry, 'Region'), `${path}.Region`) : undefined;
    const key = `ArtifactStores:${region === undefined ? `#${i}` : region.trim().toLowerCase()}`;
    seen.add(key);
    if (!isRecord(entry)) {
      findings.push({ key, path, message: `${path} is not an object with an ArtifactStore` });
      return;
    }
    checkStore(view, own(entry, 'ArtifactStore'), `${path}.ArtifactStore`, key, findings);
  });
  return { findings, seen };
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
    'Set ArtifactStore.EncryptionKey to {Type: KMS, Id: <ARN of a customer-managed key>} — and the same in every ArtifactStores[].ArtifactStore of a multi-region pipeline. In CDK Pipelines pass crossAccountKeys: true (or an artifactBucket encrypted with your own kms.Key); never alias/aws/s3.',
  check({ resource, previous }) {
    const current = evaluateStores(resource);
    return withWeakening(current, previous ? evaluateStores(previous) : undefined, 'the customer-managed key is removed by this update');
  },
});
