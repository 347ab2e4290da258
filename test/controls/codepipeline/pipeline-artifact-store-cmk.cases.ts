import { defineCases } from '../../helpers/cases';
import { CMK_ARN, cmkStore, hardenedPipeline } from './builders';

const { ArtifactStore: _drop, ...noStore } = hardenedPipeline();
const multi = (eu: unknown, us: unknown) => ({
  ...noStore,
  ArtifactStores: [
    { Region: 'eu-west-1', ArtifactStore: eu },
    { Region: 'us-east-1', ArtifactStore: us },
  ],
});
const usCmk = cmkStore({ Location: 'pipestack-support-us-east-1-replicationbucket', EncryptionKey: { Type: 'KMS', Id: 'arn:aws:kms:us-east-1:111111111111:alias/codepipeline-replication' } });
const noKey = { Type: 'S3', Location: 'pipestack-ppipelineartifactsbucket-1x2y3z4w5v6u' };

export default defineCases({
  controlId: 'CICD.CODEPIPELINE.1',
  resourceType: 'AWS::CodePipeline::Pipeline',
  cases: [
    { name: 'artifact store encrypted with a CMK (key ARN)', properties: hardenedPipeline(), expect: 'PASS' },
    { name: 'artifact store encrypted with a CMK alias', properties: hardenedPipeline({ ArtifactStore: cmkStore({ EncryptionKey: { Type: 'KMS', Id: 'alias/pipeline-artifacts' } }) }), expect: 'PASS' },
    { name: 'EncryptionKey missing (CDK crossAccountKeys false): default aws/s3 key', absent: ['ArtifactStore.EncryptionKey'], properties: hardenedPipeline({ ArtifactStore: noKey }), expect: 'FAIL', messageIncludes: ['ArtifactStore.EncryptionKey', 'missing'] },
    { name: 'EncryptionKey is the AWS-managed alias/aws/s3', properties: hardenedPipeline({ ArtifactStore: cmkStore({ EncryptionKey: { Type: 'KMS', Id: 'alias/aws/s3' } }) }), expect: 'FAIL', messageIncludes: ['ArtifactStore.EncryptionKey.Id', 'alias/aws/s3'] },
    { name: 'EncryptionKey is the AWS-managed key as an alias ARN', properties: hardenedPipeline({ ArtifactStore: cmkStore({ EncryptionKey: { Type: 'KMS', Id: 'arn:aws:kms:eu-west-1:111111111111:alias/aws/s3' } }) }), expect: 'FAIL', messageIncludes: 'AWS-managed' },
    { name: 'EncryptionKey without Id', absent: ['ArtifactStore.EncryptionKey.Id'], properties: hardenedPipeline({ ArtifactStore: cmkStore({ EncryptionKey: { Type: 'KMS' } }) }), expect: 'FAIL', messageIncludes: 'ArtifactStore.EncryptionKey.Id' },
    { name: 'EncryptionKey with an empty Id', properties: hardenedPipeline({ ArtifactStore: cmkStore({ EncryptionKey: { Type: 'KMS', Id: '  ' } }) }), expect: 'FAIL', messageIncludes: 'ArtifactStore.EncryptionKey.Id' },
    { name: 'EncryptionKey Type not KMS', properties: hardenedPipeline({ ArtifactStore: cmkStore({ EncryptionKey: { Type: 'AES256', Id: CMK_ARN } }) }), expect: 'FAIL', messageIncludes: 'ArtifactStore.EncryptionKey.Type' },
    { name: 'EncryptionKey as a string instead of an object', properties: hardenedPipeline({ ArtifactStore: cmkStore({ EncryptionKey: CMK_ARN }) }), expect: 'FAIL', messageIncludes: 'ArtifactStore.EncryptionKey' },
    { name: 'ArtifactStore and ArtifactStores both absent', absent: ['ArtifactStore', 'ArtifactStores'], properties: noStore, expect: 'FAIL', messageIncludes: 'ArtifactStore' },
    { name: 'ArtifactStore is junk (a number)', properties: hardenedPipeline({ ArtifactStore: 42 }), expect: 'FAIL', messageIncludes: 'ArtifactStore' },
    { name: 'multi-region ArtifactStores all with CMKs', properties: multi(cmkStore(), usCmk), expect: 'PASS' },
    { name: 'multi-region ArtifactStores: second region without EncryptionKey', absent: ['ArtifactStores[1].ArtifactStore.EncryptionKey'], properties: multi(cmkStore(), noKey), expect: 'FAIL', messageIncludes: 'ArtifactStores[1].ArtifactStore.EncryptionKey' },
    {
      name: 'multi-region ArtifactStores: aws/s3 in one region',
      properties: multi(cmkStore({ EncryptionKey: { Type: 'KMS', Id: 'aws/s3' } }), usCmk),
      expect: 'FAIL',
      messageIncludes: 'ArtifactStores[0].ArtifactStore.EncryptionKey.Id',
    },
    { name: 'multi-region entry without ArtifactStore', properties: multi(cmkStore(), undefined), expect: 'FAIL', messageIncludes: 'ArtifactStores[1].ArtifactStore' },
    {
      name: 'update removes the CMK from the artifact store',
      properties: hardenedPipeline({ ArtifactStore: noKey }),
      previous: hardenedPipeline(),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
      messageIncludes: 'ArtifactStore.EncryptionKey is missing',
    },
    {
      name: 'update switches one region to the AWS-managed key',
      properties: multi(cmkStore(), cmkStore({ EncryptionKey: { Type: 'KMS', Id: 'alias/aws/s3' } })),
      previous: multi(cmkStore(), usCmk),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
      messageIncludes: 'ArtifactStores[1]',
    },
    { name: 'update adds the CMK', properties: hardenedPipeline(), previous: hardenedPipeline({ ArtifactStore: noKey }), actions: ['UPDATE'], expect: 'PASS' },
    { name: 'key Id as an unresolved Fn::GetAtt (local check only)', properties: hardenedPipeline({ ArtifactStore: cmkStore({ EncryptionKey: { Type: 'KMS', Id: { 'Fn::GetAtt': ['Key', 'Arn'] } } }) }), expect: 'UNKNOWN', typedOnly: true },
  ],
});
