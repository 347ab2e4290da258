import { classifyKey } from '../../predicates/cmk';
import { defineControl, type FactView, type Finding, type ResourceView } from '../types';

const DEST = 'ExportConfig.S3Destination';

function evaluate(view: ResourceView, facts?: FactView): Finding[] {
  const type = view.str('ExportConfig.ExportConfigType')?.trim().toUpperCase();
  if (type !== 'S3' && !(type === undefined && view.has(DEST))) return [];
  const findings: Finding[] = [];
  if (view.bool(`${DEST}.EncryptionDisabled`) === true) {
    findings.push({ path: `${DEST}.EncryptionDisabled`, message: `${DEST}.EncryptionDisabled is true: test reports are exported to S3 unencrypted` });
    return findings;
  }
  const key = classifyKey(view.str(`${DEST}.EncryptionKey`), facts, `${DEST}.EncryptionKey`);
  if (key.kind === 'missing') findings.push({ path: `${DEST}.EncryptionKey`, message: `${DEST}.EncryptionKey is missing: exports use the AWS-managed key alias/aws/s3` });
  else if (key.kind === 'aws-managed') findings.push({ path: `${DEST}.EncryptionKey`, message: `${DEST}.EncryptionKey is the AWS-managed key ${key.alias}, not a customer-managed key` });
  else if (key.kind === 'unresolved') findings.push({ path: `${DEST}.EncryptionKey`, message: `${DEST}.EncryptionKey is a reference the hook cannot resolve to a customer-managed key` });
  return findings;
}

export const codebuildReportGroupExportEncrypted = defineControl({
  id: 'CICD.CODEBUILD.17',
  slug: 'report-group-export-encrypted',
  title: 'CodeBuild report exports to S3 are encrypted with a customer-managed key',
  resourceTypes: ['AWS::CodeBuild::ReportGroup'],
  severity: 'MEDIUM',
  risks: ['CICD-SEC-9', 'CICD-SEC-7'],
  requirement: 'Everything the pipeline stores is encrypted with KMS customer-managed keys (S9).',
  rationale:
    'Test and coverage reports reveal code structure, failing security tests and sometimes data from test fixtures. A report group that exports to S3 (ExportConfig.ExportConfigType S3) must not disable encryption and must name a customer-managed key; without one, or with an AWS-managed alias, the reports escape a key policy the platform controls. NO_EXPORT report groups keep reports inside CodeBuild and pass.',
  remediation:
    'Remove ExportConfig.S3Destination.EncryptionDisabled (or set it to false) and set ExportConfig.S3Destination.EncryptionKey to the ARN of a customer-managed KMS key.',
  cdkHint:
    "new codebuild.ReportGroup(this, 'Reports', { exportBucket }) where exportBucket is an s3.Bucket with encryptionKey: new kms.Key(this, 'Key', { enableKeyRotation: true }) (the report group takes the bucket's key)",
  check({ resource, facts }) {
    return evaluate(resource, facts);
  },
});
