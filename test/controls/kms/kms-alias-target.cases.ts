import { defineCases } from '../../helpers/cases';

const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

export default defineCases({
  controlId: 'CICD.KMS.5',
  resourceType: 'AWS::KMS::Alias',
  cases: [
    { name: 'customer alias to a key ARN', properties: { AliasName: 'alias/ci-artifacts', TargetKeyId: KEY }, expect: 'PASS' },
    { name: 'customer alias to a key ID', properties: { AliasName: 'alias/ci-artifacts', TargetKeyId: '1234abcd-12ab-34cd-56ef-1234567890ab' }, expect: 'PASS' },
    { name: 'AliasName missing', absent: ['AliasName'], properties: { TargetKeyId: KEY }, expect: 'FAIL', messageIncludes: 'AliasName is missing' },
    { name: 'TargetKeyId missing', absent: ['TargetKeyId'], properties: { AliasName: 'alias/ci-artifacts' }, expect: 'FAIL', messageIncludes: 'TargetKeyId is missing' },
    { name: 'AliasName without alias/ prefix', properties: { AliasName: 'ci-artifacts', TargetKeyId: KEY }, expect: 'FAIL', messageIncludes: 'alias/' },
    { name: 'AliasName in the reserved alias/aws/ namespace', properties: { AliasName: 'alias/aws/s3', TargetKeyId: KEY }, expect: 'FAIL', messageIncludes: 'alias/aws/' },
    { name: 'reserved namespace in another letter case', properties: { AliasName: 'Alias/AWS/ci', TargetKeyId: KEY }, expect: 'FAIL' },
    { name: 'TargetKeyId is an AWS-managed alias', properties: { AliasName: 'alias/ci-artifacts', TargetKeyId: 'alias/aws/s3' }, expect: 'FAIL', messageIncludes: 'TargetKeyId' },
    { name: 'unresolved TargetKeyId (local CDK template)', properties: { AliasName: 'alias/ci-artifacts', TargetKeyId: { 'Fn::GetAtt': ['Key', 'Arn'] } }, expect: 'UNKNOWN', typedOnly: true },
  ],
});
