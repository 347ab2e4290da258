import { defineCases } from '../../helpers/cases';
import { CODEBUILD_TRUST, trustRole } from './fixtures';

const GH = 'token.actions.githubusercontent.com';
const provider = `arn:aws:iam::123456789012:oidc-provider/${GH}`;
const web = (condition?: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  Effect: 'Allow',
  Principal: { Federated: provider },
  Action: 'sts:AssumeRoleWithWebIdentity',
  ...(condition ? { Condition: condition } : {}),
  ...extra,
});
const pinned = { StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${GH}:sub`]: 'repo:example-org/example-app:ref:refs/heads/main' } };

export default defineCases({
  controlId: 'CICD.IAM.9',
  resourceType: 'AWS::IAM::Role',
  cases: [
    { name: 'aud and sub pinned passes', properties: trustRole(web(pinned)), expect: 'PASS' },
    { name: 'sub pinned to an org with repo:org/* passes', properties: trustRole(web({ StringEquals: { [`${GH}:aud`]: ['sts.amazonaws.com'], [`${GH}:sub`]: 'repo:example-org/example-app:environment:prod' } })), expect: 'PASS' },
    { name: 'org-wide subject passes', properties: trustRole(web({ StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${GH}:sub`]: 'repo:example-org/*' } })), expect: 'PASS' },
    { name: 'not a web-identity role', properties: { AssumeRolePolicyDocument: CODEBUILD_TRUST }, expect: 'PASS' },
    { name: 'web identity without any condition (missing)', absent: ['AssumeRolePolicyDocument.Statement[0].Condition'], properties: trustRole(web()), expect: 'FAIL', messageIncludes: [`${GH}:aud`, `${GH}:sub`] },
    { name: 'sub repo:*', properties: trustRole(web({ StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${GH}:sub`]: 'repo:*' } })), expect: 'FAIL', messageIncludes: 'repo:*' },
    { name: 'sub bare *', properties: trustRole(web({ StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${GH}:sub`]: '*' } })), expect: 'FAIL' },
    { name: 'sub with wildcard org repo:org*', properties: trustRole(web({ StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${GH}:sub`]: 'repo:example*' } })), expect: 'FAIL' },
    { name: 'one loose value among several', properties: trustRole(web({ StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${GH}:sub`]: ['repo:example-org/app:ref:refs/heads/main', 'repo:*'] } })), expect: 'FAIL' },
    { name: 'aud missing, sub pinned', properties: trustRole(web({ StringLike: { [`${GH}:sub`]: 'repo:example-org/app:*' } })), expect: 'FAIL', messageIncludes: `${GH}:aud` },
    { name: 'aud wildcard', properties: trustRole(web({ StringLike: { [`${GH}:aud`]: '*', [`${GH}:sub`]: 'repo:example-org/app:*' } })), expect: 'FAIL' },
    { name: 'negated operator does not pin', properties: trustRole(web({ StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' }, StringNotLike: { [`${GH}:sub`]: 'repo:evil/*' } })), expect: 'FAIL' },
    { name: 'ForAllValues does not pin', properties: trustRole(web({ StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' }, 'ForAllValues:StringLike': { [`${GH}:sub`]: 'repo:example-org/*' } })), expect: 'FAIL' },
    { name: 'Federated principal alone (action via wildcard) is web identity', properties: trustRole(web(undefined, { Action: 'sts:AssumeRole*' })), expect: 'FAIL' },
    { name: 'mixed-case condition keys still pin', properties: trustRole(web({ StringEquals: { 'Token.Actions.GitHubUserContent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:SUB': 'repo:example-org/app:ref:refs/heads/main' } })), expect: 'PASS' },
    { name: 'aws-us-gov provider ARN', properties: trustRole({ ...web(), Principal: { Federated: `arn:aws-us-gov:iam::123456789012:oidc-provider/${GH}` } }), expect: 'FAIL' },
    { name: 'Deny first then unpinned web identity (JSON string)', properties: { AssumeRolePolicyDocument: JSON.stringify({ Statement: [{ Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole' }, web()] }) }, expect: 'FAIL', messageIncludes: 'Statement[1]' },
    { name: 'SAML federation is not web identity', properties: trustRole({ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::123456789012:saml-provider/corp' }, Action: 'sts:AssumeRoleWithSAML', Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } } }), expect: 'PASS' },
    { name: 'Federated principal from Fn::GetAtt with generic keys pinned (local check)', properties: trustRole({ ...web(pinned), Principal: { Federated: { Ref: 'GitHubProvider' } } }), expect: 'PASS', typedOnly: true },
    { name: 'sub from a parameter (local check)', properties: trustRole(web({ StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com', [`${GH}:sub`]: { 'Fn::Sub': 'repo:${Repo}:ref:refs/heads/main' } } })), expect: 'UNKNOWN', typedOnly: true },
    { name: 'update loosens sub to repo:*', properties: trustRole(web({ StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${GH}:sub`]: 'repo:*' } })), previous: trustRole(web(pinned)), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
  ],
});
