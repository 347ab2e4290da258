import { defineCases } from '../../helpers/cases';
import { policy, TLS_DENY } from './fixtures';

const allow = (principal: unknown, extra: Record<string, unknown> = {}) => ({ Effect: 'Allow', Principal: principal, Action: 's3:GetObject', Resource: 'arn:aws:s3:::ci-artifacts/*', ...extra });

export default defineCases({
  controlId: 'CICD.S3.6',
  resourceType: 'AWS::S3::BucketPolicy',
  cases: [
    { name: 'TLS deny for "*" only (a Deny is not a grant)', properties: policy(TLS_DENY), expect: 'PASS' },
    { name: 'Allow to a role ARN', properties: policy(TLS_DENY, allow({ AWS: 'arn:aws:iam::123456789012:role/deploy' })), expect: 'PASS' },
    { name: 'Allow to the log delivery service', properties: policy(allow({ Service: 'logging.s3.amazonaws.com' }, { Action: 's3:PutObject' })), expect: 'PASS' },
    { name: 'Allow "*" restricted to the organisation', properties: policy(allow('*', { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } })), expect: 'PASS' },
    { name: 'PolicyDocument missing grants nothing', absent: ['PolicyDocument'], properties: { Bucket: 'ci-artifacts' }, expect: 'PASS' },
    { name: 'Allow "*" without a condition', properties: policy(allow('*')), expect: 'FAIL', messageIncludes: 'PolicyDocument' },
    { name: 'Allow {"AWS": "*"}', properties: policy(allow({ AWS: '*' })), expect: 'FAIL' },
    { name: 'Allow {"AWS": ["*"]}', properties: policy(allow({ AWS: ['*'] })), expect: 'FAIL' },
    { name: 'Deny first, public Allow later', properties: policy(TLS_DENY, allow('*')), expect: 'FAIL', messageIncludes: 'Statement[1]' },
    { name: 'public Allow whose only condition is TLS', properties: policy(allow('*', { Condition: { Bool: { 'aws:SecureTransport': 'true' } } })), expect: 'FAIL' },
    { name: 'public Allow in a JSON string policy', properties: { Bucket: 'b', PolicyDocument: JSON.stringify({ Statement: [TLS_DENY, allow({ AWS: ['*'] })] }) }, expect: 'FAIL' },
    { name: 'policy string that is not JSON', properties: { Bucket: 'b', PolicyDocument: 'not json' }, expect: 'FAIL' },
    {
      name: 'update adds a public Allow',
      properties: policy(TLS_DENY, allow('*')),
      previous: policy(TLS_DENY),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
      messageIncludes: 'by this update',
    },
    // one condition predicate for every policy (src/predicates/conditions.ts); each FAIL/UNKNOWN below passed before it
    { name: 'B1: ForAllValues:StringEquals on aws:PrincipalOrgID narrows nothing', properties: policy(allow('*', { Condition: { 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': 'o-abc123' } } })), expect: 'FAIL', messageIncludes: 'Statement[0]' },
    { name: 'B2: an Effect from Fn::If is UNKNOWN, not skipped', properties: policy(allow('*', { Effect: { 'Fn::If': ['Open', 'Allow', 'Deny'] } })), expect: 'UNKNOWN', typedOnly: true },
    { name: 'a statement without Effect is judged as Allow', properties: policy({ Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::ci-artifacts/*' }), expect: 'FAIL', messageIncludes: 'Effect' },
    { name: 'wildcard-account principal arn:aws:iam::*:root is everyone', properties: policy(allow({ AWS: 'arn:aws:iam::*:root' })), expect: 'FAIL' },
    { name: 'wildcard-account principal arn:aws:iam::*:* is everyone', properties: policy(allow({ AWS: ['arn:aws:iam::123456789012:role/deploy', 'arn:aws:iam::*:*'] })), expect: 'FAIL' },
    { name: 'aws:PrincipalArn pattern for every role of every account', properties: policy(allow('*', { Condition: { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/*' } } })), expect: 'FAIL' },
    { name: 'aws:SourceAccount compared with its own policy variable', properties: policy(allow('*', { Condition: { StringEquals: { 'aws:SourceAccount': '${aws:SourceAccount}' } } })), expect: 'FAIL' },
    { name: 'a ? in the account narrows nothing', properties: policy(allow('*', { Condition: { StringLike: { 'aws:PrincipalAccount': '12345678901?' } } })), expect: 'FAIL' },
    { name: 'every bucket as aws:SourceArn', properties: policy(allow({ Service: '*' }, { Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::*' } } })), expect: 'FAIL' },
    { name: 'same organisation as the bucket (data-perimeter variable) passes', properties: policy(allow('*', { Condition: { StringEquals: { 'aws:PrincipalOrgID': '${aws:ResourceOrgID}' } } })), expect: 'PASS' },
    { name: 'every role of one account passes', properties: policy(allow('*', { Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/*' } } })), expect: 'PASS' },
    // a principal the template does not resolve may be anyone: UNKNOWN, never PASS (local checks; CloudFormation resolves it)
    { name: 'Allow to a principal from a Ref is UNKNOWN', properties: policy(allow({ Ref: 'Reader' })), expect: 'UNKNOWN', typedOnly: true },
    { name: 'Allow to an AWS principal list holding an intrinsic is UNKNOWN', properties: policy(allow({ AWS: ['arn:aws:iam::123456789012:role/deploy', { 'Fn::ImportValue': 'ReaderArn' }] })), expect: 'UNKNOWN', typedOnly: true },
  ],
});
