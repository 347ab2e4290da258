import { defineCases } from '../../helpers/cases';

export default defineCases({
  controlId: 'CICD.IAM.12',
  resourceType: 'AWS::IAM::AccessKey',
  cases: [
    { name: 'inactive key (being retired) passes', properties: { UserName: 'legacy-ci', Status: 'Inactive' }, expect: 'PASS' },
    { name: 'inactive in other letter case passes', properties: { UserName: 'legacy-ci', Status: 'INACTIVE' }, expect: 'PASS' },
    { name: 'Status missing (Active by default)', absent: ['Status'], properties: { UserName: 'ci' }, expect: 'FAIL', messageIncludes: ['Status', 'roles'] },
    { name: 'Status Active', properties: { UserName: 'ci', Status: 'Active' }, expect: 'FAIL', messageIncludes: 'long-term credential' },
    { name: 'Serial does not matter', properties: { UserName: 'ci', Serial: 2, Status: 'Active' }, expect: 'FAIL' },
    { name: 'update re-activates a key', properties: { UserName: 'ci', Status: 'Active' }, previous: { UserName: 'ci', Status: 'Inactive' }, actions: ['UPDATE'], expect: 'FAIL', weakened: true },
  ],
});
