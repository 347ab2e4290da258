import { hasSecretInText, isLiteralSecret, secretsInProperties, secretsInText, subtreeSkipper } from '../../src/predicates/secret-scan';
import { looksLikeSecretName, looksLikeSecretValue, redactSecrets } from '../../src/predicates/secret';
import { plaintextSecrets } from '../../src/predicates/env-vars';

const AKID = 'AKIAQ3EGRZ7XAMPLE4FJ';
const GH = 'ghp_R8fJ2kLm9QwXz4VbN7cT1yHs5dPg3aEu6iOo';
const PW = 'Xk82!hsPq_Lm4';
const b64 = (s: string) => Buffer.from(s).toString('base64');
const hex = (s: string) => Buffer.from(s).toString('hex');

describe('names that carry a reference are not secret names', () => {
  test.each(['APP_PRIVATE_KEY_SECRET_NAME', 'DB_SECRET_ARN', 'GITHUB_TOKEN_PARAMETER_NAME', 'API_KEY_SECRET_ID', 'SIGNING_KEY_ID', 'SecretId', 'ApiKeyName', 'token_url', 'PasswordLength', 'npmTokenParam', 'SLACK_TOKEN_PATH'])('%s', (n) => {
    expect(looksLikeSecretName(n)).toBe(false);
  });
  test.each(['DB_PASSWORD', 'api_key', 'GITHUB_PAT', 'ApiKeyValue', 'ClientSecret', 'x-api-token', 'SECRET', 'npmToken', 'PRIVATE_KEY'])('%s is', (n) => {
    expect(looksLikeSecretName(n)).toBe(true);
  });
  test('the CKV_AWS_45 PASS3 variable (a secret name as value) is not a plaintext secret', () => {
    expect(plaintextSecrets([{ name: 'APP_PRIVATE_KEY_SECRET_NAME', value: 'app/private-key', path: 'Environment.Variables.APP_PRIVATE_KEY_SECRET_NAME' }])).toEqual([]);
  });
  test('a credential under a reference name still is one', () => {
    expect(plaintextSecrets([{ name: 'DEPLOY_SECRET_NAME', value: GH, path: 'p' }])).toHaveLength(1);
  });
});

describe('an OIDC provider condition key: the host names the provider, the claim after it is judged', () => {
  test.each(['token.actions.githubusercontent.com:sub', 'token.actions.githubusercontent.com:aud', 'app.terraform.io:sub', 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE0123:aud', 'gitlab.example.com:sub'])('%s is not', (n) => {
    expect(looksLikeSecretName(n)).toBe(false);
  });
  test.each(['auth.example.com:client_secret', 'idp.example.com:password', 'secrets.example.com:api_key'])('%s is', (n) => {
    expect(looksLikeSecretName(n)).toBe(true);
  });
  test.each(['token:sub', 'db:password', 'TOKEN_HOST.example.com'])('%s is still judged whole (no provider host)', (n) => {
    expect(looksLikeSecretName(n)).toBe(true);
  });
});

describe('policy condition keys bind no secret', () => {
  const trust = (condition: Record<string, unknown>) => ({ AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRoleWithWebIdentity', Condition: condition }] } });
  test('a condition key named like a secret, with a literal-looking value, is not a finding', () => {
    expect(secretsInProperties(trust({ StringEquals: { 'aws:PrincipalTag/token': 'Platform-CI-7x' } }))).toEqual([]);
  });
  test('a credential format as a condition value still is one', () => {
    expect(secretsInProperties(trust({ StringEquals: { 'aws:PrincipalTag/team': GH } }))[0].reasons.join()).toContain('GitHub');
  });
  test('a property merely called Condition outside a policy still binds its keys', () => {
    expect(secretsInProperties({ Settings: { Conditions: { password: PW } } })).toHaveLength(1);
    expect(secretsInProperties({ MyCondition: { StringEquals: { password: PW } } })).toHaveLength(1);
  });
});

describe('known formats, wherever they sit in a text', () => {
  test.each([
    ['plain', AKID],
    ['inside an ARN', `arn:aws:s3:::bucket/${AKID}/x`],
    ['after a dynamic reference', `{{resolve:secretsmanager:ci/db:SecretString:password}}${GH}`],
    ['base64-encoded', b64(`key=${AKID}`)],
    ['hex-encoded', hex(GH)],
    ['base64 inside a command', `echo ${b64(GH)} | base64 -d > ~/.token`],
    ['GitLab deploy token', 'gldt-AbCdEfGhIjKlMnOpQrSt12'],
    ['Stripe restricted key', 'rk_live_51HxAbCdEfGhIjKlMnOpQrSt'],
    ['Google OAuth client secret', 'GOCSPX-AbCdEfGhIjKlMnOpQrStUvWx'],
    ['JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjaS1ib3QifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ'],
    ['OpenSSH private key', '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----'],
    ['Docker Hub token', 'dckr_pat_AbCdEfGhIjKlMnOpQrStUvWx'],
  ])('%s', (_label, text) => {
    expect(hasSecretInText(text)).toBe(true);
    expect(looksLikeSecretValue(text)).toBe(true);
    expect(redactSecrets(`x ${text} y`)).not.toContain(text.includes('\n') ? text.split('\n')[1] : text);
  });

  test('reasons say what and how, never the value', () => {
    const r = secretsInText(b64(`token ${AKID}`));
    expect(r).toEqual(['an AWS access key ID (base64-encoded)']);
    expect(JSON.stringify(r)).not.toContain(AKID);
  });
});

describe('secret-looking names bound to literals', () => {
  test.each([
    ['export in a command', `export DB_PASSWORD=${PW} && ./deploy.sh`],
    ['quoted assignment', `NPM_TOKEN="${PW}" npm publish`],
    ['PowerShell', `$env:API_KEY = '${PW}'`],
    ['CLI option', `mysql --password=${PW} -h db`],
    ['CLI option with a space', `tool --api-token ${PW}`],
    ['docker login -p', `docker login -u ci -p ${PW} registry.example.com`],
    ['YAML line', `env:\n  variables:\n    db_password: ${PW}\n`],
    ['YAML anchor for a merge key', `defaults: &d\n  DB_PASSWORD: "${PW}"\nenv:\n  variables:\n    <<: *d\n`],
    ['JSON string', `{"Stage":"prod","DbPassword":"${PW}"}`],
    ['JSON nested in JSON', JSON.stringify({ config: JSON.stringify({ apiKey: PW }) })],
    ['CloudFormation parameter list', JSON.stringify([{ ParameterKey: 'GitHubToken', ParameterValue: PW }])],
    ['URL user-info password', `https://ci:${PW}@git.example.com/org/repo.git`],
    ['URL query', `https://hooks.example.com/notify?channel=ci&api_key=${PW}`],
    ['URL fragment', `https://app.example.com/callback#access_token=${PW}&state=1`],
    ['.env file base64-encoded', b64(`STAGE=prod\nSECRET_KEY=${PW}\n`)],
  ])('%s', (_label, text) => {
    expect(hasSecretInText(text)).toBe(true);
    expect(JSON.stringify(secretsInText(text))).not.toContain(PW);
  });

  test.each([
    ['a variable reference', 'export DB_PASSWORD=$DB_PASSWORD_FROM_SM'],
    ['braced reference', 'NPM_TOKEN="${NPM_TOKEN}" npm publish'],
    ['command substitution', 'export TOKEN=$(aws secretsmanager get-secret-value --secret-id ci/token --query SecretString --output text)'],
    ['a secret name', 'export DB_PASSWORD_SECRET_NAME=ci/db/password'],
    ['a parameter path', 'GITHUB_TOKEN: /ci/github/token'],
    ['placeholder', 'password: changeme'],
    ['a word', 'token: github'],
    ['a file name', '--token-file=token.txt'],
    ['CodePipeline variable', 'TOKEN=#{SourceVariables.CommitId}'],
    ['prose', 'Password rotation: handled by the platform team every 90 days'],
    ['URL with an env var password', 'https://ci:${TOKEN}@git.example.com/repo.git'],
    ['scp-like git URL', 'git@github.com:org/repo.git'],
    ['dynamic reference only', '{{resolve:secretsmanager:ci/db:SecretString:password}}'],
    ['CDK asset hash', 'cdk-hnb659fds-assets-123456789012-eu-west-1/4e2f1ab7c9d0e8f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2.zip'],
    ['CDK logical ID', 'PipelineBuildSynthCdkBuildProject6BEFA8E6'],
    ['ARN', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:ci/github-token-AbCdEf'],
  ])('not: %s', (_label, text) => {
    expect(secretsInText(text)).toEqual([]);
  });

  test('literal judgement', () => {
    expect(isLiteralSecret(PW)).toBe(true);
    expect(isLiteralSecret('correct-horse-battery')).toBe(true);
    for (const v of ['true', '3600', 'xxxxxxxx', '<your-token>', 'PARAMETER_STORE', 'alias/ci', 'ci/db/password', 'abcdefghij']) expect(isLiteralSecret(v)).toBe(false);
  });
});

describe('every string of a resource', () => {
  test('tags, descriptions, pairs at any depth, by path', () => {
    const hits = secretsInProperties({
      Description: `deploys with ${AKID}`,
      Tags: [{ Key: 'team', Value: 'ci' }, { Key: 'deploy-token', Value: PW }],
      ContainerDefinitions: [{ Name: 'app', Environment: [{ Name: 'DB_PASSWORD', Value: PW }, { Name: 'DB_SECRET_ARN', Value: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db' }] }],
      Variables: [{ Name: 'ApiKey', DefaultValue: PW, Description: 'x' }],
      Nested: { Deeper: { Password: PW, PasswordLength: '32' } },
      Sub: { 'Fn::Sub': `echo ${GH}` },
      Ref: { Ref: 'AKIAQ3EGRZ7XAMPLE4FJ' },
    });
    expect(hits.map((h) => h.path).sort()).toEqual(['ContainerDefinitions[0].Environment[0].Value', 'Description', 'Nested.Deeper.Password', 'Sub.Fn::Sub', 'Tags[1].Value', 'Variables[0].DefaultValue']);
    expect(JSON.stringify(hits)).not.toContain(PW);
  });

  test('owned subtrees are skipped', () => {
    const hits = secretsInProperties({ Environment: { Variables: { DB_PASSWORD: PW } }, Description: AKID }, (p) => p === 'Environment.Variables' || p.startsWith('Environment.Variables.'));
    expect(hits.map((h) => h.path)).toEqual(['Description']);
  });

  test('subtree patterns: `[*]` stands for any list index, a pattern covers what continues it with . or [', () => {
    const skip = subtreeSkipper(['Stages[*].Actions[*].Configuration', 'Source.BuildSpec', 'Environment.EnvironmentVariables']);
    for (const p of ['Stages[0].Actions[1].Configuration', 'Stages[10].Actions[2].Configuration.OAuthToken', 'Stages[0].Actions[0].Configuration[3]', 'Source.BuildSpec', 'Environment.EnvironmentVariables[4].Value', 'Stages[*].Actions[*].Configuration']) {
      expect([p, skip(p)]).toEqual([p, true]);
    }
    for (const p of ['Stages[0].Actions[1]', 'Stages[0].Actions[1].ConfigurationX', 'Stages.Actions.Configuration', 'Stages[].Actions[0].Configuration', 'Stages[a].Actions[0].Configuration', 'Source.BuildSpecs', 'Source', 'Description', '', 'Environment.Environment']) {
      expect([p, skip(p)]).toEqual([p, false]);
    }
    expect(subtreeSkipper([])('Anything')).toBe(false);
  });

  test('subtree patterns decide as the generic-path comparison they replace', () => {
    // the former implementation (every [n] rewritten to [*], then compared), kept here as the reference
    const reference = (patterns: string[]) => (path: string): boolean => {
      const generic = path.replace(/\[\d+\]/g, '[*]');
      return patterns.some((p) => generic === p || generic.startsWith(`${p}.`) || generic.startsWith(`${p}[`));
    };
    const patterns = ['Stages[*].Actions[*].Configuration', 'SecondarySources[*].Location', 'Token', 'AuthParameters.ApiKeyAuthParameters.ApiKeyValue'];
    const fast = subtreeSkipper(patterns);
    const slow = reference(patterns);
    const parts = ['Stages', 'Actions', 'Configuration', 'Token', 'Tokens', 'SecondarySources', 'Location', 'AuthParameters', 'ApiKeyAuthParameters', 'ApiKeyValue', '[0]', '[12]', '[*]', '[]', '[x]', '.', '[', ']', '0'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) % parts.length;
    let matched = 0;
    for (let n = 0; n < 5000; n++) {
      let path = '';
      const len = 1 + (n % 9);
      for (let k = 0; k < len; k++) {
        const part = parts[next()];
        path += /^[A-Z]/.test(part) && path !== '' && !path.endsWith('.') ? `.${part}` : part;
      }
      const expected = slow(path);
      if (expected) matched++;
      expect([path, fast(path)]).toEqual([path, expected]);
    }
    // the generated paths reach both answers
    expect(matched).toBeGreaterThan(20);
  });

  test('deep nesting is bounded, not a crash', () => {
    let v: unknown = AKID;
    for (let i = 0; i < 500; i++) v = { a: v };
    expect(() => secretsInProperties({ v } as Record<string, unknown>)).not.toThrow();
  });
});
