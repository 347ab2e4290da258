import { defineCases } from '../../helpers/cases';
import { PROTECT, PROTECT_STRING } from './fixtures';

const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] };
const policy = (bucket: string | undefined) => ({ ...(bucket === undefined ? {} : { Bucket: bucket }), PolicyDocument: doc });

export default defineCases({
  controlId: 'CICD.PROTECT.1',
  resourceType: 'AWS::S3::BucketPolicy',
  cases: [
    { name: 'delete of the policy of an unprotected bucket', properties: policy('ci-scratch'), config: PROTECT, actions: ['DELETE'], expect: 'PASS' },
    { name: 'delete of a policy without Bucket', absent: ['Bucket'], properties: policy(undefined), config: PROTECT, actions: ['DELETE'], expect: 'PASS' },
    { name: 'delete of the policy of a protected bucket', properties: policy('protected-artifacts'), config: PROTECT, actions: ['DELETE'], expect: 'FAIL', messageIncludes: ['Bucket', 'protected-artifacts', 'protected-*'] },
    { name: 'protected bucket named in upper case, string configuration', properties: policy('AUDIT-Logs'), config: PROTECT_STRING, actions: ['DELETE'], expect: 'FAIL' },
    { name: 'protected bucket given as an S3 ARN', properties: policy('arn:aws:s3:::audit-logs'), config: PROTECT, actions: ['DELETE'], expect: 'FAIL' },
  ],
});
