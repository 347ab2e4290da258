import { defineCases } from '../../helpers/cases';
import { project } from './project';

const gh = (Auth: unknown) => ({ Type: 'GITHUB', Location: 'https://github.com/acme/app.git', Auth });
const TOKEN = 'gho_16C7e42F292c6912E7710c838347Ae178B4a';

export default defineCases({
  controlId: 'CICD.CODEBUILD.11',
  resourceType: 'AWS::CodeBuild::Project',
  cases: [
    { name: 'connection ARN', properties: project({ Source: gh({ Type: 'CODECONNECTIONS', Resource: 'arn:aws:codeconnections:eu-west-1:123456789012:connection/4f2c1f3a-1b2c-4d5e-8f90-0123456789ab' }) }), expect: 'PASS' },
    { name: 'CodeStar connection ARN', properties: project({ Source: gh({ Type: 'CODECONNECTIONS', Resource: 'arn:aws:codestar-connections:eu-west-1:123456789012:connection/4f2c1f3a-1b2c-4d5e-8f90-0123456789ab' }) }), expect: 'PASS' },
    { name: 'secret ARN', properties: project({ Source: gh({ Type: 'SECRETS_MANAGER', Resource: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:ci/github-AbCdEf' }) }), expect: 'PASS' },
    { name: 'OAUTH without Resource', absent: ['Source.Auth.Resource'], properties: project({ Source: gh({ Type: 'OAUTH' }) }), expect: 'PASS' },
    { name: 'Auth missing', absent: ['Source.Auth'], properties: project({ Source: { Type: 'GITHUB', Location: 'https://github.com/acme/app.git' } }), expect: 'PASS' },
    { name: 'raw OAuth token as Resource', properties: project({ Source: gh({ Type: 'OAUTH', Resource: TOKEN }) }), expect: 'FAIL', messageIncludes: 'Source.Auth.Resource', neverEcho: [TOKEN] },
    { name: 'lower-case short token', properties: project({ Source: gh({ Type: 'OAUTH', Resource: 'abc123def456' }) }), expect: 'FAIL', messageIncludes: 'not an ARN' },
    { name: 'dynamic reference resolved into Resource', properties: project({ Source: gh({ Type: 'OAUTH', Resource: '{{resolve:secretsmanager:ci/github:SecretString:token}}' }) }), expect: 'FAIL', messageIncludes: 'dynamic reference' },
    {
      name: 'token on a secondary source',
      properties: project({ Source: gh({ Type: 'OAUTH' }), SecondarySources: [{ ...gh({ Type: 'OAUTH', Resource: TOKEN }), SourceIdentifier: 'lib' }] }),
      expect: 'FAIL',
      messageIncludes: 'SecondarySources[0].Auth.Resource',
      neverEcho: [TOKEN],
    },
  ],
});
