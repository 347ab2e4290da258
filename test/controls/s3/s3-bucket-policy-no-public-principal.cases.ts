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
  ],
});
