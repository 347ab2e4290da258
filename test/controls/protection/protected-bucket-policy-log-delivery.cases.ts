import { defineCases } from '../../helpers/cases';
import { PROTECT, PROTECT_STRING } from './fixtures';

const P = 'audit-logs';
const tlsOnly = { Sid: 'TlsOnly', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::audit-logs', 'arn:aws:s3:::audit-logs/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
const allowTrail = { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::audit-logs/AWSLogs/*' };
const policy = (bucket: string, ...statements: unknown[]) => ({ Bucket: bucket, PolicyDocument: { Version: '2012-10-17', Statement: statements } });

export default defineCases({
  controlId: 'CICD.PROTECT.3',
  resourceType: 'AWS::S3::BucketPolicy',
  cases: [
    { name: 'TLS-only deny and a trail grant', properties: policy(P, tlsOnly, allowTrail), config: PROTECT, expect: 'PASS' },
    { name: 'TLS-only deny with BoolIfExists and a real boolean', properties: policy(P, { ...tlsOnly, Condition: { BoolIfExists: { 'aws:SecureTransport': false } } }), config: PROTECT, expect: 'PASS' },
    { name: 'deny of old TLS versions', properties: policy(P, { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } } }), config: PROTECT, expect: 'PASS' },
    { name: 'confused-deputy deny that names the own account', properties: policy(P, { Effect: 'Deny', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: '*', Condition: { StringNotEquals: { 'aws:SourceAccount': '123456789012' } } }), config: PROTECT, expect: 'PASS' },
    { name: 'deny of deletes only', properties: policy(P, { Effect: 'Deny', Principal: '*', Action: ['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:PutLifecycleConfiguration'], Resource: '*' }), config: PROTECT, expect: 'PASS' },
    { name: 'deny to another service', properties: policy(P, { Effect: 'Deny', Principal: { Service: 'codebuild.amazonaws.com' }, Action: 's3:*', Resource: '*' }), config: PROTECT, expect: 'PASS' },
    { name: 'unprotected bucket may deny CloudTrail here', properties: policy('ci-scratch', { Effect: 'Deny', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:*', Resource: '*' }), config: PROTECT, expect: 'PASS' },
    { name: 'policy without PolicyDocument (block missing)', absent: ['PolicyDocument'], properties: { Bucket: P }, config: PROTECT, expect: 'PASS' },
    { name: 'Deny CloudTrail PutObject', properties: policy(P, tlsOnly, { Effect: 'Deny', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: '*' }), config: PROTECT, expect: 'FAIL', messageIncludes: ['PolicyDocument.Statement[1]', 'cloudtrail.amazonaws.com', P] },
    { name: 'Deny everyone s3:Put* with no condition', properties: policy(P, { Effect: 'deny', Principal: { AWS: '*' }, Action: 'S3:Put*', Resource: '*' }), config: PROTECT_STRING, expect: 'FAIL', messageIncludes: 'logging.s3.amazonaws.com' },
    { name: 'Deny GetBucketAcl to vended log delivery', properties: policy(P, { Effect: 'Deny', Principal: { Service: ['delivery.logs.amazonaws.com'] }, Action: ['s3:GetBucketAcl'], Resource: '*' }), config: PROTECT, expect: 'FAIL' },
    { name: 'NotPrincipal deny that spares only the deploy role', properties: policy(P, { Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::123456789012:role/deploy' }, Action: '*', Resource: '*' }), config: PROTECT, expect: 'FAIL' },
    { name: 'NotAction deny that leaves out only reads', properties: policy(P, { Effect: 'Deny', Principal: '*', NotAction: ['s3:GetObject'], Resource: '*' }), config: PROTECT, expect: 'FAIL' },
    { name: 'org-only deny (services have no organisation)', properties: policy(P, { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abcdefghij' } } }), config: PROTECT, expect: 'FAIL' },
    { name: 'regional CloudWatch Logs export denied', properties: policy(P, { Effect: 'Deny', Principal: { Service: 'logs.eu-west-1.amazonaws.com' }, Action: 's3:PutObject', Resource: '*' }), config: PROTECT, expect: 'FAIL' },
    { name: 'policy document as a JSON string', properties: { Bucket: P, PolicyDocument: JSON.stringify({ Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: '*' }] }) }, config: PROTECT, expect: 'FAIL' },
    { name: 'policy moved off the protected bucket', properties: policy('ci-scratch', tlsOnly), previous: policy(P, tlsOnly), config: PROTECT, actions: ['UPDATE'], expect: 'FAIL', weakened: true, messageIncludes: ['Bucket changes', P] },
  ],
});
