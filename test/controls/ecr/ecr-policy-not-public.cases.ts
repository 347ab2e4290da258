import { defineCases } from '../../helpers/cases';

const pull = ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'];
const policy = (...statements: Record<string, unknown>[]) => ({ Version: '2012-10-17', Statement: statements });
const repo = (p?: unknown) => ({ RepositoryName: 'ci/app', ImageTagMutability: 'IMMUTABLE', ...(p !== undefined ? { RepositoryPolicyText: p } : {}) });
const ACCOUNT = { Sid: 'CrossAccountPull', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: pull };
const PUBLIC = { Sid: 'PublicPull', Effect: 'Allow', Principal: '*', Action: pull };

export default defineCases({
  controlId: 'CICD.ECR.4',
  resourceType: 'AWS::ECR::Repository',
  cases: [
    { name: 'repository policy absent', absent: ['RepositoryPolicyText'], properties: repo(), expect: 'PASS' },
    { name: 'cross-account pull by a named account', properties: repo(policy(ACCOUNT)), expect: 'PASS' },
    {
      name: 'any principal limited to the organisation',
      properties: repo(policy({ Effect: 'Allow', Principal: { AWS: '*' }, Action: pull, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } })),
      expect: 'PASS',
    },
    { name: 'service principal for Lambda image pulls', properties: repo(policy({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: pull, Condition: { StringLike: { 'aws:sourceArn': 'arn:aws:lambda:eu-west-1:123456789012:function:*' } } })), expect: 'PASS' },
    { name: 'principal "*" without condition', properties: repo(policy(PUBLIC)), expect: 'FAIL', messageIncludes: ['RepositoryPolicyText', 'Statement[0]', 'PublicPull'] },
    { name: 'a token as Sid is not echoed', properties: repo(policy({ ...PUBLIC, Sid: 'Zq8vR2mK4tLp9sXw7yBn3cHdQ1' })), expect: 'FAIL', messageIncludes: 'Statement[0]', neverEcho: ['Zq8vR2mK4tLp9sXw7yBn3cHdQ1'] },
    { name: 'principal {"AWS":"*"}', properties: repo(policy({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'ecr:*' })), expect: 'FAIL' },
    { name: 'principal {"AWS":["*"]} after a named account', properties: repo(policy(ACCOUNT, { Effect: 'Allow', Principal: { AWS: ['*'] }, Action: pull })), expect: 'FAIL', messageIncludes: 'Statement[1]' },
    { name: 'policy as a JSON string', properties: repo(JSON.stringify(policy(PUBLIC))), expect: 'FAIL', messageIncludes: 'Statement[0]' },
    { name: 'private policy as a JSON string', properties: repo(JSON.stringify(policy(ACCOUNT))), expect: 'PASS' },
    { name: 'lower-case statement keys', properties: repo({ statement: [{ effect: 'allow', principal: '*', action: pull }] }), expect: 'FAIL' },
    {
      name: 'condition that does not limit the caller (SecureTransport)',
      properties: repo(policy({ ...PUBLIC, Condition: { Bool: { 'aws:SecureTransport': 'true' } } })),
      expect: 'FAIL',
    },
    {
      name: 'negated organisation condition',
      properties: repo(policy({ ...PUBLIC, Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } })),
      expect: 'FAIL',
    },
    { name: 'Deny with principal "*" is fine', properties: repo(policy({ Effect: 'Deny', Principal: '*', Action: 'ecr:DeleteRepository' })), expect: 'PASS' },
    { name: 'policy string that is not JSON', properties: repo('{"Statement": [ {'), expect: 'FAIL', messageIncludes: 'not valid JSON' },
    { name: 'policy without Statement', properties: repo({ Version: '2012-10-17' }), expect: 'FAIL', messageIncludes: 'no Statement' },
    { name: 'empty policy string', properties: repo(''), expect: 'PASS' },
    {
      name: 'update opens the repository to everyone',
      properties: repo(policy(PUBLIC)),
      previous: repo(policy(ACCOUNT)),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
      messageIncludes: ['RepositoryPolicyText Statement[0]', 'introduced by this update'],
    },
    {
      name: 'org condition from a Ref (local check only)',
      properties: repo(policy({ ...PUBLIC, Condition: { StringEquals: { 'aws:PrincipalOrgID': { Ref: 'OrgId' } } } })),
      expect: 'UNKNOWN',
      typedOnly: true,
    },
    // one condition predicate for every policy (src/predicates/conditions.ts); each FAIL/UNKNOWN below passed before it
    { name: 'B1: ForAllValues:StringEquals on aws:PrincipalOrgID narrows nothing', properties: repo(policy({ ...PUBLIC, Condition: { 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } })), expect: 'FAIL', messageIncludes: 'PublicPull' },
    { name: 'B2: an Effect from Fn::If is UNKNOWN, not skipped', properties: repo(policy({ ...PUBLIC, Effect: { 'Fn::If': ['Open', 'Allow', 'Deny'] } })), expect: 'UNKNOWN', typedOnly: true },
    { name: 'wildcard-account principal arn:aws:iam::*:root is everyone', properties: repo(policy({ ...ACCOUNT, Principal: { AWS: 'arn:aws:iam::*:root' } })), expect: 'FAIL', messageIncludes: 'CrossAccountPull' },
    { name: 'a list of accounts holding a match-all pattern', properties: repo(policy({ ...PUBLIC, Condition: { StringLike: { 'aws:PrincipalArn': ['arn:aws:iam::111122223333:role/ci', 'arn:aws:iam::*:role/*'] } } })), expect: 'FAIL' },
    { name: 'aws:SourceArn for Lambda in any account', properties: repo(policy({ ...PUBLIC, Condition: { StringLike: { 'aws:SourceArn': 'arn:aws:lambda:eu-west-1:*:function:*' } } })), expect: 'FAIL' },
    { name: 'aws:SourceArn for Lambda in one account, any region, passes', properties: repo(policy({ ...PUBLIC, Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:lambda:*:111122223333:function:*' } } })), expect: 'PASS' },
    // a principal the template does not resolve may be anyone: UNKNOWN, never PASS
    { name: 'a principal from a Ref is UNKNOWN', properties: repo(policy({ ...ACCOUNT, Principal: { Ref: 'Puller' } })), expect: 'UNKNOWN', typedOnly: true },
  ],
});
