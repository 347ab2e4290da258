import { defineCases } from '../../helpers/cases';

const CMK = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const domain = (extra: Record<string, unknown> = {}) => ({ DomainName: 'acme', ...extra });

export default defineCases({
  controlId: 'CICD.CODEARTIFACT.1',
  resourceType: 'AWS::CodeArtifact::Domain',
  cases: [
    { name: 'customer-managed key ARN', properties: domain({ EncryptionKey: CMK }), expect: 'PASS' },
    { name: 'customer-managed key alias ARN', properties: domain({ EncryptionKey: 'arn:aws:kms:eu-west-1:123456789012:alias/packages' }), expect: 'PASS' },
    { name: 'EncryptionKey missing (aws/codeartifact)', absent: ['EncryptionKey'], properties: domain(), expect: 'FAIL', messageIncludes: ['EncryptionKey is missing', 'alias/aws/codeartifact'] },
    { name: 'EncryptionKey empty string', properties: domain({ EncryptionKey: '' }), expect: 'FAIL' },
    { name: 'AWS-managed alias', properties: domain({ EncryptionKey: 'alias/aws/codeartifact' }), expect: 'FAIL', messageIncludes: 'AWS-managed' },
    { name: 'AWS-managed alias ARN in another case', properties: domain({ EncryptionKey: 'arn:aws:kms:eu-west-1:123456789012:ALIAS/AWS/codeartifact' }), expect: 'FAIL' },
    { name: 'update removes the key', properties: domain(), previous: domain({ EncryptionKey: CMK }), actions: ['UPDATE'], expect: 'FAIL', weakened: true, messageIncludes: ['EncryptionKey is missing', 'introduced by this update'] },
    { name: 'EncryptionKey from Fn::GetAtt (local check only)', properties: domain({ EncryptionKey: { 'Fn::GetAtt': ['Key', 'Arn'] } }), expect: 'UNKNOWN', typedOnly: true },
  ],
});
