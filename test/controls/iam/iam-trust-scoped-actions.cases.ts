import { defineCases } from '../../helpers/cases';
import { CODEBUILD_TRUST, trustRole } from './fixtures';

const svc = { Service: 'codebuild.amazonaws.com' };

export default defineCases({
  controlId: 'CICD.IAM.8',
  resourceType: 'AWS::IAM::Role',
  cases: [
    { name: 'sts:AssumeRole passes', properties: { AssumeRolePolicyDocument: CODEBUILD_TRUST }, expect: 'PASS' },
    { name: 'AssumeRole plus TagSession passes', properties: trustRole({ Effect: 'Allow', Principal: svc, Action: ['sts:AssumeRole', 'sts:TagSession'] }), expect: 'PASS' },
    { name: 'upper-case STS:AssumeRole passes', properties: trustRole({ Effect: 'Allow', Principal: svc, Action: 'STS:AssumeRole' }), expect: 'PASS' },
    { name: 'AssumeRolePolicyDocument missing fails closed', absent: ['AssumeRolePolicyDocument'], properties: {}, expect: 'FAIL' },
    { name: 'Action *', properties: trustRole({ Effect: 'Allow', Principal: svc, Action: '*' }), expect: 'FAIL', messageIncludes: 'AssumeRolePolicyDocument.Statement[0]' },
    { name: 'Action sts:*', properties: trustRole({ Effect: 'Allow', Principal: svc, Action: ['sts:*'] }), expect: 'FAIL', messageIncludes: 'sts:*' },
    { name: 'wildcard sts:AssumeRole*', properties: trustRole({ Effect: 'Allow', Principal: svc, Action: 'sts:AssumeRole*' }), expect: 'FAIL' },
    { name: 'Allow with NotAction', properties: trustRole({ Effect: 'Allow', Principal: svc, NotAction: 'sts:AssumeRoleWithSAML' }), expect: 'FAIL', messageIncludes: 'NotAction' },
    { name: 'Deny first, then Allow sts:* (JSON string)', properties: { AssumeRolePolicyDocument: JSON.stringify({ Statement: [{ Effect: 'Deny', Principal: svc, Action: '*' }, { Effect: 'Allow', Principal: svc, Action: 'sts:*' }] }) }, expect: 'FAIL', messageIncludes: 'Statement[1]' },
    { name: 'update widens the trust action', properties: trustRole({ Effect: 'Allow', Principal: svc, Action: '*' }), previous: { AssumeRolePolicyDocument: CODEBUILD_TRUST }, actions: ['UPDATE'], expect: 'FAIL', weakened: true },
  ],
});
