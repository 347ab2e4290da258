import { defineCases } from '../../helpers/cases';
import { PROTECT, PROTECT_STRING, trail } from './fixtures';

export default defineCases({
  controlId: 'CICD.PROTECT.1',
  resourceType: 'AWS::CloudTrail::Trail',
  cases: [
    { name: 'delete of an unprotected trail', properties: trail('ci-dev-trail'), config: PROTECT, actions: ['DELETE'], expect: 'PASS' },
    { name: 'delete of a trail without TrailName', absent: ['TrailName'], properties: trail(undefined), config: PROTECT, actions: ['DELETE'], expect: 'PASS' },
    { name: 'delete of a protected trail', properties: trail('audit-org-trail'), config: PROTECT, actions: ['DELETE'], expect: 'FAIL', messageIncludes: ['TrailName', 'audit-org-trail'] },
    { name: 'delete of a protected trail, string configuration', properties: trail('protected-trail'), config: PROTECT_STRING, actions: ['DELETE'], expect: 'FAIL' },
  ],
});
