import { defineCases } from '../../helpers/cases';
import { PROTECT } from './fixtures';

const root = { Sid: 'root', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'kms:*', Resource: '*' };
const grant = (service: unknown, action: unknown = ['kms:GenerateDataKey*', 'kms:DescribeKey']) => ({ Effect: 'Allow', Principal: { Service: service }, Action: action, Resource: '*' });
const key = (statements: unknown[], extra: Record<string, unknown> = {}) => ({ KeyPolicy: { Version: '2012-10-17', Statement: statements }, PendingWindowInDays: 30, ...extra });

export default defineCases({
  controlId: 'CICD.PROTECT.1',
  resourceType: 'AWS::KMS::Key',
  cases: [
    { name: 'delete of an ordinary key', properties: key([root], { Description: 'ci artifacts' }), config: PROTECT, actions: ['DELETE'], expect: 'PASS' },
    { name: 'delete of a key without Description or policy', absent: ['Description', 'KeyPolicy'], properties: { PendingWindowInDays: 30 }, config: PROTECT, actions: ['DELETE'], expect: 'PASS' },
    { name: 'a service that does not deliver logs (codebuild) may use it', properties: key([root, grant('codebuild.amazonaws.com', 'kms:*')]), config: PROTECT, actions: ['DELETE'], expect: 'PASS' },
    { name: 'CloudTrail may only describe it (no encryption)', properties: key([root, grant('cloudtrail.amazonaws.com', 'kms:DescribeKey')]), config: PROTECT, actions: ['DELETE'], expect: 'PASS' },
    { name: 'Description matches a protected pattern', properties: key([root], { Description: 'audit-trail-key' }), config: PROTECT, actions: ['DELETE'], expect: 'FAIL', messageIncludes: ['Description', 'audit-*'] },
    { name: 'CloudTrail encrypts with it', properties: key([root, grant('cloudtrail.amazonaws.com')]), config: PROTECT, actions: ['DELETE'], expect: 'FAIL', messageIncludes: ['KeyPolicy.Statement[1]', 'cloudtrail.amazonaws.com'] },
    { name: 'regional CloudWatch Logs service with kms:Encrypt* (list form)', properties: key([root, grant(['logs.eu-west-1.amazonaws.com'], ['kms:Encrypt*', 'kms:Decrypt*'])]), config: PROTECT, actions: ['DELETE'], expect: 'FAIL', messageIncludes: 'logs.eu-west-1.amazonaws.com' },
    { name: 'vended log delivery with kms:* and an upper-case service name', properties: key([root, grant('DELIVERY.LOGS.AMAZONAWS.COM', 'kms:*')]), config: { ProtectedResourceNames: [] }, actions: ['DELETE'], expect: 'FAIL' },
    { name: 'key policy as a JSON string', properties: { KeyPolicy: JSON.stringify({ Statement: [root, grant('cloudtrail.amazonaws.com')] }) }, config: PROTECT, actions: ['DELETE'], expect: 'FAIL' },
  ],
});
