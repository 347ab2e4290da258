import { defineCases } from '../../helpers/cases';
import { bucket, PROTECT, PROTECT_STRING } from './fixtures';

export default defineCases({
  controlId: 'CICD.PROTECT.1',
  resourceType: 'AWS::S3::Bucket',
  cases: [
    { name: 'delete of an unprotected bucket', properties: bucket('ci-scratch'), config: PROTECT, actions: ['DELETE'], expect: 'PASS' },
    { name: 'delete without any protection configured', properties: bucket('protected-artifacts'), actions: ['DELETE'], expect: 'PASS' },
    { name: 'delete of a bucket without BucketName (generated name cannot be matched)', absent: ['BucketName'], properties: bucket(undefined), config: PROTECT, actions: ['DELETE'], expect: 'PASS' },
    { name: 'delete with empty properties', properties: {}, config: PROTECT, actions: ['DELETE'], expect: 'PASS' },
    {
      name: 'delete of a protected bucket',
      properties: bucket('protected-artifacts'),
      config: PROTECT,
      actions: ['DELETE'],
      expect: 'FAIL',
      messageIncludes: ['BucketName', 'protected-artifacts', 'protected-*', 'platform team'],
    },
    {
      name: 'delete of a protected bucket, configuration as a comma-separated string',
      properties: bucket('audit-logs-123456789012'),
      config: PROTECT_STRING,
      actions: ['DELETE'],
      expect: 'FAIL',
      messageIncludes: ['audit-*'],
    },
    { name: 'protection is not dodged by letter case', properties: bucket('Protected-Artifacts'), config: PROTECT, actions: ['DELETE'], expect: 'FAIL' },
  ],
});
