import { defineCases } from '../../helpers/cases';
import { logGroup, PROTECT, PROTECT_STRING } from './fixtures';

export default defineCases({
  controlId: 'CICD.PROTECT.1',
  resourceType: 'AWS::Logs::LogGroup',
  cases: [
    { name: 'delete of an unprotected log group', properties: logGroup('/ci/build'), config: PROTECT, actions: ['DELETE'], expect: 'PASS' },
    { name: 'delete of a log group without LogGroupName', absent: ['LogGroupName'], properties: logGroup(undefined), config: PROTECT, actions: ['DELETE'], expect: 'PASS' },
    { name: 'delete of a protected log group', properties: logGroup('/audit/cloudtrail'), config: PROTECT, actions: ['DELETE'], expect: 'FAIL', messageIncludes: ['LogGroupName', '/audit/*'] },
    { name: 'delete of a protected log group, string configuration', properties: logGroup('/audit/pipeline'), config: PROTECT_STRING, actions: ['DELETE'], expect: 'FAIL', messageIncludes: 'LogGroupName' },
  ],
});
