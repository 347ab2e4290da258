import { defineCases } from '../../helpers/cases';
import { trail } from './fixtures';

export default defineCases({
  controlId: 'CICD.CLOUDTRAIL.1',
  resourceType: 'AWS::CloudTrail::Trail',
  cases: [
    { name: 'KMSKeyId is a customer-managed key', properties: trail(), expect: 'PASS' },
    { name: 'KMSKeyId is a customer alias', properties: trail({ KMSKeyId: 'alias/ci-audit' }), expect: 'PASS' },
    { name: 'KMSKeyId missing', absent: ['KMSKeyId'], properties: trail({ KMSKeyId: undefined }), expect: 'FAIL', messageIncludes: 'KMSKeyId is missing' },
    { name: 'KMSKeyId is an AWS-managed alias', properties: trail({ KMSKeyId: 'alias/aws/cloudtrail' }), expect: 'FAIL', messageIncludes: 'AWS-managed' },
    { name: 'update removes KMSKeyId', properties: trail({ KMSKeyId: undefined }), previous: trail(), actions: ['UPDATE'], expect: 'FAIL', weakened: true, messageIncludes: ['KMSKeyId is missing', 'introduced by this update'] },
  ],
});
