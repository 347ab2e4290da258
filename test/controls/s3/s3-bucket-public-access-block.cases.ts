import { defineCases } from '../../helpers/cases';
import { artifactBucket, logBucket, PAB } from './fixtures';

export default defineCases({
  controlId: 'CICD.S3.4',
  resourceType: 'AWS::S3::Bucket',
  cases: [
    { name: 'all four flags true', properties: artifactBucket(), expect: 'PASS' },
    { name: 'flags as "True" strings', properties: artifactBucket({ PublicAccessBlockConfiguration: { BlockPublicAcls: 'True', BlockPublicPolicy: 'TRUE', IgnorePublicAcls: 'true', RestrictPublicBuckets: 'True' } }), expect: 'PASS' },
    { name: 'log bucket with LogDeliveryWrite ACL', properties: logBucket(), expect: 'PASS' },
    { name: 'PublicAccessBlockConfiguration missing', absent: ['PublicAccessBlockConfiguration'], properties: artifactBucket({ PublicAccessBlockConfiguration: undefined }), expect: 'FAIL', messageIncludes: 'PublicAccessBlockConfiguration is missing' },
    { name: 'empty PublicAccessBlockConfiguration', properties: artifactBucket({ PublicAccessBlockConfiguration: {} }), expect: 'FAIL', messageIncludes: 'RestrictPublicBuckets' },
    { name: 'one flag false', properties: artifactBucket({ PublicAccessBlockConfiguration: { ...PAB, BlockPublicPolicy: false } }), expect: 'FAIL', messageIncludes: 'PublicAccessBlockConfiguration.BlockPublicPolicy' },
    { name: 'one flag "false" string', properties: artifactBucket({ PublicAccessBlockConfiguration: { ...PAB, IgnorePublicAcls: 'false' } }), expect: 'FAIL', messageIncludes: 'IgnorePublicAcls' },
    { name: 'one flag absent', properties: artifactBucket({ PublicAccessBlockConfiguration: { ...PAB, RestrictPublicBuckets: undefined } }), expect: 'FAIL', messageIncludes: 'RestrictPublicBuckets' },
    { name: 'AccessControl PublicRead', properties: artifactBucket({ AccessControl: 'PublicRead' }), expect: 'FAIL', messageIncludes: 'AccessControl' },
    { name: 'AccessControl publicreadwrite (any case)', properties: artifactBucket({ AccessControl: 'publicreadwrite' }), expect: 'FAIL' },
    { name: 'AccessControl AuthenticatedRead', properties: artifactBucket({ AccessControl: 'AuthenticatedRead' }), expect: 'FAIL' },
    {
      name: 'update relaxes the public access block',
      properties: artifactBucket({ PublicAccessBlockConfiguration: { ...PAB, BlockPublicPolicy: false } }),
      previous: artifactBucket(),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
      messageIncludes: 'by this update',
    },
  ],
});
