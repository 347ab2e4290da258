import { defineCases } from '../../helpers/cases';
import { role } from './fixtures';

export default defineCases({
  controlId: 'CICD.IAM.18',
  resourceType: 'AWS::IAM::Role',
  cases: [
    { name: 'MaxSessionDuration missing (AWS default 3600)', absent: ['MaxSessionDuration'], properties: role(), expect: 'PASS' },
    { name: 'one hour', properties: role(undefined, { MaxSessionDuration: 3600 }), expect: 'PASS' },
    { name: 'twelve hours', properties: role(undefined, { MaxSessionDuration: 43200 }), expect: 'FAIL', messageIncludes: ['MaxSessionDuration', 'MaximumRoleSessionDurationSeconds'] },
    { name: 'two hours allowed by configuration', properties: role(undefined, { MaxSessionDuration: 7200 }), config: { MaximumRoleSessionDurationSeconds: 7200 }, expect: 'PASS' },
    { name: 'not a number', properties: role(undefined, { MaxSessionDuration: 'long' }), expect: 'FAIL' },
    { name: 'update raises the session duration', properties: role(undefined, { MaxSessionDuration: 14400 }), previous: role(), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
  ],
});
