import { defineCases } from '../../helpers/cases';
import { trail } from './fixtures';

export default defineCases({
  controlId: 'CICD.CLOUDTRAIL.2',
  resourceType: 'AWS::CloudTrail::Trail',
  cases: [
    { name: 'validation on', properties: trail(), expect: 'PASS' },
    { name: 'validation "True" string', properties: trail({ EnableLogFileValidation: 'True' }), expect: 'PASS' },
    { name: 'EnableLogFileValidation missing (off by default)', absent: ['EnableLogFileValidation'], properties: trail({ EnableLogFileValidation: undefined }), expect: 'FAIL', messageIncludes: 'EnableLogFileValidation is missing' },
    { name: 'validation false', properties: trail({ EnableLogFileValidation: false }), expect: 'FAIL', messageIncludes: 'EnableLogFileValidation' },
    { name: 'update switches validation off', properties: trail({ EnableLogFileValidation: 'false' }), previous: trail(), actions: ['UPDATE'], expect: 'FAIL', weakened: true, messageIncludes: 'by this update' },
  ],
});
