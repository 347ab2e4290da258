import { defineCases } from '../../helpers/cases';

const SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:deploy-token-AbCdEf';
const READ = { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/deploy' }, Action: 'secretsmanager:GetSecretValue', Resource: '*' };
const rp = (statements: unknown[], extra: Record<string, unknown> = { BlockPublicPolicy: true }) => ({ SecretId: SECRET, ResourcePolicy: { Version: '2012-10-17', Statement: statements }, ...extra });

export default defineCases({
  controlId: 'CICD.SECRETS.3',
  resourceType: 'AWS::SecretsManager::ResourcePolicy',
  cases: [
    { name: 'a role of the account reads the secret', properties: rp([READ]), expect: 'PASS' },
    { name: 'as a JSON string', properties: { SecretId: SECRET, ResourcePolicy: JSON.stringify({ Statement: [READ] }), BlockPublicPolicy: 'true' }, expect: 'PASS' },
    { name: '"*" limited to the organisation', properties: rp([{ ...READ, Principal: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } }]), expect: 'PASS' },
    { name: 'BlockPublicPolicy "True"', properties: rp([READ], { BlockPublicPolicy: 'True' }), expect: 'PASS' },
    { name: 'ResourcePolicy missing', absent: ['ResourcePolicy'], properties: { SecretId: SECRET, BlockPublicPolicy: true }, expect: 'FAIL', messageIncludes: 'ResourcePolicy is missing' },
    { name: 'BlockPublicPolicy missing', absent: ['BlockPublicPolicy'], properties: rp([READ], {}), expect: 'FAIL', messageIncludes: 'BlockPublicPolicy is not set' },
    { name: 'BlockPublicPolicy false', properties: rp([READ], { BlockPublicPolicy: false }), expect: 'FAIL', messageIncludes: 'BlockPublicPolicy is false' },
    { name: 'BlockPublicPolicy "FALSE"', properties: rp([READ], { BlockPublicPolicy: 'FALSE' }), expect: 'FAIL' },
    { name: 'Principal "*"', properties: rp([{ ...READ, Principal: '*' }]), expect: 'FAIL', messageIncludes: ['ResourcePolicy Statement[0]', 'any principal'] },
    { name: 'a wildcard account', properties: rp([{ ...READ, Principal: { AWS: ['arn:aws:iam::*:role/deploy'] } }]), expect: 'FAIL' },
    { name: 'NotPrincipal on Allow', properties: rp([{ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'secretsmanager:GetSecretValue', Resource: '*' }]), expect: 'FAIL' },
    { name: 'public in a JSON string', properties: { SecretId: SECRET, ResourcePolicy: JSON.stringify({ Statement: { ...READ, Principal: { AWS: '*' } } }), BlockPublicPolicy: true }, expect: 'FAIL' },
    { name: 'unreadable policy', properties: { SecretId: SECRET, ResourcePolicy: '{"Statement":', BlockPublicPolicy: true }, expect: 'FAIL', messageIncludes: 'not valid JSON' },
    { name: 'a principal from a Ref is UNKNOWN', properties: rp([{ ...READ, Principal: { AWS: { Ref: 'Reader' } } }]), expect: 'UNKNOWN', typedOnly: true },
    { name: 'update opens the secret', properties: rp([{ ...READ, Principal: '*' }]), previous: rp([READ]), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
  ],
});
