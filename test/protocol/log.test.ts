import { Logger } from '../../src/protocol/log';
import { redactSecrets } from '../../src/predicates/secret';

describe('structured logs', () => {
  test('one JSON object per line, sensitive keys and protected strings redacted', () => {
    const lines: string[] = [];
    const logger = new Logger({ write: (l) => lines.push(l) }, { clientRequestToken: 'tok' });
    logger.protect('my-very-secret-credential-string');
    logger.info('hello', { password: 'p@ss', nested: { sessionToken: 'abc' }, text: 'prefix my-very-secret-credential-string suffix', key: 'AKIAIOSFODNN7EXAMPLE' });
    expect(lines).toHaveLength(1);
    const rec = JSON.parse(lines[0]);
    expect(rec).toMatchObject({ level: 'INFO', msg: 'hello', clientRequestToken: 'tok', password: '[REDACTED]', nested: { sessionToken: '[REDACTED]' } });
    expect(lines[0]).not.toContain('my-very-secret-credential-string');
    expect(lines[0]).not.toContain('AKIAIOSFODNN7EXAMPLE');
  });

  test('redactSecrets replaces every strong credential shape', () => {
    const samples = ['AKIAIOSFODNN7EXAMPLE', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789', 'glpat-abcdefghij0123456789', 'xoxb-1234567890-abcdefghij', '-----BEGIN RSA PRIVATE KEY-----', 'github_pat_11ABCDEFG0123456789_abcdefghijklmnop'];
    for (const s of samples) expect(redactSecrets(`value=${s} end`)).not.toContain(s);
    expect(redactSecrets('nothing to see: arn:aws:iam::123456789012:role/x')).toBe('nothing to see: arn:aws:iam::123456789012:role/x');
  });
});
