import { defineCases } from '../../helpers/cases';
import { policy, TLS_DENY } from './fixtures';

const READ = { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/deploy' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::ci-artifacts/*' };

export default defineCases({
  controlId: 'CICD.S3.5',
  resourceType: 'AWS::S3::BucketPolicy',
  cases: [
    { name: 'CDK enforceSSL statement (string "false")', properties: policy(TLS_DENY), expect: 'PASS' },
    { name: 'boolean false and principal "*"', properties: policy({ ...TLS_DENY, Principal: '*', Condition: { Bool: { 'aws:SecureTransport': false } } }), expect: 'PASS', typedOnly: true },
    { name: '"False" under BoolIfExists', properties: policy({ ...TLS_DENY, Condition: { BoolIfExists: { 'aws:SecureTransport': 'False' } } }), expect: 'PASS' },
    { name: 'Deny after an Allow (order does not matter)', properties: policy(READ, TLS_DENY), expect: 'PASS' },
    { name: 'Action "*" and Resource "*"', properties: policy({ ...TLS_DENY, Action: '*', Resource: '*' }), expect: 'PASS' },
    { name: 'policy as a JSON string', properties: { Bucket: 'ci-artifacts', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [READ, TLS_DENY] }) }, expect: 'PASS' },
    // Regression: an unresolved Resource (a local CDK template) used to count as covering the objects, a
    // silent PASS in the CLI. Whether it names the objects is not known before deployment: UNKNOWN.
    { name: 'resources as unresolved intrinsics (local CDK template)', properties: policy({ ...TLS_DENY, Resource: [{ 'Fn::GetAtt': ['B', 'Arn'] }, { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['B', 'Arn'] }, '/*']] }] }), expect: 'UNKNOWN', typedOnly: true, messageIncludes: 'PolicyDocument.Statement[0].Resource' },
    { name: 'bucket ARN resolved, object entry unresolved', properties: policy(READ, { ...TLS_DENY, Resource: ['arn:aws:s3:::ci-artifacts', { 'Fn::Sub': '${B.Arn}/*' }] }), expect: 'UNKNOWN', typedOnly: true, messageIncludes: 'PolicyDocument.Statement[1].Resource' },
    { name: 'unresolved Resource as a single intrinsic', properties: policy({ ...TLS_DENY, Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['B', 'Arn'] }, '/*']] } }), expect: 'UNKNOWN', typedOnly: true },
    { name: 'unresolved Resource on one Deny while another covers the objects', properties: policy({ ...TLS_DENY, Resource: { 'Fn::GetAtt': ['B', 'Arn'] } }, TLS_DENY), expect: 'PASS', typedOnly: true },
    { name: 'unresolved Resource on a statement that is no TLS Deny is no reason for UNKNOWN', properties: policy({ ...READ, Resource: { 'Fn::GetAtt': ['B', 'Arn'] } }), expect: 'FAIL', typedOnly: true },
    { name: 'a non-string Resource in a JSON-string document is no resource', properties: { Bucket: 'ci-artifacts', PolicyDocument: JSON.stringify({ Statement: [{ ...TLS_DENY, Resource: [{ x: 1 }] }] }) }, expect: 'FAIL' },
    // the policy's own bucket (Bucket): the Deny must cover the bucket and every one of its objects
    { name: 'Deny covers another bucket that merely starts with the name (ci-artifacts-old/*)', properties: policy({ ...TLS_DENY, Resource: ['arn:aws:s3:::ci-artifacts', 'arn:aws:s3:::ci-artifacts-old/*'] }), expect: 'FAIL', messageIncludes: 'every object of the bucket' },
    { name: 'Deny covers only a key prefix (logs/*)', properties: policy({ ...TLS_DENY, Resource: ['arn:aws:s3:::ci-artifacts', 'arn:aws:s3:::ci-artifacts/logs/*'] }), expect: 'FAIL', messageIncludes: 'every object of the bucket' },
    { name: 'Deny covers only a key suffix (*.zip)', properties: policy({ ...TLS_DENY, Resource: ['arn:aws:s3:::ci-artifacts', 'arn:aws:s3:::ci-artifacts/*.zip'] }), expect: 'FAIL' },
    { name: 'Deny covers only one-character keys (?)', properties: policy({ ...TLS_DENY, Resource: ['arn:aws:s3:::ci-artifacts', 'arn:aws:s3:::ci-artifacts/?'] }), expect: 'FAIL' },
    { name: 'Deny covers the objects but not the bucket itself', properties: policy({ ...TLS_DENY, Resource: 'arn:aws:s3:::ci-artifacts/*' }), expect: 'FAIL', messageIncludes: 'the bucket itself' },
    { name: 'Deny covers the bucket but no object', properties: policy({ ...TLS_DENY, Resource: 'arn:aws:s3:::ci-artifacts' }), expect: 'FAIL', messageIncludes: 'every object of the bucket' },
    { name: 'Deny names another bucket entirely', properties: policy({ ...TLS_DENY, Resource: ['arn:aws:s3:::other', 'arn:aws:s3:::other/*'] }), expect: 'FAIL', messageIncludes: ['the bucket itself', 'every object'] },
    { name: 'bucket and objects covered by two Deny statements', properties: policy({ ...TLS_DENY, Resource: 'arn:aws:s3:::ci-artifacts' }, { ...TLS_DENY, Resource: 'arn:aws:s3:::ci-artifacts/*' }), expect: 'PASS' },
    { name: 'a wildcard covering the bucket and more (ci-art*)', properties: policy({ ...TLS_DENY, Resource: 'arn:aws:s3:::ci-art*' }), expect: 'PASS' },
    { name: 'objects with a one-or-more pattern (/?*)', properties: policy({ ...TLS_DENY, Resource: ['arn:aws:s3:::ci-artifacts', 'arn:aws:s3:::ci-artifacts/?*'] }), expect: 'PASS' },
    { name: 'another partition (aws-cn)', properties: policy({ ...TLS_DENY, Resource: ['arn:aws-cn:s3:::ci-artifacts', 'arn:aws-cn:s3:::ci-artifacts/*'] }), expect: 'PASS' },
    { name: 'a pattern with a control character is no cover', properties: { Bucket: 'ci-artifacts', PolicyDocument: JSON.stringify({ Statement: [{ ...TLS_DENY, Resource: ['arn:aws:s3:::ci-artifacts', 'arn:aws:s3:::ci-artifacts/*\u0001'] }] }) }, expect: 'FAIL' },
    { name: 'PolicyDocument missing', absent: ['PolicyDocument'], properties: { Bucket: 'ci-artifacts' }, expect: 'FAIL', messageIncludes: 'PolicyDocument is missing' },
    { name: 'policy without the TLS statement', properties: policy(READ), expect: 'FAIL', messageIncludes: 'aws:SecureTransport' },
    { name: 'empty Statement list', properties: policy(), expect: 'FAIL' },
    { name: 'SecureTransport true on a Deny (wrong way round)', properties: policy({ ...TLS_DENY, Condition: { Bool: { 'aws:SecureTransport': 'true' } } }), expect: 'FAIL' },
    { name: 'Allow with SecureTransport false', properties: policy({ ...TLS_DENY, Effect: 'Allow' }), expect: 'FAIL' },
    { name: 'Deny only for one role', properties: policy({ ...TLS_DENY, Principal: { AWS: 'arn:aws:iam::123456789012:role/x' } }), expect: 'FAIL' },
    { name: 'Deny only of s3:GetObject', properties: policy({ ...TLS_DENY, Action: 's3:GetObject' }), expect: 'FAIL' },
    { name: 'Deny on the bucket ARN only, not its objects', properties: policy({ ...TLS_DENY, Resource: 'arn:aws:s3:::ci-artifacts' }), expect: 'FAIL' },
    { name: 'NotPrincipal exempts someone from the deny', properties: policy({ ...TLS_DENY, Principal: undefined, NotPrincipal: { AWS: 'arn:aws:iam::123456789012:role/x' } }), expect: 'FAIL' },
    { name: 'policy string that is not JSON', properties: { Bucket: 'ci-artifacts', PolicyDocument: '{"Statement": [' }, expect: 'FAIL', messageIncludes: 'not valid JSON' },
    {
      name: 'update removes the TLS statement',
      properties: policy(READ),
      previous: policy(READ, TLS_DENY),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
      messageIncludes: 'by this update',
    },
  ],
});
