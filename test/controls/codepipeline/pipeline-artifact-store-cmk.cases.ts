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

// live lookups (issue 14): keys of the request's own account are looked up; the facts come from the case's table
const OWN_KEY_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/0d1e2f3a-4b5c-6d7e-8f90-a1b2c3d4e5f6';
const OWN_KEY_ID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
const awsManaged = (arn: string) => ({ arn, awsManaged: true, enabled: true, rotation: true });
const customer = (arn: string) => ({ arn, awsManaged: false, enabled: true, rotation: true });
const withKey = (id: string) => hardenedPipeline({ ArtifactStore: cmkStore({ EncryptionKey: { Type: 'KMS', Id: id } }) });

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
    { name: 'lookup: the key ARN of an AWS managed key (aws/s3 named by key ARN)', properties: withKey(OWN_KEY_ARN), facts: { [`kms.key ${OWN_KEY_ARN}`]: awsManaged(OWN_KEY_ARN) }, expect: 'FAIL', messageIncludes: ['ArtifactStore.EncryptionKey.Id', 'KeyManager AWS'] },
    { name: 'lookup: a bare key ID of an AWS managed key', properties: withKey(OWN_KEY_ID), facts: { [`kms.key ${OWN_KEY_ID}`]: awsManaged(OWN_KEY_ARN) }, expect: 'FAIL', messageIncludes: 'KeyManager AWS' },
    { name: 'lookup: an alias that is not aws/ but points at an AWS managed key is looked up too', properties: withKey('alias/artifacts'), facts: { 'kms.key alias/artifacts': awsManaged(OWN_KEY_ARN) }, expect: 'FAIL', messageIncludes: 'KeyManager AWS' },
    { name: 'lookup: a customer-managed key by ARN', properties: withKey(OWN_KEY_ARN), facts: { [`kms.key ${OWN_KEY_ARN}`]: customer(OWN_KEY_ARN) }, expect: 'PASS' },
    { name: 'lookup: a customer-managed key by bare key ID', properties: withKey(` ${OWN_KEY_ID} `), facts: { [`kms.key ${OWN_KEY_ID}`]: customer(OWN_KEY_ARN) }, expect: 'PASS' },
    { name: 'lookup denied: fails closed naming the property and the permission', properties: withKey(OWN_KEY_ARN), facts: { [`kms.key ${OWN_KEY_ARN}`]: { $error: "access denied: the hook's role needs kms:DescribeKey" } }, expect: 'FAIL', messageIncludes: ['ArtifactStore.EncryptionKey.Id', 'kms:DescribeKey', 'could not be looked up'] },
    { name: 'lookup denied with LookupFailureMode UNKNOWN: reported, not decided', properties: withKey(OWN_KEY_ARN), config: { LookupFailureMode: 'UNKNOWN' }, facts: { [`kms.key ${OWN_KEY_ARN}`]: { $error: 'throttled on kms:DescribeKey' } }, expect: 'UNKNOWN' },
    { name: 'lookup: a key of the request account that does not exist fails closed', properties: withKey(OWN_KEY_ARN), facts: {}, expect: 'FAIL', messageIncludes: 'not found' },
    { name: 'lookup: a key of another account is not looked up (judged by TrustedAccountIds)', properties: hardenedPipeline(), facts: {}, expect: 'PASS' },
    { name: 'lookup: alias/aws/s3 fails without a lookup', properties: withKey('alias/aws/s3'), facts: {}, expect: 'FAIL', messageIncludes: 'alias/aws/s3' },
    {
      name: 'lookup: update from a customer-managed key to an AWS managed key ARN is a weakening',
      properties: withKey(OWN_KEY_ARN),
      previous: withKey('arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-4333-8444-555555555555'),
      facts: { [`kms.key ${OWN_KEY_ARN}`]: awsManaged(OWN_KEY_ARN), 'kms.key arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-4333-8444-555555555555': customer('arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-4333-8444-555555555555') },
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
    },
    { name: 'key Id as an unresolved Fn::GetAtt (local check only)', properties: hardenedPipeline({ ArtifactStore: cmkStore({ EncryptionKey: { Type: 'KMS', Id: { 'Fn::GetAtt': ['Key', 'Arn'] } } }) }), expect: 'UNKNOWN', typedOnly: true },
  ],
});
