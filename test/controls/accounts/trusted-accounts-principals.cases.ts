import { defineCases } from '../../helpers/cases';

const OWN = '123456789012';
const FOREIGN = '444455556666';
const PROD = '222222222222';
const policy = (...statements: unknown[]) => ({ Version: '2012-10-17', Statement: statements });
const allow = (principal: unknown, extra: Record<string, unknown> = {}) => ({ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', Resource: '*', ...extra });

/** Where each type keeps its policy, and the rest of a minimal resource. */
const SHAPES: Record<string, { path: string; base: Record<string, unknown> }> = {
  'AWS::IAM::Role': { path: 'AssumeRolePolicyDocument', base: {} },
  'AWS::KMS::Key': { path: 'KeyPolicy', base: { EnableKeyRotation: true } },
  'AWS::KMS::ReplicaKey': { path: 'KeyPolicy', base: { PrimaryKeyArn: `arn:aws:kms:us-east-1:${OWN}:key/mrk-1234abcd12ab34cd56ef1234567890ab` } },
  'AWS::S3::BucketPolicy': { path: 'PolicyDocument', base: { Bucket: 'ci-artifacts' } },
  'AWS::S3::AccessPoint': { path: 'Policy', base: { Bucket: 'ci-artifacts' } },
  'AWS::S3::MultiRegionAccessPointPolicy': { path: 'Policy', base: { MrapName: 'ci-artifacts-mrap' } },
  'AWS::S3ObjectLambda::AccessPointPolicy': { path: 'PolicyDocument', base: { ObjectLambdaAccessPoint: 'ci-artifacts-olap' } },
  'AWS::S3Express::BucketPolicy': { path: 'PolicyDocument', base: { Bucket: 'ci-cache--euw1-az1--x-s3' } },
  'AWS::S3Express::AccessPoint': { path: 'Policy', base: { Bucket: 'ci-cache--euw1-az1--x-s3' } },
  'AWS::ECR::Repository': { path: 'RepositoryPolicyText', base: { RepositoryName: 'ci/app' } },
  'AWS::ECR::RegistryPolicy': { path: 'PolicyText', base: {} },
  'AWS::CodeArtifact::Domain': { path: 'PermissionsPolicyDocument', base: { DomainName: 'acme' } },
  'AWS::CodeArtifact::Repository': { path: 'PermissionsPolicyDocument', base: { DomainName: 'acme', RepositoryName: 'npm' } },
  'AWS::SecretsManager::ResourcePolicy': { path: 'ResourcePolicy', base: { SecretId: 'deploy-token', BlockPublicPolicy: true } },
  'AWS::ECR::PublicRepository': { path: 'RepositoryPolicyText', base: { RepositoryName: 'ci-base-images' } },
  'AWS::Events::EventBus': { path: 'Policy', base: { Name: 'ci-events' } },
  'AWS::SNS::TopicPolicy': { path: 'PolicyDocument', base: { Topics: [`arn:aws:sns:eu-west-1:${OWN}:pipeline-approvals`] } },
  'AWS::SQS::QueuePolicy': { path: 'PolicyDocument', base: { Queues: [`https://sqs.eu-west-1.amazonaws.com/${OWN}/deploy-requests`] } },
};
const POLICY_TYPES = Object.keys(SHAPES);
const withPolicy = (doc: unknown) => (t: string) => ({ ...SHAPES[t].base, [SHAPES[t].path]: doc });
const at = (rest: string) => (t: string) => `${SHAPES[t].path}.Statement[${rest}`;

const PERMISSION = 'AWS::Lambda::Permission';
const FN = `arn:aws:lambda:eu-west-1:${OWN}:function:deploy-hook`;
const perm = (extra: Record<string, unknown>) => ({ FunctionName: FN, Action: 'lambda:InvokeFunction', ...extra });
const LAYER = 'AWS::Lambda::LayerVersionPermission';
const layer = (extra: Record<string, unknown>) => ({ Action: 'lambda:GetLayerVersion', LayerVersionArn: `arn:aws:lambda:eu-west-1:${OWN}:layer:ci-tools:3`, ...extra });
const ORG = 'o-abc123def45';

export default defineCases({
  controlId: 'CICD.ACCOUNTS.1',
  resourceTypes: [...POLICY_TYPES, PERMISSION, LAYER],
  cases: [
    // every policy type
    { name: 'own account root', resourceType: POLICY_TYPES, properties: withPolicy(policy(allow({ AWS: `arn:aws:iam::${OWN}:root` }))), expect: 'PASS' },
    { name: 'a role of the own account, as a JSON string', resourceType: POLICY_TYPES, properties: (t) => withPolicy(JSON.stringify(policy(allow({ AWS: [`arn:aws:iam::${OWN}:role/deploy`] }))))(t), expect: 'PASS' },
    { name: 'a service principal', resourceType: POLICY_TYPES, properties: withPolicy(policy(allow({ Service: 'codebuild.amazonaws.com' }))), expect: 'PASS' },
    { name: 'a production account (ProductionAccountIds)', resourceType: POLICY_TYPES, properties: withPolicy(policy(allow({ AWS: PROD }))), config: { ProductionAccountIds: [PROD] }, expect: 'PASS' },
    { name: 'a listed account (TrustedAccountIds)', resourceType: POLICY_TYPES, properties: withPolicy(policy(allow({ AWS: `arn:aws:iam::${FOREIGN}:role/reader` }))), config: { TrustedAccountIds: [FOREIGN] }, expect: 'PASS' },
    { name: 'a foreign account only in a Deny', resourceType: POLICY_TYPES, properties: withPolicy(policy({ ...allow({ AWS: `arn:aws:iam::${FOREIGN}:root` }), Effect: 'Deny' })), expect: 'PASS' },
    { name: '"*" pinned to a trusted organisation', resourceType: POLICY_TYPES, properties: withPolicy(policy(allow('*', { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123def45' } } }))), config: { TrustedOrganizationIds: ['o-abc123def45'] }, expect: 'PASS' },
    { name: '"*" pinned to the own account', resourceType: POLICY_TYPES, properties: withPolicy(policy(allow({ AWS: '*' }, { Condition: { StringEquals: { 'aws:PrincipalAccount': OWN } } }))), expect: 'PASS' },
    { name: 'no policy names nobody', resourceType: POLICY_TYPES, absent: (t) => [SHAPES[t].path], properties: (t) => ({ ...SHAPES[t].base }), expect: 'PASS' },
    { name: 'a foreign account root', resourceType: POLICY_TYPES, properties: withPolicy(policy(allow({ AWS: `arn:aws:iam::${FOREIGN}:root` }))), expect: 'FAIL', messageIncludes: (t) => [`${SHAPES[t].path}.Statement[0]`, `account ${FOREIGN}`] },
    { name: 'a foreign bare account ID in a list', resourceType: POLICY_TYPES, properties: withPolicy(policy(allow({ AWS: [`arn:aws:iam::${OWN}:root`, FOREIGN] }))), expect: 'FAIL', messageIncludes: `account ${FOREIGN}` },
    { name: 'a foreign STS session, lower-case keys', resourceType: POLICY_TYPES, properties: withPolicy({ statement: [{ effect: 'allow', principal: { AWS: `arn:aws:sts::${FOREIGN}:assumed-role/x/y` }, action: '*' }] }), expect: 'FAIL', messageIncludes: FOREIGN },
    { name: 'a foreign account in a JSON string', resourceType: POLICY_TYPES, properties: (t) => withPolicy(JSON.stringify(policy(allow({ AWS: `arn:aws:iam::${FOREIGN}:role/x` }))))(t), expect: 'FAIL' },
    { name: 'a wildcard account', resourceType: POLICY_TYPES, properties: withPolicy(policy(allow({ AWS: 'arn:aws:iam::*:role/deploy' }))), expect: 'FAIL', messageIncludes: 'any account' },
    { name: '"*" pinned to a foreign account', resourceType: POLICY_TYPES, properties: withPolicy(policy(allow('*', { Condition: { StringEquals: { 'aws:PrincipalAccount': [FOREIGN] } } }))), expect: 'FAIL', messageIncludes: (t) => [at('0].Condition.StringEquals.aws:PrincipalAccount')(t), FOREIGN] },
    { name: '"*" pinned to an organisation that is not listed', resourceType: POLICY_TYPES, properties: withPolicy(policy(allow('*', { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-zzz999yyy88' } } }))), expect: 'FAIL', messageIncludes: 'TrustedOrganizationIds' },
    { name: '"*" limited only by a VPC endpoint names no account', resourceType: POLICY_TYPES, properties: withPolicy(policy(allow('*', { Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } }))), expect: 'FAIL', messageIncludes: 'allows any account' },
    { name: 'a service acting for a foreign account (aws:SourceAccount)', resourceType: POLICY_TYPES, properties: withPolicy(policy(allow({ Service: 'logging.s3.amazonaws.com' }, { Condition: { StringEquals: { 'aws:SourceAccount': FOREIGN } } }))), expect: 'FAIL', messageIncludes: FOREIGN },
    { name: 'a foreign source ARN (ArnLike aws:SourceArn)', resourceType: POLICY_TYPES, properties: withPolicy(policy(allow({ Service: 'sns.amazonaws.com' }, { Condition: { ArnLike: { 'aws:SourceArn': `arn:aws:sns:eu-west-1:${FOREIGN}:topic` } } }))), expect: 'FAIL', messageIncludes: FOREIGN },
    { name: 'a foreign OIDC provider (Federated)', resourceType: POLICY_TYPES, properties: withPolicy(policy(allow({ Federated: `arn:aws:iam::${FOREIGN}:oidc-provider/token.actions.githubusercontent.com` }))), expect: 'FAIL', messageIncludes: 'Federated' },
    { name: 'a CanonicalUser cannot be matched', resourceType: POLICY_TYPES, properties: withPolicy(policy(allow({ CanonicalUser: '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be' }))), expect: 'FAIL', messageIncludes: 'CanonicalUser' },
    { name: 'NotPrincipal allows every other account', resourceType: POLICY_TYPES, properties: withPolicy(policy({ Effect: 'Allow', NotPrincipal: { AWS: `arn:aws:iam::${OWN}:root` }, Action: '*' })), expect: 'FAIL', messageIncludes: 'NotPrincipal' },
    { name: 'a principal from a Ref is UNKNOWN', resourceType: POLICY_TYPES, properties: withPolicy(policy(allow({ AWS: { Ref: 'Partner' } }))), expect: 'UNKNOWN', typedOnly: true },
    { name: 'update hands the resource to a foreign account', resourceType: POLICY_TYPES, properties: withPolicy(policy(allow({ AWS: `arn:aws:iam::${FOREIGN}:root` }))), previous: withPolicy(policy(allow({ AWS: `arn:aws:iam::${OWN}:root` }))), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
    { name: 'StringEqualsIgnoreCase with an upper-case ARN of a foreign account', resourceType: POLICY_TYPES, properties: withPolicy(policy(allow({ AWS: '*' }, { Condition: { StringEqualsIgnoreCase: { 'aws:PrincipalArn': `ARN:AWS:IAM::${FOREIGN}:ROLE/X` } } }))), expect: 'FAIL', messageIncludes: FOREIGN },
    { name: 'a pin value that is no ARN cannot be matched', resourceType: POLICY_TYPES, properties: withPolicy(policy(allow({ AWS: '*' }, { Condition: { StringEquals: { 'aws:PrincipalArn': 'role/deployer' } } }))), expect: 'FAIL', messageIncludes: 'not an ARN' },
    { name: 'the data-perimeter idiom aws:PrincipalAccount = ${aws:ResourceAccount}', resourceType: POLICY_TYPES, properties: withPolicy(policy(allow({ AWS: '*' }, { Condition: { StringEquals: { 'aws:PrincipalAccount': '${aws:ResourceAccount}' } } }))), expect: 'PASS' },
    { name: 'delegation to the own account\'s access points (s3:DataAccessPointAccount)', resourceType: 'AWS::S3::BucketPolicy', properties: withPolicy(policy(allow({ AWS: '*' }, { Action: '*', Condition: { StringEquals: { 's3:DataAccessPointAccount': OWN } } }))), expect: 'PASS' },
    { name: 'delegation to a foreign account\'s access points', resourceType: 'AWS::S3::BucketPolicy', properties: withPolicy(policy(allow({ AWS: '*' }, { Action: '*', Condition: { StringEquals: { 's3:DataAccessPointAccount': FOREIGN } } }))), expect: 'FAIL', messageIncludes: FOREIGN },
    { name: 'a service for a bucket named only by its ARN (no account)', resourceType: POLICY_TYPES, properties: withPolicy(policy(allow({ Service: 'logging.s3.amazonaws.com' }, { Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::some-bucket' } } }))), expect: 'FAIL', messageIncludes: 'aws:SourceAccount' },
    { name: 'a service for a bucket ARN and the own account', resourceType: POLICY_TYPES, properties: withPolicy(policy(allow({ Service: 'logging.s3.amazonaws.com' }, { Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::some-bucket' }, StringEquals: { 'aws:SourceAccount': OWN } } }))), expect: 'PASS' },
    // AWS::Lambda::Permission
    { name: 'the own account', resourceType: PERMISSION, properties: perm({ Principal: OWN }), expect: 'PASS' },
    { name: 'a service for the own account', resourceType: PERMISSION, properties: perm({ Principal: 's3.amazonaws.com', SourceAccount: OWN, SourceArn: 'arn:aws:s3:::ci-artifacts' }), expect: 'PASS' },
    { name: 'a listed account by role ARN', resourceType: PERMISSION, properties: perm({ Principal: `arn:aws:iam::${FOREIGN}:role/caller` }), config: { TrustedAccountIds: [FOREIGN] }, expect: 'PASS' },
    { name: 'Principal missing names nobody', resourceType: PERMISSION, absent: ['Principal'], properties: perm({}), expect: 'PASS' },
    { name: 'a foreign account', resourceType: PERMISSION, properties: perm({ Principal: FOREIGN }), expect: 'FAIL', messageIncludes: ['Principal', `account ${FOREIGN}`] },
    { name: 'a service for a foreign account', resourceType: PERMISSION, properties: perm({ Principal: 'events.amazonaws.com', SourceAccount: FOREIGN }), expect: 'FAIL', messageIncludes: ['SourceAccount', FOREIGN] },
    { name: 's3 for a bucket ARN without SourceAccount (the bucket may be another account\'s)', resourceType: PERMISSION, properties: perm({ Principal: 's3.amazonaws.com', SourceArn: 'arn:aws:s3:::attacker-bucket' }), expect: 'FAIL', messageIncludes: ['SourceArn', 'SourceAccount'] },
    { name: 'a foreign source ARN', resourceType: PERMISSION, properties: perm({ Principal: 'events.amazonaws.com', SourceArn: `arn:aws:events:eu-west-1:${FOREIGN}:rule/x` }), expect: 'FAIL', messageIncludes: ['SourceArn', FOREIGN] },
    { name: '"*" with an organisation that is not listed', resourceType: PERMISSION, properties: perm({ Principal: '*', PrincipalOrgID: 'o-zzz999yyy88' }), expect: 'FAIL', messageIncludes: 'PrincipalOrgID' },
    { name: '"*" alone', resourceType: PERMISSION, properties: perm({ Principal: '*' }), expect: 'FAIL', messageIncludes: 'any account' },
    { name: 'a Principal from a Ref is UNKNOWN', resourceType: PERMISSION, properties: perm({ Principal: { Ref: 'Caller' } }), expect: 'UNKNOWN', typedOnly: true },
    { name: 'update grants a foreign account', resourceType: PERMISSION, properties: perm({ Principal: FOREIGN }), previous: perm({ Principal: OWN }), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
    // AWS::Lambda::LayerVersionPermission (Principal: an account, its root ARN or "*"; OrganizationId with "*")
    { name: 'a layer for the own account', resourceType: LAYER, properties: layer({ Principal: OWN }), expect: 'PASS' },
    { name: 'a layer for a production account root', resourceType: LAYER, properties: layer({ Principal: `arn:aws:iam::${PROD}:root` }), config: { ProductionAccountIds: [PROD] }, expect: 'PASS' },
    { name: 'a layer for "*" of a trusted organisation', resourceType: LAYER, properties: layer({ Principal: '*', OrganizationId: ORG }), config: { TrustedOrganizationIds: [ORG] }, expect: 'PASS' },
    { name: 'layer Principal missing names nobody', resourceType: LAYER, absent: ['Principal'], properties: layer({}), expect: 'PASS' },
    { name: 'a layer shared out to a foreign account', resourceType: LAYER, properties: layer({ Principal: FOREIGN }), expect: 'FAIL', messageIncludes: ['Principal', `account ${FOREIGN}`] },
    { name: 'a layer shared out to a foreign account root ARN', resourceType: LAYER, properties: layer({ Principal: `arn:aws:iam::${FOREIGN}:root` }), expect: 'FAIL', messageIncludes: FOREIGN },
    { name: 'a public layer ("*" alone)', resourceType: LAYER, properties: layer({ Principal: '*' }), expect: 'FAIL', messageIncludes: 'any account' },
    { name: 'a layer for "*" of an organisation that is not listed', resourceType: LAYER, properties: layer({ Principal: '*', OrganizationId: 'o-zzz999yyy88' }), expect: 'FAIL', messageIncludes: ['OrganizationId', 'TrustedOrganizationIds'] },
    { name: 'a layer for a wildcard account', resourceType: LAYER, properties: layer({ Principal: 'arn:aws:iam::*:root' }), expect: 'FAIL', messageIncludes: 'any account' },
    { name: 'a layer Principal from a parameter is UNKNOWN', resourceType: LAYER, properties: layer({ Principal: { Ref: 'LayerConsumer' } }), expect: 'UNKNOWN', typedOnly: true },
    { name: 'a layer OrganizationId from a parameter is UNKNOWN', resourceType: LAYER, properties: layer({ Principal: '*', OrganizationId: { Ref: 'Org' } }), expect: 'UNKNOWN', typedOnly: true },
    { name: 'update shares the layer out', resourceType: LAYER, properties: layer({ Principal: FOREIGN }), previous: layer({ Principal: OWN }), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
    // condition entries are ANDed: one that pins the caller to trusted accounts is enough
    { name: '"*" pinned to the own account and an unlisted organisation', resourceType: POLICY_TYPES, properties: withPolicy(policy(allow('*', { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-zzz999yyy88', 'aws:PrincipalAccount': OWN } } }))), expect: 'PASS' },
    { name: '"*" limited only by a bucket ARN (no account field) names no account', resourceType: POLICY_TYPES, properties: withPolicy(policy(allow('*', { Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::ci-artifacts' } } }))), expect: 'FAIL', messageIncludes: 'allows any account' },
    { name: '"*" with a negated account condition names no account', resourceType: POLICY_TYPES, properties: withPolicy(policy(allow('*', { Condition: { StringNotEquals: { 'aws:PrincipalAccount': FOREIGN } } }))), expect: 'FAIL', messageIncludes: 'allows any account' },
    { name: '"*" pinned by a policy variable', resourceType: POLICY_TYPES, properties: withPolicy(policy(allow('*', { Condition: { StringEquals: { 'aws:PrincipalAccount': '${aws:PrincipalAccount}' } } }))), expect: 'FAIL', messageIncludes: 'wildcard account' },
  ],
});
