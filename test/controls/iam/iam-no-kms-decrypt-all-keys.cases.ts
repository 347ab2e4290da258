import { defineCases } from '../../helpers/cases';
import { allow, CDK_PIPELINE_POLICY, deny, doc, role } from './fixtures';

export default defineCases({
  controlId: 'CICD.IAM.17',
  resourceType: 'AWS::IAM::Role',
  cases: [
    { name: 'CDK Pipelines: kms:Decrypt on the artifact key passes', properties: role(CDK_PIPELINE_POLICY), expect: 'PASS' },
    { name: 'Decrypt on * via Secrets Manager only passes', properties: role(doc(allow('kms:Decrypt', '*', { Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com' } } }))), expect: 'PASS' },
    { name: 'no Policies (missing)', properties: role(), expect: 'PASS' },
    { name: 'kms:Decrypt on *', properties: role(doc(allow('kms:Decrypt', '*'))), expect: 'FAIL', messageIncludes: ['Policies[0].PolicyDocument.Statement[0]', 'kms:Decrypt'] },
    { name: 'KMS:ReEncrypt* on key/*', properties: role(doc(allow('KMS:ReEncrypt*', 'arn:aws-cn:kms:cn-north-1:123456789012:key/*'))), expect: 'FAIL', messageIncludes: 'kms:ReEncryptFrom' },
    { name: 'Deny first then kms:* on * (JSON string)', properties: role(JSON.stringify(doc(deny('kms:ScheduleKeyDeletion'), allow('kms:*', '*')))), expect: 'FAIL', messageIncludes: 'Statement[1]' },
    { name: 'update widens Decrypt to all keys', properties: role(doc(allow('kms:Decrypt', '*'))), previous: role(doc(allow('kms:Decrypt', 'arn:aws:kms:eu-west-1:123456789012:key/abc'))), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
  ],
});
