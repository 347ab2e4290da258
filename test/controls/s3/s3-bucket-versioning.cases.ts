import { defineCases } from '../../helpers/cases';
import { artifactBucket } from './fixtures';

export default defineCases({
  controlId: 'CICD.S3.2',
  resourceType: 'AWS::S3::Bucket',
  cases: [
    { name: 'versioning Enabled', properties: artifactBucket(), expect: 'PASS' },
    { name: 'versioning "enabled" in lower case', properties: artifactBucket({ VersioningConfiguration: { Status: 'enabled' } }), expect: 'PASS' },
    { name: 'VersioningConfiguration missing', absent: ['VersioningConfiguration'], properties: artifactBucket({ VersioningConfiguration: undefined }), expect: 'FAIL', messageIncludes: 'VersioningConfiguration is missing' },
    { name: 'versioning Suspended', properties: artifactBucket({ VersioningConfiguration: { Status: 'Suspended' } }), expect: 'FAIL', messageIncludes: 'VersioningConfiguration.Status' },
    { name: 'VersioningConfiguration without Status (empty block)', absent: ['VersioningConfiguration.Status'], properties: artifactBucket({ VersioningConfiguration: {} }), expect: 'FAIL' },
    { name: 'Status is a boolean true (not a status)', properties: artifactBucket({ VersioningConfiguration: { Status: true } }), expect: 'FAIL' },
    {
      name: 'update suspends versioning',
      properties: artifactBucket({ VersioningConfiguration: { Status: 'Suspended' } }),
      previous: artifactBucket(),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
      messageIncludes: ['VersioningConfiguration.Status is Suspended', 'introduced by this update'],
    },
    {
      name: 'update of an already suspended bucket is not a weakening but still fails',
      properties: artifactBucket({ VersioningConfiguration: { Status: 'Suspended' } }),
      previous: artifactBucket({ VersioningConfiguration: { Status: 'Suspended' } }),
      actions: ['UPDATE'],
      expect: 'FAIL',
    },
    { name: 'unresolved Status (local check only)', properties: artifactBucket({ VersioningConfiguration: { Status: { Ref: 'Versioning' } } }), expect: 'UNKNOWN', typedOnly: true },
  ],
});
