import { defineCases } from '../../helpers/cases';

/**
 * CICD.ECR.4 on AWS::ECR::PublicRepository: anyone may pull by design, so the RepositoryPolicyText decides who may
 * push (publish images under the account's name); it is judged like every other repository policy.
 */
const push = ['ecr-public:BatchCheckLayerAvailability', 'ecr-public:PutImage', 'ecr-public:InitiateLayerUpload', 'ecr-public:UploadLayerPart', 'ecr-public:CompleteLayerUpload'];
const policy = (...statements: Record<string, unknown>[]) => ({ Version: '2012-10-17', Statement: statements });
const repo = (p?: unknown) => ({ RepositoryName: 'ci-base-images', ...(p !== undefined ? { RepositoryPolicyText: p } : {}) });
const OWN = { Sid: 'PushFromCi', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/ci-publisher' }, Action: push };
const PUBLIC = { Sid: 'PushFromAnyone', Effect: 'Allow', Principal: '*', Action: push };

export default defineCases({
  controlId: 'CICD.ECR.4',
  resourceType: 'AWS::ECR::PublicRepository',
  cases: [
    { name: 'no policy: only the owner account pushes', absent: ['RepositoryPolicyText'], properties: repo(), expect: 'PASS' },
    { name: 'push by a role of the account', properties: repo(policy(OWN)), expect: 'PASS' },
    { name: 'push by a role of the account, as a JSON string', properties: repo(JSON.stringify(policy(OWN))), expect: 'PASS' },
    { name: 'push by "*" limited to the organisation', properties: repo(policy({ ...PUBLIC, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } })), expect: 'PASS' },
    { name: 'push by anyone', properties: repo(policy(PUBLIC)), expect: 'FAIL', messageIncludes: ['RepositoryPolicyText', 'Statement[0]', 'PushFromAnyone'] },
    { name: 'push by anyone, as a JSON string', properties: repo(JSON.stringify(policy(PUBLIC))), expect: 'FAIL', messageIncludes: 'any principal' },
    { name: 'unreadable policy string', properties: repo('{"Statement": ['), expect: 'FAIL', messageIncludes: 'not valid JSON' },
    { name: 'a principal from a parameter is UNKNOWN', properties: repo(policy({ ...OWN, Principal: { AWS: { Ref: 'Publisher' } } })), expect: 'UNKNOWN', typedOnly: true },
    { name: 'update opens push to anyone', properties: repo(policy(PUBLIC)), previous: repo(policy(OWN)), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
  ],
});
