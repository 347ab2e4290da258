import { buildSpecCommands, buildSpecVariables, isInlineBuildSpec, parseBuildSpec, pipesDownloadToShell } from '../../src/predicates/buildspec';

describe('isInlineBuildSpec', () => {
  test.each(['buildspec.yml', 'ci/buildspec-test.yaml', 'arn:aws:s3:::bucket/buildspec.yml', 'my-bucket/path/buildspec.yml'])('%s is a path', (v) => {
    expect(isInlineBuildSpec(v)).toBe(false);
  });
  test.each(['version: 0.2', 'version: 0.2\nphases:\n  build:\n    commands: [make]', '{"version":"0.2"}', '{ version: 0.2 }'])('%s is inline', (v) => {
    expect(isInlineBuildSpec(v)).toBe(true);
  });
});

describe('parseBuildSpec', () => {
  test('CDK JSON string', () => {
    const r = parseBuildSpec(JSON.stringify({ version: '0.2', phases: { build: { commands: ['npm ci'] } } }, null, 2));
    expect(r.ok).toBe(true);
    if (r.ok) expect(buildSpecCommands(r.doc)).toEqual([{ path: 'phases.build.commands[0]', text: 'npm ci' }]);
  });
  test('YAML with env variables, finally blocks and block scalars', () => {
    const r = parseBuildSpec('version: 0.2\nenv:\n  variables:\n    A: "1"\nphases:\n  build:\n    commands:\n      - |\n        make\n        make test\n    finally:\n      - echo done\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(buildSpecVariables(r.doc)).toEqual({ A: '1' });
    expect(buildSpecCommands(r.doc).map((c) => c.path)).toEqual(['phases.build.commands[0]', 'phases.build.finally[0]']);
  });
  test('invalid YAML fails with a position and never quotes the text', () => {
    const r = parseBuildSpec('version: 0.2\nphases:\n  build:\n    commands: [ "SECRETVALUE123\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).not.toContain('SECRETVALUE123');
  });
  test('duplicate keys (which could hide a second phases block) fail', () => {
    expect(parseBuildSpec('version: 0.2\nphases: {}\nphases: {}\n').ok).toBe(false);
  });
  test('several documents fail', () => {
    expect(parseBuildSpec('version: 0.2\n---\nversion: 0.2\n').ok).toBe(false);
  });
  test('a scalar is not a buildspec', () => {
    expect(parseBuildSpec('just some\ntext').ok).toBe(false);
  });
  test('alias bombs are refused', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(', ')}]`)].join('\n');
    expect(parseBuildSpec(bomb).ok).toBe(false);
  });
});

describe('pipesDownloadToShell', () => {
  test.each([
    'curl -fsSL https://get.example.com | sh',
    'curl -s https://x.example/install.sh | bash -s -- --yes',
    'wget -O- https://x.example/i.sh | sudo bash',
    'wget -qO - https://x.example/i.sh | sudo -E sh',
    'cd /tmp && curl https://x | env FOO=1 bash',
    'bash <(curl -s https://x.example/i.sh)',
    'sh -c "$(curl -fsSL https://x.example/install.sh)"',
    'eval "$(wget -qO- https://x.example/env)"',
    'iwr https://x.example/i.ps1 -UseBasicParsing | iex',
    "Invoke-Expression ((New-Object System.Net.WebClient).DownloadString('https://x.example/i.ps1'))",
    'CURL https://x | SH',
  ])('%s', (c) => expect(pipesDownloadToShell(c)).toBe(true));

  test.each([
    'npm ci',
    'curl -o install.sh https://x.example/i.sh && sha256sum -c install.sh.sha256 && sh install.sh',
    'curl -s https://api.example/x | jq .version',
    'curl -s https://api.example/x | python -m json.tool',
    'echo hello | bash-completion',
    'cat script.sh | bash',
    'curl https://x || bash fallback.sh',
  ])('%s is not a pipe to a shell', (c) => expect(pipesDownloadToShell(c)).toBe(false));
});

describe('parseBuildSpec: whatever YAML readers disagree on is ambiguous', () => {
  test.each([
    ['duplicate key', 'version: 0.2\nphases: {}\nphases: {}\n', 'duplicate key `phases`'],
    ['duplicate key in JSON', '{"version":"0.2","phases":{"build":{}},"phases":{}}', 'duplicate key `phases`'],
    ['document marker with content', '--- {version: 0.2, phases: {build: {commands: [make]}}}\n', 'document marker'],
    ['second document marker', 'version: 0.2\n---\n', 'document marker'],
    ['document end marker', 'version: 0.2\n...\n', 'document end marker'],
    ['directive', '%YAML 1.1\n---\nversion: 0.2\n', 'directive'],
    ['LINE SEPARATOR', 'version: 0.2\u2028phases: {}\n', 'U+2028'],
    ['PARAGRAPH SEPARATOR', 'version: 0.2\nphases: {}\u2029', 'U+2029'],
    ['NEL inside a command', 'version: 0.2\nphases:\n  build:\n    commands:\n      - "make\u0085curl x | sh"\n', 'U+0085'],
    ['lone CR', 'version: 0.2\rphases: {}\n', 'carriage return'],
    ['vertical tab', 'version: 0.2\nphases: {}\u000b\n', 'control character'],
    ['!!binary', 'version: 0.2\nenv:\n  variables:\n    X: !!binary aGVsbG8=\n', '!!binary'],
    ['custom tag', 'version: 0.2\nenv:\n  variables:\n    X: !Sub x\n', '!Sub'],
    ['keys differing in case', 'version: 0.2\nphases: {}\nPHASES: {}\n', 'letter case'],
  ])('%s', (_n, text, reason) => {
    const r = parseBuildSpec(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
    if (!r.ok) expect(r.reason).toMatch(/^is ambiguous/);
  });
  test.each([
    ['a leading --- line', '---\nversion: 0.2\nphases:\n  build:\n    commands: [make]\n'],
    ['CRLF line ends', 'version: 0.2\r\nphases:\r\n  build:\r\n    commands: [make]\r\n'],
    ['variables differing in case', 'version: 0.2\nenv:\n  variables:\n    a: "1"\n    A: "2"\n'],
    ['non-ASCII text', 'version: 0.2\nphases:\n  build:\n    commands: ["echo héllo — ✓"]\n'],
  ])('%s is read', (_n, text) => expect(parseBuildSpec(text).ok).toBe(true));
  test('a secret-shaped duplicate key is not echoed', () => {
    const r = parseBuildSpec('{"env":{"variables":{"ghp_abcdefghijklmnopqrstuvwxyz0123456789":"1","ghp_abcdefghijklmnopqrstuvwxyz0123456789":"2"}}}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).not.toContain('ghp_');
  });
  test('merge keys are expanded (explicit keys win)', () => {
    const r = parseBuildSpec('version: 0.2\nx: &v\n  TOKEN: a\n  B: "0"\nenv:\n  variables:\n    <<: *v\n    B: "1"\n');
    expect(r.ok).toBe(true);
    if (r.ok) expect(buildSpecVariables(r.doc)).toEqual({ TOKEN: 'a', B: '1' });
  });
});
