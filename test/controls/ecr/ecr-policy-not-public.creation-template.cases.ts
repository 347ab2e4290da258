import { defineCases } from '../../helpers/cases';
import { template } from './repository-creation-template.fixtures';

const policy = (statement: Record<string, unknown>) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });

export default defineCases({
  controlId: 'CICD.ECR.4',
  resourceType: 'AWS::ECR::RepositoryCreationTemplate',
  cases: [
    { name: 'template without RepositoryPolicy', absent: ['RepositoryPolicy'], properties: template(), expect: 'PASS' },
    { name: 'template policy for one account', properties: template({ RepositoryPolicy: policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: ['ecr:BatchGetImage'] }) }), expect: 'PASS' },
    { name: 'template policy for everyone pinned to the organisation', properties: template({ RepositoryPolicy: policy({ Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abcdefghij' } } }) }), expect: 'PASS' },
    { name: 'template policy for everyone', properties: template({ RepositoryPolicy: policy({ Effect: 'Allow', Principal: { AWS: '*' }, Action: ['ecr:*'] }) }), expect: 'FAIL', messageIncludes: 'RepositoryPolicy' },
    { name: 'template policy as an object with Principal "*" (odd shape)', properties: template({ RepositoryPolicy: { Statement: [{ Effect: 'allow', Principal: '*', Action: 'ecr:BatchGetImage' }] } }), expect: 'FAIL' },
  ],
});
