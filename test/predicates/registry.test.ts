import { checkRegistryValue, commandRedirects, isRegistryVariable, urlMatchesAny } from '../../src/predicates/registry';

const ACCOUNT = '123456789012';
const ALLOWED = [`https://*-${ACCOUNT}.d.codeartifact.*.amazonaws.com/*`];
const CA = `https://acme-${ACCOUNT}.d.codeartifact.eu-west-1.amazonaws.com/npm/internal/`;
const ctx = () => ({ vars: new Map<string, string>(), accountId: ACCOUNT });
const redirects = (c: string) => commandRedirects(c, ctx()).map((r) => [r.via, r.value]);

describe('urlMatchesAny', () => {
  test('own-account CodeArtifact matches', () => expect(urlMatchesAny(ALLOWED, CA)).toBe(true));
  test('another account does not', () => expect(urlMatchesAny(ALLOWED, CA.replace(ACCOUNT, '999999999999'))).toBe(false));
  test('a * cannot stretch from the host into the path', () => {
    expect(urlMatchesAny(ALLOWED, `https://evil.example/x-${ACCOUNT}.d.codeartifact.eu-west-1.amazonaws.com/npm/`)).toBe(false);
    expect(urlMatchesAny(ALLOWED, `https://acme-${ACCOUNT}.d.codeartifact.eu-west-1.amazonaws.com.evil.example/npm/`)).toBe(false);
  });
  test('user-info does not change the host', () => {
    expect(urlMatchesAny(ALLOWED, `https://acme-${ACCOUNT}.d.codeartifact.x.amazonaws.com@evil.example/npm/`)).toBe(false);
    expect(urlMatchesAny(ALLOWED, `https://aws:tok@acme-${ACCOUNT}.d.codeartifact.x.amazonaws.com/pypi/r/simple/`)).toBe(true);
  });
  test('scheme must match', () => expect(urlMatchesAny(ALLOWED, CA.replace('https', 'http'))).toBe(false));
  test('a pattern without a path allows every path', () => expect(urlMatchesAny(['https://registry.internal.example'], 'https://registry.internal.example/npm/x')).toBe(true));
});

describe('isRegistryVariable', () => {
  test.each(['NPM_CONFIG_REGISTRY', 'npm_config_registry', 'npm_config_@acme:registry', 'PIP_INDEX_URL', 'PIP_EXTRA_INDEX_URL', 'GOPROXY', 'YARN_REGISTRY', 'YARN_NPM_REGISTRY_SERVER', 'UV_INDEX_URL', 'POETRY_REPOSITORIES_INTERNAL_URL'])('%s', (n) => expect(isRegistryVariable(n)).toBe(true));
  test.each(['PATH', 'REGISTRY', 'ECR_REGISTRY', 'GOPATH', 'NPM_TOKEN'])('%s is not', (n) => expect(isRegistryVariable(n)).toBe(false));
});

describe('checkRegistryValue', () => {
  test('allowed', () => expect(checkRegistryValue('NPM_CONFIG_REGISTRY', CA, ALLOWED)).toEqual({ ok: true }));
  test('public registry is not allowed', () => expect(checkRegistryValue('NPM_CONFIG_REGISTRY', 'https://registry.npmjs.org/', ALLOWED)).toEqual({ ok: false, reason: 'not-allowed', detail: 'host registry.npmjs.org' }));
  test('GOPROXY lists: every item, direct fails, off is fine', () => {
    expect(checkRegistryValue('GOPROXY', `${CA},off`, ALLOWED).ok).toBe(true);
    expect(checkRegistryValue('GOPROXY', `${CA},direct`, ALLOWED)).toMatchObject({ ok: false, reason: 'direct' });
    expect(checkRegistryValue('GOPROXY', `https://proxy.golang.org|${CA}`, ALLOWED)).toMatchObject({ ok: false, reason: 'not-allowed' });
  });
  test('PIP_EXTRA_INDEX_URL space-separated list', () => expect(checkRegistryValue('PIP_EXTRA_INDEX_URL', `${CA} https://pypi.org/simple`, ALLOWED).ok).toBe(false));
  test('variables in the host are unverifiable, in user-info they are fine', () => {
    expect(checkRegistryValue('index-url', 'https://$HOST/simple', ALLOWED)).toMatchObject({ reason: 'unverifiable' });
    expect(checkRegistryValue('index-url', `https://aws:$TOKEN@acme-${ACCOUNT}.d.codeartifact.eu-west-1.amazonaws.com/pypi/r/simple/`, ALLOWED).ok).toBe(true);
  });
  test('the detail never carries user-info or a token-like host', () => {
    const r = checkRegistryValue('index-url', 'https://aws:ghp_abcdefghijklmnopqrstuvwxyz0123456789@pypi.example.org/simple', ALLOWED);
    expect(JSON.stringify(r)).not.toContain('ghp_');
  });
  test('empty means unset', () => expect(checkRegistryValue('NPM_CONFIG_REGISTRY', '', ALLOWED).ok).toBe(true));
});

describe('commandRedirects', () => {
  test('plain installs are not redirects', () => {
    for (const c of ['npm ci', 'npm install', 'npm install -g aws-cdk@2', 'pip install -r requirements.txt', 'yarn install --frozen-lockfile', 'go mod download', 'npm install -g cdk-assets@latest', 'docker build --build-arg REGISTRY=123.dkr.ecr.x.amazonaws.com .']) expect(redirects(c)).toEqual([]);
  });
  test.each([
    ['npm ci --registry https://registry.example.org', '--registry', 'https://registry.example.org'],
    ['npm ci --registry=https://registry.example.org', '--registry', 'https://registry.example.org'],
    ['pnpm install --@acme:registry=https://r.example.org', '--@scope:registry', 'https://r.example.org'],
    ['pip install --index-url https://pypi.example.org/simple x', '--index-url', 'https://pypi.example.org/simple'],
    ['pip3 install --extra-index-url=https://pypi.example.org/simple x', '--extra-index-url', 'https://pypi.example.org/simple'],
    ['pip install -i https://pypi.example.org/simple x', 'pip -i', 'https://pypi.example.org/simple'],
    ['python3 -m pip install -i https://pypi.example.org/simple x', 'pip -i', 'https://pypi.example.org/simple'],
    ['NPM_CONFIG_REGISTRY=https://r.example.org npm ci', 'NPM_CONFIG_REGISTRY=', 'https://r.example.org'],
    ['export PIP_INDEX_URL=https://pypi.example.org/simple', 'PIP_INDEX_URL=', 'https://pypi.example.org/simple'],
    ['go env -w GOPROXY=direct', 'GOPROXY=', 'direct'],
    ['npm config set registry https://r.example.org', 'npm config set registry', 'https://r.example.org'],
    ['npm set registry https://r.example.org', 'npm config set registry', 'https://r.example.org'],
    ['yarn config set registry https://r.example.org', 'yarn config set registry', 'https://r.example.org'],
    ['yarn config set npmRegistryServer https://r.example.org', 'yarn config set npmRegistryServer', 'https://r.example.org'],
    ['pip config set global.index-url https://pypi.example.org/simple', 'pip config set global.index-url', 'https://pypi.example.org/simple'],
    ['pip config --user set global.index-url https://pypi.example.org/simple', 'pip config set global.index-url', 'https://pypi.example.org/simple'],
    ['echo "registry=https://r.example.org/" > ~/.npmrc', 'registry=', 'https://r.example.org/'],
    ['echo "@acme:registry=https://r.example.org/" >> .npmrc', '@scope:registry=', 'https://r.example.org/'],
    ['sudo npm install -g x --registry https://r.example.org', '--registry', 'https://r.example.org'],
  ])('%s', (c, via, value) => expect(redirects(c)).toContainEqual([via, value]));

  test('aws codeartifact login: the endpoint it configures', () => {
    expect(redirects(`aws codeartifact login --tool npm --domain acme --domain-owner ${ACCOUNT} --repository internal`)).toEqual([['aws codeartifact login', `https://acme-${ACCOUNT}.d.codeartifact.region.amazonaws.com/npm/internal/`]]);
    expect(redirects('aws codeartifact login --tool pip --domain acme --repository internal')[0][1]).toContain(`acme-${ACCOUNT}.`);
    expect(redirects('aws codeartifact login --tool npm --domain acme --domain-owner 999999999999 --repository internal')[0][1]).toContain('acme-999999999999.');
  });

  test('$(aws codeartifact get-repository-endpoint …) is the endpoint', () => {
    const r = commandRedirects(`npm config set registry $(aws codeartifact get-repository-endpoint --domain acme --domain-owner ${ACCOUNT} --repository internal --format npm --query repositoryEndpoint --output text)`, ctx());
    expect(r.map((x) => x.value)).toEqual([`https://acme-${ACCOUNT}.d.codeartifact.region.amazonaws.com/npm/internal/`]);
    expect(checkRegistryValue(r[0].key, r[0].value, ALLOWED).ok).toBe(true);
  });

  test('variables assigned earlier or known from the project resolve', () => {
    const c = ctx();
    c.vars.set('REG', CA);
    expect(commandRedirects('npm ci --registry $REG', c).map((r) => r.value)).toEqual([CA]);
    commandRedirects('export OTHER=https://r.example.org', c);
    expect(commandRedirects('npm ci --registry=${OTHER}', c).map((r) => r.value)).toEqual(['https://r.example.org']);
  });
});
