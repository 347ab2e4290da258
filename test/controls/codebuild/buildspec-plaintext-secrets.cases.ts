import { defineCases } from '../../helpers/cases';
import { project, spec, withBuildSpec } from './project';

const PASSWORD = 'Tr0ub4dor&3-horse';
const AKIA = 'AKIAIOSFODNN7EXAMPLE';
const NPM = 'npm_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789';

export default defineCases({
  controlId: 'CICD.CODEBUILD.12',
  resourceType: 'AWS::CodeBuild::Project',
  cases: [
    { name: 'buildspec file path, not inline', properties: project(), expect: 'PASS' },
    { name: 'secret behind a YAML merge key in env.variables', properties: withBuildSpec(`version: 0.2\ncommon: &vars\n  NPM_TOKEN: ${NPM}\nenv:\n  variables:\n    <<: *vars\n    STAGE: test\n`), expect: 'FAIL', messageIncludes: 'NPM_TOKEN', neverEcho: [NPM] },
    { name: 'secret in a batch build-list task variable', properties: withBuildSpec(`version: 0.2\nbatch:\n  build-list:\n    - identifier: deploy\n      env:\n        variables:\n          DB_PASSWORD: "${PASSWORD}"\n`), expect: 'FAIL', messageIncludes: 'batch.build-list[0].env.variables.DB_PASSWORD', neverEcho: [PASSWORD] },
    { name: 'credential in a build-matrix dynamic variable list', properties: withBuildSpec({ version: '0.2', batch: { 'build-matrix': { dynamic: { env: { variables: { KEY: ['none', AKIA] } } } } } }), expect: 'FAIL', messageIncludes: 'build-matrix.dynamic.env.variables.KEY[1]', neverEcho: [AKIA] },

    { name: 'export NAME=<literal> in a command', properties: withBuildSpec(`version: 0.2\nphases:\n  build:\n    commands:\n      - export DB_PASSWORD=${PASSWORD} && ./migrate.sh\n`), expect: 'FAIL', messageIncludes: ['Source.BuildSpec', 'DB_PASSWORD'], neverEcho: [PASSWORD] },
    { name: 'a literal --password option in a command', properties: withBuildSpec(spec({ build: [`mysql --host db --password=${PASSWORD} < schema.sql`] })), expect: 'FAIL', messageIncludes: '--password', neverEcho: [PASSWORD] },
    { name: 'a base64-encoded access key decoded in a command', properties: withBuildSpec(spec({ build: [`echo ${Buffer.from(AKIA).toString('base64')}AA== | base64 -d > key`] })), expect: 'FAIL', neverEcho: [AKIA] },
    { name: 'secrets read at build time, not written', properties: withBuildSpec(spec({ build: ['export DB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id ci/db --query SecretString --output text)', 'export NPM_TOKEN="${NPM_TOKEN_FROM_SSM}"', 'npm publish --access public'] })), expect: 'PASS' },
    { name: 'BuildSpec missing (buildspec.yml in the source)', absent: ['Source.BuildSpec'], properties: project({ Source: { Type: 'CODEPIPELINE' } }), expect: 'PASS' },
    {
      name: 'CDK-style JSON buildspec with safe env forms',
      properties: withBuildSpec(spec({ build: ['npm ci', 'npm run build'] }, { variables: { STAGE: 'prod' }, 'parameter-store': { NPM_TOKEN: '/ci/npm-token' }, 'secrets-manager': { DB_PASSWORD: 'ci/db:password' } })),
      expect: 'PASS',
    },
    {
      name: 'YAML buildspec with a plaintext password variable',
      properties: withBuildSpec(`version: 0.2\nenv:\n  variables:\n    db_password: "${PASSWORD}"\nphases:\n  build:\n    commands:\n      - make\n`),
      expect: 'FAIL',
      messageIncludes: ['Source.BuildSpec', 'db_password'],
      neverEcho: [PASSWORD],
    },
    {
      name: 'credential value under an innocent variable name',
      properties: withBuildSpec(spec({ build: ['make'] }, { variables: { DEPLOY_CONFIG: AKIA } })),
      expect: 'FAIL',
      messageIncludes: 'DEPLOY_CONFIG',
      neverEcho: [AKIA],
    },
    {
      name: 'token written into a command',
      properties: withBuildSpec(spec({ install: [`npm config set //registry.npmjs.org/:_authToken ${NPM}`] })),
      expect: 'FAIL',
      messageIncludes: 'phases.install.commands[0]',
      neverEcho: [NPM],
    },
    {
      name: 'secretsmanager dynamic reference inside the buildspec text',
      properties: withBuildSpec(spec({ build: ['make'] }, { variables: { DB: '{{resolve:secretsmanager:ci/db:SecretString:password}}' } })),
      expect: 'FAIL',
      messageIncludes: 'resolve',
    },
    {
      name: 'secret in the inline buildspec of a secondary source',
      properties: project({ SecondarySources: [{ Type: 'S3', Location: 'acme/src.zip', SourceIdentifier: 'tools', BuildSpec: JSON.stringify(spec({ build: ['make'] }, { variables: { API_KEY: PASSWORD } })) }] }),
      expect: 'FAIL',
      messageIncludes: 'SecondarySources[0].BuildSpec',
      neverEcho: [PASSWORD],
    },
    {
      name: 'inline buildspec that does not parse',
      properties: withBuildSpec(`version: 0.2\nphases:\n  build:\n    commands: [ "echo ${PASSWORD}"\n`),
      expect: 'FAIL',
      messageIncludes: 'does not parse',
      neverEcho: [PASSWORD],
    },
  ],
});
