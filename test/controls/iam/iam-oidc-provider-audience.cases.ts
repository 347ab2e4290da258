import { defineCases } from '../../helpers/cases';

const url = 'https://token.actions.githubusercontent.com';

export default defineCases({
  controlId: 'CICD.IAM.16',
  resourceType: 'AWS::IAM::OIDCProvider',
  cases: [
    { name: 'only sts.amazonaws.com passes', properties: { Url: url, ClientIdList: ['sts.amazonaws.com'] }, expect: 'PASS' },
    { name: 'ClientIdList missing admits no audience', absent: ['ClientIdList'], properties: { Url: url }, expect: 'PASS' },
    { name: 'ClientIdList empty', properties: { Url: url, ClientIdList: [] }, expect: 'PASS' },
    { name: 'an extra audience', properties: { Url: url, ClientIdList: ['sts.amazonaws.com', 'my-app'] }, expect: 'FAIL', messageIncludes: 'ClientIdList[1]' },
    { name: 'scalar audience other than STS', properties: { Url: url, ClientIdList: 'https://github.com/example-org' }, expect: 'FAIL', messageIncludes: 'ClientIdList[0]' },
    { name: 'update adds an audience', properties: { Url: url, ClientIdList: ['sts.amazonaws.com', 'other'] }, previous: { Url: url, ClientIdList: ['sts.amazonaws.com'] }, actions: ['UPDATE'], expect: 'FAIL', weakened: true },
  ],
});
