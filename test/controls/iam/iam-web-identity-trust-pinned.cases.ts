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
    { name: 'web-identity action with a Federated principal from a parameter and no conditions fails on the generic claims', properties: trustRole({ ...web(), Principal: { Federated: { Ref: 'GitHubProviderArn' } } }), expect: 'FAIL', messageIncludes: ['<provider>:aud', '<provider>:sub'] },
    { name: 'SAML provider trusted for both SAML and web-identity actions is not a web-identity trust', properties: trustRole({ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::123456789012:saml-provider/corp' }, Action: ['sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'], Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } } }), expect: 'PASS' },
    { name: 'an unconditioned Deny guard on web identity next to a pinned Allow passes', properties: trustRole({ ...web({ StringLike: { [`${GH}:sub`]: 'repo:example-org/*:pull_request' } }), Effect: 'Deny' }, web(pinned)), expect: 'PASS' },
    { name: 'Cognito identity pool pinned on aud and amr passes', properties: trustRole({ Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'eu-west-1:3f0c2a52-1b2c-4d5e-8f90-a1b2c3d4e5f6' }, 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } } }), expect: 'PASS' },
    { name: 'Cognito amr pattern with a literal user-pool prefix pins', properties: trustRole({ Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'eu-west-1:3f0c2a52-1b2c-4d5e-8f90-a1b2c3d4e5f6' }, 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123:CognitoSignIn:*' } } }), expect: 'PASS' },
    { name: 'Cognito guest identities (amr unauthenticated) fail', properties: trustRole({ Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'eu-west-1:3f0c2a52-1b2c-4d5e-8f90-a1b2c3d4e5f6' }, 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'unauthenticated' } } }), expect: 'FAIL', messageIncludes: ['cognito-identity.amazonaws.com:amr', 'unauthenticated'] },
    { name: 'Cognito amr pattern that matches unauthenticated (*authenticated, in a list, any case) fails', properties: trustRole({ Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'eu-west-1:3f0c2a52-1b2c-4d5e-8f90-a1b2c3d4e5f6' }, 'ForAnyValue:StringLike': { 'Cognito-Identity.amazonaws.com:AMR': ['graph.facebook.com', '*Authenticated'] } } }), expect: 'FAIL' },
    { name: 'Cognito identity pool pinned on sub but not amr fails', properties: trustRole({ Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'eu-west-1:3f0c2a52-1b2c-4d5e-8f90-a1b2c3d4e5f6', 'cognito-identity.amazonaws.com:sub': 'eu-west-1:11111111-2222-3333-4444-555555555555' } } }), expect: 'FAIL', messageIncludes: 'cognito-identity.amazonaws.com:amr' },
    { name: 'a wildcard in aud is loose even after a whole path segment', properties: trustRole(web({ StringLike: { [`${GH}:aud`]: 'https://github.com/example-org/*', [`${GH}:sub`]: 'repo:example-org/app:ref:refs/heads/main' } })), expect: 'FAIL', messageIncludes: `${GH}:aud too loosely` },
    { name: 'a custom aud pattern with a literal segment before the wildcard is still loose', properties: trustRole(web({ StringLike: { [`${GH}:aud`]: 'example-org/*', [`${GH}:sub`]: 'repo:example-org/app:ref:refs/heads/main' } })), expect: 'FAIL', messageIncludes: `${GH}:aud too loosely` },
    { name: 'a blank aud pins nothing', properties: trustRole(web({ StringEquals: { [`${GH}:aud`]: ' ', [`${GH}:sub`]: 'repo:example-org/app:ref:refs/heads/main' } })), expect: 'FAIL', messageIncludes: `${GH}:aud too loosely` },
    { name: 'an empty aud pins nothing', properties: trustRole(web({ StringEquals: { [`${GH}:aud`]: '', [`${GH}:sub`]: 'repo:example-org/app:ref:refs/heads/main' } })), expect: 'FAIL', messageIncludes: `${GH}:aud too loosely` },
    { name: 'an object where the sub value belongs pins nothing (not an unresolved value)', properties: trustRole(web({ StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${GH}:sub`]: { repo: 'example-org/app' } } })), expect: 'FAIL', messageIncludes: `${GH}:sub too loosely` },
    { name: 'one loose sub value is quoted alone', properties: trustRole(web({ StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${GH}:sub`]: 'repo:*' } })), expect: 'FAIL', messageIncludes: '("repo:*"): name the organisation' },
    { name: 'three loose sub values are all quoted', properties: trustRole(web({ StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${GH}:sub`]: ['repo:*', 'repo:example*', '*', 'repo:example-org/app:ref:refs/heads/main'] } })), expect: 'FAIL', messageIncludes: '("repo:*", "repo:example*", "*"): name the organisation' },
    { name: 'more than three loose sub values: three quoted and the rest counted', properties: trustRole(web({ StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${GH}:sub`]: ['repo:*', 'repo:example*', '*', 'repo:e*', 'repo:ex*'] } })), expect: 'FAIL', messageIncludes: '("repo:*", "repo:example*", "*" and 2 more): name the organisation' },
    { name: 'update loosens sub to repo:*', properties: trustRole(web({ StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${GH}:sub`]: 'repo:*' } })), previous: trustRole(web(pinned)), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
  ],
});
