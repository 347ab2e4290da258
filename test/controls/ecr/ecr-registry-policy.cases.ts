import { defineCases } from '../../helpers/cases';

const policy = (...statements: Record<string, unknown>[]) => ({ Version: '2012-10-17', Statement: statements });
const REPLICATION = { Sid: 'Replication', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: ['ecr:CreateRepository', 'ecr:ReplicateImage'], Resource: 'arn:aws:ecr:eu-west-1:123456789012:repository/*' };

export default defineCases({
  controlId: 'CICD.ECR.4',
  resourceType: 'AWS::ECR::RegistryPolicy',
  cases: [
    { name: 'replication from a named account', properties: { PolicyText: policy(REPLICATION) }, expect: 'PASS' },
    { name: 'registry policy as a JSON string', properties: { PolicyText: JSON.stringify(policy(REPLICATION)) }, expect: 'PASS' },
    { name: 'any principal replicates', properties: { PolicyText: policy({ ...REPLICATION, Principal: { AWS: '*' } }) }, expect: 'FAIL', messageIncludes: 'PolicyText Statement[0]' },
    { name: 'any principal as a JSON string', properties: { PolicyText: JSON.stringify(policy({ ...REPLICATION, Principal: '*' })) }, expect: 'FAIL' },
    { name: 'PolicyText missing', absent: ['PolicyText'], properties: {}, expect: 'FAIL', messageIncludes: 'PolicyText is missing' },
    {
      name: 'update opens the registry',
      properties: { PolicyText: policy({ ...REPLICATION, Principal: '*' }) },
      previous: { PolicyText: policy(REPLICATION) },
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
    },
  ],
});
