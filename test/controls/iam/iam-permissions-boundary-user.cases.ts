import { defineCases } from '../../helpers/cases';
import { BOUNDARY, BOUNDARY_CONFIG } from './fixtures';

export default defineCases({
  controlId: 'CICD.IAM.10',
  resourceType: 'AWS::IAM::User',
  cases: [
    { name: 'user carries the boundary', properties: { UserName: 'svc', PermissionsBoundary: BOUNDARY }, config: BOUNDARY_CONFIG, expect: 'PASS' },
    { name: 'user without boundary (missing) while configured', absent: ['PermissionsBoundary'], properties: { UserName: 'svc' }, config: BOUNDARY_CONFIG, expect: 'FAIL' },
    { name: 'user without boundary, nothing configured', absent: ['PermissionsBoundary'], properties: { UserName: 'svc' }, expect: 'PASS' },
    {
      name: 'update removes the user boundary (B-10: users checked on update too)',
      properties: { UserName: 'svc' },
      previous: { UserName: 'svc', PermissionsBoundary: BOUNDARY },
      config: BOUNDARY_CONFIG,
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
    },
  ],
});
