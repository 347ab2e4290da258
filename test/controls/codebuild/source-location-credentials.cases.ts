import { defineCases } from '../../helpers/cases';
import { project } from './project';

const TOKEN = 'ghp_0123456789abcdefghijABCDEFGHIJ012345';
const GLPAT = 'glpat-AbCdEfGhIjKlMnOpQrSt';

export default defineCases({
  controlId: 'CICD.CODEBUILD.1',
  resourceType: 'AWS::CodeBuild::Project',
  cases: [
    { name: 'GitHub URL without credentials', properties: project({ Source: { Type: 'GITHUB', Location: 'https://github.com/acme/app.git' } }), expect: 'PASS' },
    { name: 'CodePipeline source without Location (missing)', absent: ['Source.Location'], properties: project(), expect: 'PASS' },
    { name: 'Source block absent', absent: ['Source'], properties: project({ Source: undefined }), expect: 'PASS' },
    { name: 'S3 source bucket/key', properties: project({ Source: { Type: 'S3', Location: 'acme-sources/app/source.zip' } }), expect: 'PASS' },
    { name: 'scp-style git URL with the git user', properties: project({ Source: { Type: 'GITHUB_ENTERPRISE', Location: 'git@git.acme.example:team/app.git' } }), expect: 'PASS' },
    {
      name: 'GitHub token as user-info',
      properties: project({ Source: { Type: 'GITHUB', Location: `https://${TOKEN}@github.com/acme/app.git` } }),
      expect: 'FAIL',
      messageIncludes: 'Source.Location',
      neverEcho: [TOKEN],
    },
    {
      name: 'GitLab self-managed oauth2:token user-info',
      properties: project({ Source: { Type: 'GITLAB_SELF_MANAGED', Location: `https://oauth2:${GLPAT}@gitlab.acme.example/team/app.git` } }),
      expect: 'FAIL',
      messageIncludes: 'password',
      neverEcho: [GLPAT],
    },
    {
      name: 'Bitbucket token in a query string (prefix-only anchors miss it)',
      properties: project({ Source: { Type: 'BITBUCKET', Location: `https://bitbucket.org/acme/app.git?access_token=${TOKEN}` } }),
      expect: 'FAIL',
      messageIncludes: 'access_token',
      neverEcho: [TOKEN],
    },
    {
      name: 'credential in a secondary source only',
      properties: project({
        SecondarySources: [
          { Type: 'GITHUB', Location: 'https://github.com/acme/lib.git', SourceIdentifier: 'lib' },
          { Type: 'GITHUB_ENTERPRISE', Location: `https://deploy:${TOKEN}@ghe.acme.example/acme/tools.git`, SourceIdentifier: 'tools' },
        ],
      }),
      expect: 'FAIL',
      messageIncludes: 'SecondarySources[1].Location',
      neverEcho: [TOKEN],
    },
    {
      name: 'CodeCommit URL with a user name',
      properties: project({ Source: { Type: 'CODECOMMIT', Location: 'https://builder@git-codecommit.eu-west-1.amazonaws.com/v1/repos/app' } }),
      expect: 'FAIL',
      messageIncludes: 'user-info',
    },
  ],
});
