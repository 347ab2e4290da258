import { defineCases } from '../../helpers/cases';

const CMK = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const policy = (...statements: Record<string, unknown>[]) => ({ Version: '2012-10-17', Statement: statements });
const domain = (p?: unknown) => ({ DomainName: 'acme', EncryptionKey: CMK, ...(p !== undefined ? { PermissionsPolicyDocument: p } : {}) });

export default defineCases({
  controlId: 'CICD.CODEARTIFACT.3',
  resourceType: 'AWS::CodeArtifact::Domain',
  cases: [
    { name: 'domain policy absent', absent: ['PermissionsPolicyDocument'], properties: domain(), expect: 'PASS' },
    { name: 'named account may read', properties: domain(policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'codeartifact:GetAuthorizationToken', Resource: '*' })), expect: 'PASS' },
    { name: 'anyone may get a token', properties: domain(policy({ Effect: 'Allow', Principal: '*', Action: 'codeartifact:GetAuthorizationToken', Resource: '*' })), expect: 'FAIL', messageIncludes: 'PermissionsPolicyDocument Statement[0]' },
    { name: 'anyone (JSON string, lower-case keys)', properties: domain('{"statement":{"effect":"allow","principal":{"AWS":"*"},"action":"codeartifact:*"}}'), expect: 'FAIL' },
  ],
});
