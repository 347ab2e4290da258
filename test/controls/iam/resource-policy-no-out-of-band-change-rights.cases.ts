import { defineCases } from '../../helpers/cases';

const OWN = '123456789012';
const FOREIGN = '444455556666';
const PROD = '222222222222';
const ROOT = `arn:aws:iam::${OWN}:root`;
const OTHER_ROLE = `arn:aws:iam::${FOREIGN}:role/x`;
const OWN_ROLE = `arn:aws:iam::${OWN}:role/deployer`;
const KEY_ADMINS = `arn:aws:iam::${OWN}:role/KeyAdministrators`;
const BUCKET_ARN = 'arn:aws:s3:::ci-artifacts';
const AP_ARN = `arn:aws:s3:eu-west-1:${OWN}:accesspoint/ci`;

const policy = (...statements: unknown[]) => ({ Version: '2012-10-17', Statement: statements });

/**
 * Where each type keeps its policy, the rest of a minimal resource, the service the policy grants, one change
 * right of that service (a policy change), one use right, and the resource its statements name.
 */
interface Shape {
  path: string;
  base: Record<string, unknown>;
  change: string;
  use: string;
  service: string;
  resource: string;
  required: boolean;
}
const SHAPES: Record<string, Shape> = {
  'AWS::S3::BucketPolicy': { path: 'PolicyDocument', base: { Bucket: 'ci-artifacts' }, service: 's3', change: 's3:PutBucketPolicy', use: 's3:GetObject', resource: BUCKET_ARN, required: true },
  'AWS::S3::AccessPoint': { path: 'Policy', base: { Bucket: 'ci-artifacts' }, service: 's3', change: 's3:PutAccessPointPolicy', use: 's3:GetObject', resource: AP_ARN, required: false },
  'AWS::KMS::Key': { path: 'KeyPolicy', base: { EnableKeyRotation: true }, service: 'kms', change: 'kms:PutKeyPolicy', use: 'kms:Decrypt', resource: '*', required: false },
  'AWS::KMS::ReplicaKey': { path: 'KeyPolicy', base: { PrimaryKeyArn: `arn:aws:kms:us-east-1:${OWN}:key/mrk-1234abcd12ab34cd56ef1234567890ab` }, service: 'kms', change: 'kms:ScheduleKeyDeletion', use: 'kms:Decrypt', resource: '*', required: true },
  'AWS::ECR::Repository': { path: 'RepositoryPolicyText', base: { RepositoryName: 'ci/app' }, service: 'ecr', change: 'ecr:SetRepositoryPolicy', use: 'ecr:BatchGetImage', resource: '*', required: false },
  'AWS::ECR::RegistryPolicy': { path: 'PolicyText', base: {}, service: 'ecr', change: 'ecr:DeleteRepository', use: 'ecr:ReplicateImage', resource: '*', required: true },
  'AWS::ECR::RepositoryCreationTemplate': { path: 'RepositoryPolicy', base: { Prefix: 'ci', AppliedFor: ['CREATE_ON_PUSH'] }, service: 'ecr', change: 'ecr:PutImageTagMutability', use: 'ecr:BatchGetImage', resource: '*', required: false },
  'AWS::CodeArtifact::Domain': { path: 'PermissionsPolicyDocument', base: { DomainName: 'acme' }, service: 'codeartifact', change: 'codeartifact:PutDomainPermissionsPolicy', use: 'codeartifact:GetAuthorizationToken', resource: '*', required: false },
  'AWS::CodeArtifact::Repository': { path: 'PermissionsPolicyDocument', base: { DomainName: 'acme', RepositoryName: 'npm' }, service: 'codeartifact', change: 'codeartifact:DeleteRepository', use: 'codeartifact:ReadFromRepository', resource: '*', required: false },
  'AWS::SecretsManager::ResourcePolicy': { path: 'ResourcePolicy', base: { SecretId: 'deploy-token', BlockPublicPolicy: true }, service: 'secretsmanager', change: 'secretsmanager:DeleteSecret', use: 'secretsmanager:GetSecretValue', resource: '*', required: true },
};
const POLICY_TYPES = Object.keys(SHAPES);
const REQUIRED = POLICY_TYPES.filter((t) => SHAPES[t].required);
const OPTIONAL = POLICY_TYPES.filter((t) => !SHAPES[t].required);
const S3_TYPES = ['AWS::S3::BucketPolicy', 'AWS::S3::AccessPoint'];

type Stmt = (t: string) => Record<string, unknown>;
/** A statement of a type's service: `action` may be a function of the shape. */
const grant = (principal: unknown, action: (s: Shape) => unknown, extra: Record<string, unknown> = {}): Stmt => (t) => ({ Effect: 'Allow', Principal: principal, Action: action(SHAPES[t]), Resource: SHAPES[t].resource, ...extra });
const doc = (...st: Stmt[]) => (t: string) => policy(...st.map((s) => s(t)));
const withPolicy = (d: (t: string) => unknown) => (t: string) => ({ ...SHAPES[t].base, [SHAPES[t].path]: d(t) });
const asString = (d: (t: string) => unknown) => (t: string) => JSON.stringify(d(t));
const at = (i: number) => (t: string) => `${SHAPES[t].path}.Statement[${i}]`;
const change = (s: Shape) => s.change;
const use = (s: Shape) => s.use;
const all = (s: Shape) => `${s.service}:*`;

const PERMISSION = 'AWS::Lambda::Permission';
const FN = `arn:aws:lambda:eu-west-1:${OWN}:function:deploy-hook`;
const perm = (extra: Record<string, unknown>) => ({ FunctionName: FN, Action: 'lambda:InvokeFunction', ...extra });

/** CICD.IAM.21: resource policies that hand the rights to change the guarded resource to another principal. */
export default defineCases({
  controlId: 'CICD.IAM.21',
  resourceTypes: [...POLICY_TYPES, PERMISSION],
  cases: [
    // ---- every policy type: what passes ----
    { name: 'account root with <service>:* (the AWS and CDK default key policy)', resourceType: POLICY_TYPES, properties: withPolicy(doc(grant({ AWS: ROOT }, all))), expect: 'PASS' },
    { name: 'the bare own account ID with "*", as a JSON string', resourceType: POLICY_TYPES, properties: withPolicy(asString(doc(grant({ AWS: [OWN] }, () => '*')))), expect: 'PASS' },
    { name: 'another account with use rights only', resourceType: POLICY_TYPES, properties: withPolicy(doc(grant({ AWS: OTHER_ROLE }, use))), expect: 'PASS' },
    { name: 'a service principal with use rights only', resourceType: POLICY_TYPES, properties: withPolicy(doc(grant({ Service: 'codebuild.amazonaws.com' }, use))), expect: 'PASS' },
    { name: 'a Deny of every change right to everyone', resourceType: POLICY_TYPES, properties: withPolicy(doc(grant('*', all, { Effect: 'Deny' }))), expect: 'PASS' },
    { name: 'change rights of another service grant nothing on this resource', resourceType: POLICY_TYPES, properties: withPolicy(doc(grant({ AWS: OTHER_ROLE }, () => ['lambda:UpdateFunctionCode', 'codebuild:UpdateProject']))), expect: 'PASS' },
    // no type the hook targets keeps an iam, events, ssm, scheduler or ec2 resource policy (a role's trust policy
    // grants sts actions only): those rights reach a guarded resource through identity policies (CICD.IAM.20)
    {
      name: 'iam, events, ssm, scheduler and ec2 change rights grant nothing through another service\'s policy',
      resourceType: POLICY_TYPES,
      properties: withPolicy(doc(grant({ AWS: OTHER_ROLE }, () => ['iam:PutRolePolicy', 'iam:Attach*', 'events:PutRule', 'ssm:PutParameter', 'scheduler:UpdateSchedule', 'ec2:RunInstances']))),
      expect: 'PASS',
    },
    {
      name: 'a platform key-admin role listed in AllowedChangeRightPrincipals (${AWS::AccountId} substituted)',
      resourceType: POLICY_TYPES,
      properties: withPolicy(doc(grant({ AWS: ROOT }, all), grant({ AWS: KEY_ADMINS }, all))),
      config: { AllowedChangeRightPrincipals: ['arn:${AWS::Partition}:iam::${AWS::AccountId}:role/KeyAdmin*'] },
      expect: 'PASS',
    },
    {
      name: '"*" pinned by aws:PrincipalArn to allowed roles (StringLike pattern inside the allowed glob)',
      resourceType: POLICY_TYPES,
      properties: withPolicy(doc(grant('*', change, { Condition: { StringLike: { 'aws:PrincipalArn': [KEY_ADMINS, `arn:aws:iam::${OWN}:role/platform-*`] } } }))),
      config: { AllowedChangeRightPrincipals: [KEY_ADMINS, `arn:aws:iam::${OWN}:role/platform-*`] },
      expect: 'PASS',
    },
    { name: 'another account root listed in AllowedChangeRightPrincipals', resourceType: POLICY_TYPES, properties: withPolicy(doc(grant({ AWS: `arn:aws:iam::${PROD}:root` }, change))), config: { AllowedChangeRightPrincipals: [`arn:aws:iam::${PROD}:root`] }, expect: 'PASS' },
    { name: 'no policy on a type that may omit it', resourceType: OPTIONAL, properties: (t) => ({ ...SHAPES[t].base }), absent: (t) => [SHAPES[t].path], expect: 'PASS' },

    // ---- every policy type: what fails ----
    { name: 'missing policy where the type requires one fails closed', resourceType: REQUIRED, properties: (t) => ({ ...SHAPES[t].base }), absent: (t) => [SHAPES[t].path], expect: 'FAIL', messageIncludes: (t) => `${SHAPES[t].path} is missing` },
    {
      name: 'a role of another account with the named change right',
      resourceType: POLICY_TYPES,
      properties: withPolicy(doc(grant({ AWS: ROOT }, all), grant({ AWS: OTHER_ROLE }, change, { Sid: 'Partner' }))),
      expect: 'FAIL',
      messageIncludes: (t) => [`${at(1)(t)} (Sid Partner)`, SHAPES[t].change, OTHER_ROLE],
    },
    { name: 'a role of the own account (a resource-policy grant needs no IAM policy)', resourceType: POLICY_TYPES, properties: withPolicy(doc(grant({ AWS: OWN_ROLE }, change))), expect: 'FAIL', messageIncludes: (t) => [at(0)(t), OWN_ROLE] },
    { name: 'a trusted production account root is not the account itself', resourceType: POLICY_TYPES, properties: withPolicy(doc(grant({ AWS: PROD }, change))), config: { ProductionAccountIds: [PROD], TrustedAccountIds: [FOREIGN] }, expect: 'FAIL', messageIncludes: `principal ${PROD}` },
    { name: '<service>:* to another account, JSON string', resourceType: POLICY_TYPES, properties: withPolicy(asString(doc(grant({ AWS: `arn:aws:iam::${FOREIGN}:root` }, all)))), expect: 'FAIL', messageIncludes: (t) => [at(0)(t), `via ${SHAPES[t].service}:*`] },
    { name: 'Action "*"', resourceType: POLICY_TYPES, properties: withPolicy(doc(grant({ AWS: OTHER_ROLE }, () => '*'))), expect: 'FAIL', messageIncludes: '(via *)' },
    { name: '? in the action name, odd letter case', resourceType: POLICY_TYPES, properties: withPolicy(doc(grant({ AWS: OTHER_ROLE }, (s) => s.change.toUpperCase().replace(/E/, '?')))), expect: 'FAIL', messageIncludes: (t) => SHAPES[t].change },
    { name: 'NotAction leaves the change rights', resourceType: POLICY_TYPES, properties: withPolicy(doc((t) => ({ Effect: 'Allow', Principal: { AWS: OTHER_ROLE }, NotAction: SHAPES[t].use, Resource: SHAPES[t].resource }))), expect: 'FAIL', messageIncludes: 'via NotAction' },
    { name: 'Principal "*" with no condition', resourceType: POLICY_TYPES, properties: withPolicy(doc(grant('*', change))), expect: 'FAIL', messageIncludes: 'any principal' },
    {
      name: '"*" limited by the organisation still hands the rights to every principal in it',
      resourceType: POLICY_TYPES,
      properties: withPolicy(doc(grant({ AWS: '*' }, change, { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123def45', 'aws:PrincipalAccount': OWN } } }))),
      config: { TrustedOrganizationIds: ['o-abc123def45'] },
      expect: 'FAIL',
      messageIncludes: 'any principal',
    },
    {
      name: '"*" with aws:PrincipalArn conditions that narrow nothing (wildcard account, IfExists, negated, own variable)',
      resourceType: POLICY_TYPES,
      properties: withPolicy(
        doc(
          grant('*', change, { Condition: { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/*' } } }),
          grant('*', change, { Condition: { ArnEqualsIfExists: { 'aws:PrincipalArn': KEY_ADMINS } } }),
          grant('*', change, { Condition: { ArnNotEquals: { 'aws:PrincipalArn': KEY_ADMINS } } }),
          grant('*', change, { Condition: { StringEquals: { 'aws:PrincipalArn': '${aws:PrincipalArn}' } } }),
          grant('*', change, { Condition: { 'ForAllValues:StringEquals': { 'aws:PrincipalArn': [KEY_ADMINS] } } }),
        ),
      ),
      config: { AllowedChangeRightPrincipals: [KEY_ADMINS] },
      expect: 'FAIL',
      messageIncludes: (t) => [0, 1, 2, 3, 4].map((i) => at(i)(t)),
    },
    {
      name: '"*" pinned by aws:PrincipalArn to a role that is not allowed, or to a list with one that is not',
      resourceType: POLICY_TYPES,
      properties: withPolicy(doc(grant('*', change, { Condition: { ArnEquals: { 'aws:PrincipalArn': [KEY_ADMINS, OTHER_ROLE] } } }))),
      config: { AllowedChangeRightPrincipals: [KEY_ADMINS] },
      expect: 'FAIL',
    },
    {
      name: 'an allowed glob with ? does not admit a StringLike * pattern',
      resourceType: POLICY_TYPES,
      properties: withPolicy(doc(grant('*', change, { Condition: { StringLike: { 'aws:PrincipalArn': `arn:aws:iam::${OWN}:role/admin-*` } } }))),
      config: { AllowedChangeRightPrincipals: [`arn:aws:iam::${OWN}:role/admin-?`] },
      expect: 'FAIL',
    },
    { name: 'a wildcard-account root', resourceType: POLICY_TYPES, properties: withPolicy(doc(grant({ AWS: 'arn:aws:iam::*:root' }, change))), expect: 'FAIL', messageIncludes: 'wildcard account' },
    { name: 'NotPrincipal', resourceType: POLICY_TYPES, properties: withPolicy(doc((t) => ({ Effect: 'Allow', NotPrincipal: { AWS: ROOT }, Action: SHAPES[t].change, Resource: SHAPES[t].resource }))), expect: 'FAIL', messageIncludes: 'everyone but the NotPrincipal' },
    { name: 'a service principal with a change right', resourceType: POLICY_TYPES, properties: withPolicy(doc(grant({ Service: 'lambda.amazonaws.com' }, change, { Condition: { StringEquals: { 'aws:SourceAccount': OWN } } }))), expect: 'FAIL', messageIncludes: 'service principal lambda.amazonaws.com' },
    { name: 'a misspelt Effect is judged as Allow', resourceType: POLICY_TYPES, properties: withPolicy(doc(grant({ AWS: OTHER_ROLE }, change, { Effect: 'Alow' }))), expect: 'FAIL', messageIncludes: 'judged as Allow' },
    { name: 'lower-case keys and a single Statement object', resourceType: POLICY_TYPES, properties: withPolicy((t) => ({ statement: { effect: 'Allow', principal: { AWS: OTHER_ROLE }, action: [SHAPES[t].use, SHAPES[t].change], resource: SHAPES[t].resource } })), expect: 'FAIL', messageIncludes: (t) => SHAPES[t].change },
    { name: 'an unreadable JSON-string policy fails closed', resourceType: POLICY_TYPES, properties: withPolicy(() => '{"Statement": [}'), expect: 'FAIL', messageIncludes: 'not valid JSON' },
    { name: 'a principal from a Ref is UNKNOWN', resourceType: POLICY_TYPES, properties: withPolicy(doc(grant({ AWS: { Ref: 'Partner' } }, change))), expect: 'UNKNOWN', typedOnly: true },
    { name: 'an Action from a Ref is UNKNOWN', resourceType: POLICY_TYPES, properties: withPolicy(doc(grant({ AWS: OTHER_ROLE }, () => ({ Ref: 'Actions' })))), expect: 'UNKNOWN', typedOnly: true },
    {
      name: 'update grants a change right to another account',
      resourceType: POLICY_TYPES,
      properties: withPolicy(doc(grant({ AWS: ROOT }, all), grant({ AWS: OTHER_ROLE }, (s) => [s.use, s.change]))),
      previous: withPolicy(doc(grant({ AWS: ROOT }, all), grant({ AWS: OTHER_ROLE }, use))),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
    },

    // ---- S3: what a statement's resources reach ----
    { name: 's3:* on objects only grants no bucket-level change right', resourceType: 'AWS::S3::BucketPolicy', properties: withPolicy(doc(grant({ AWS: OTHER_ROLE }, () => 's3:*', { Resource: `${BUCKET_ARN}/*` }))), expect: 'PASS' },
    { name: 's3:* on access point objects only', resourceType: 'AWS::S3::AccessPoint', properties: withPolicy(doc(grant({ AWS: OTHER_ROLE }, () => 's3:*', { Resource: `${AP_ARN}/object/*` }))), expect: 'PASS' },
    { name: 's3:Put* on the bucket and its objects', resourceType: 'AWS::S3::BucketPolicy', properties: withPolicy(doc(grant({ AWS: OTHER_ROLE }, () => 's3:Put*', { Resource: [`${BUCKET_ARN}/*`, BUCKET_ARN] }))), expect: 'FAIL', messageIncludes: ['via s3:put*', BUCKET_ARN] },
    { name: 's3:PutLifecycleConfiguration and s3:DeleteBucket on a bucket-name pattern', resourceType: 'AWS::S3::BucketPolicy', properties: withPolicy(doc(grant({ AWS: OTHER_ROLE }, () => ['s3:PutLifecycleConfiguration', 's3:DeleteBucket', 's3:PutEncryptionConfiguration'], { Resource: 'arn:aws:s3:::ci-*' }))), expect: 'FAIL', messageIncludes: ['s3:PutLifecycleConfiguration', 's3:DeleteBucket'] },
    { name: 's3 rights on Resource "*"', resourceType: S3_TYPES, properties: withPolicy(doc(grant({ AWS: OTHER_ROLE }, () => 's3:PutBucket*', { Resource: '*' }))), expect: 'FAIL', messageIncludes: 'on *' },
    { name: 'NotResource on objects reaches the bucket', resourceType: 'AWS::S3::BucketPolicy', properties: withPolicy(doc((t) => ({ Effect: 'Allow', Principal: { AWS: OTHER_ROLE }, Action: 's3:PutBucketPolicy', NotResource: `${SHAPES[t].resource}/*` }))), expect: 'FAIL', messageIncludes: 'NotResource' },
    { name: 'a Resource from a Ref with bucket rights is UNKNOWN', resourceType: 'AWS::S3::BucketPolicy', properties: withPolicy(doc(grant({ AWS: OTHER_ROLE }, () => 's3:*', { Resource: [{ 'Fn::Sub': '${Bucket.Arn}/*' }, { Ref: 'Somewhere' }] }))), expect: 'UNKNOWN', typedOnly: true },

    // ---- AWS::Lambda::Permission ----
    { name: 'invoke for another account', resourceType: PERMISSION, properties: perm({ Principal: FOREIGN }), expect: 'PASS' },
    { name: 'invoke for a service', resourceType: PERMISSION, properties: perm({ Principal: 'events.amazonaws.com', SourceArn: `arn:aws:events:eu-west-1:${OWN}:rule/x` }), expect: 'PASS' },
    { name: 'UpdateFunctionCode for the own account', resourceType: PERMISSION, properties: perm({ Principal: OWN, Action: 'lambda:UpdateFunctionCode' }), expect: 'PASS' },
    { name: 'UpdateFunctionCode for an allowed role', resourceType: PERMISSION, properties: perm({ Principal: KEY_ADMINS, Action: 'lambda:UpdateFunctionCode' }), config: { AllowedChangeRightPrincipals: [KEY_ADMINS] }, expect: 'PASS' },
    { name: 'UpdateFunctionCode for another account', resourceType: PERMISSION, properties: perm({ Principal: FOREIGN, Action: 'lambda:UpdateFunctionCode' }), expect: 'FAIL', messageIncludes: ['Principal', 'lambda:UpdateFunctionCode', `principal ${FOREIGN}`] },
    { name: 'lambda:* for "*" limited by the organisation', resourceType: PERMISSION, properties: perm({ Principal: '*', Action: 'lambda:*', PrincipalOrgID: 'o-abc123def45' }), expect: 'FAIL', messageIncludes: ['via lambda:*', 'any principal'] },
    { name: 'Action "*" for a role of another account', resourceType: PERMISSION, properties: perm({ Principal: OTHER_ROLE, Action: '*' }), expect: 'FAIL', messageIncludes: OTHER_ROLE },
    { name: 'UpdateFunctionConfiguration for a service', resourceType: PERMISSION, properties: perm({ Principal: 's3.amazonaws.com', Action: 'lambda:UpdateFunctionConfiguration', SourceAccount: OWN }), expect: 'FAIL', messageIncludes: 'service principal s3.amazonaws.com' },
    { name: 'no Principal with a change right fails closed', resourceType: PERMISSION, properties: perm({ Action: 'lambda:UpdateFunctionCode' }), absent: ['Principal'], expect: 'FAIL', messageIncludes: ['Principal', 'no named Principal'] },
    { name: 'a principal from a Ref with a change right is UNKNOWN', resourceType: PERMISSION, properties: perm({ Principal: { Ref: 'Caller' }, Action: 'lambda:UpdateFunctionCode' }), expect: 'UNKNOWN', typedOnly: true },
    { name: 'an Action from a Ref is UNKNOWN', resourceType: PERMISSION, properties: perm({ Principal: FOREIGN, Action: { Ref: 'What' } }), expect: 'UNKNOWN', typedOnly: true },
    { name: 'update turns invoke into UpdateFunctionCode', resourceType: PERMISSION, properties: perm({ Principal: FOREIGN, Action: 'lambda:UpdateFunctionCode' }), previous: perm({ Principal: FOREIGN }), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
  ],
});
