import { defineCases } from '../../helpers/cases';
import { trail } from './fixtures';

export default defineCases({
  controlId: 'CICD.CLOUDTRAIL.3',
  resourceType: 'AWS::CloudTrail::Trail',
  cases: [
    { name: 'IsLogging true', properties: trail(), expect: 'PASS' },
    { name: 'IsLogging "TRUE" string', properties: trail({ IsLogging: 'TRUE' }), expect: 'PASS' },
    { name: 'IsLogging missing', absent: ['IsLogging'], properties: trail({ IsLogging: undefined }), expect: 'FAIL', messageIncludes: 'IsLogging is missing' },
    { name: 'IsLogging false', properties: trail({ IsLogging: false }), expect: 'FAIL', messageIncludes: 'IsLogging' },
    { name: 'update stops logging', properties: trail({ IsLogging: false }), previous: trail(), actions: ['UPDATE'], expect: 'FAIL', weakened: true, messageIncludes: ['IsLogging is not true', 'introduced by this update'] },
  ],
});
