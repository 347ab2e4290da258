/** Credentials: JSON or Encryption SDK ciphertext, resolved lazily, never logged; provider log delivery. */
import { randomBytes } from 'node:crypto';
import { buildClient, CommitmentPolicy, RawAesKeyringNode, RawAesWrappingSuiteIdentifier } from '@aws-crypto/client-node';
import { CredentialError, CredentialResolver, decryptWithKeyring, type Decryptor } from '../../src/protocol/credentials';
import { streamName } from '../../src/protocol/delivery';
import { buildRequest, invokeHook, codebuildProject } from '../helpers/requests';

const CREDS = { accessKeyId: 'ASIAQWERTYUIOPASDFGH', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzz9EXAMPLE', sessionToken: 'IQoJb3JpZ2luX2VjEHsessiontokenvalue' };
const KEY_ARN = 'arn:aws:kms:eu-west-1:111122223333:key/1f2e3d4c-5b6a-7988-9a0b-1c2d3e4f5a6b';
const ROLE_ARN = 'arn:aws:iam::111122223333:role/hook-encryption';

const keyring = new RawAesKeyringNode({
  keyName: 'test-key',
  keyNamespace: 'pipeline-guard-test',
  unencryptedMasterKey: new Uint8Array(randomBytes(32)),
  wrappingSuite: RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING,
});

async function encrypt(plaintext: string): Promise<string> {
  const { encrypt: enc } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);
  const { result } = await enc(keyring, Buffer.from(plaintext, 'utf8'));
  return Buffer.from(result).toString('base64');
}

/** A decryptor with the test keyring in place of KMS, recording calls. */
function testDecryptor(): Decryptor & { calls: Array<[string, string]> } {
  const calls: Array<[string, string]> = [];
  const fn = (async (ciphertext: string, keyArn: string, roleArn: string) => {
    calls.push([keyArn, roleArn]);
    return decryptWithKeyring(keyring, ciphertext);
  }) as Decryptor & { calls: Array<[string, string]> };
  fn.calls = calls;
  return fn;
}

describe('CredentialResolver', () => {
  test('plaintext JSON credentials parse without any decryption', async () => {
    const decrypt = testDecryptor();
    const r = new CredentialResolver({ callerCredentials: JSON.stringify(CREDS) }, decrypt);
    expect(r.encoding).toBe('json');
    await expect(r.caller()).resolves.toEqual(CREDS);
    expect(decrypt.calls).toHaveLength(0);
  });

  test('Encryption SDK ciphertext is decrypted with the request key and role — a real round trip', async () => {
    const ciphertext = await encrypt(JSON.stringify(CREDS));
    const decrypt = testDecryptor();
    const r = new CredentialResolver({ providerCredentials: ciphertext, hookEncryptionKeyArn: KEY_ARN, hookEncryptionKeyRole: ROLE_ARN }, decrypt);
    expect(r.encoding).toBe('encrypted');
    await expect(r.provider()).resolves.toEqual(CREDS);
    await r.provider();
    expect(decrypt.calls).toEqual([[KEY_ARN, ROLE_ARN]]); // memoised: decrypted once
  });

  test('tampered ciphertext fails with a CredentialError that carries no value', async () => {
    const ciphertext = await encrypt(JSON.stringify(CREDS));
    const bytes = Buffer.from(ciphertext, 'base64');
    bytes[bytes.length - 40] ^= 0xff;
    const r = new CredentialResolver({ callerCredentials: bytes.toString('base64'), hookEncryptionKeyArn: KEY_ARN, hookEncryptionKeyRole: ROLE_ARN }, testDecryptor());
    const err = await r.caller().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CredentialError);
    expect(String((err as Error).message)).not.toContain(CREDS.secretAccessKey);
  });

  test('ciphertext without key ARN and role is rejected', async () => {
    const r = new CredentialResolver({ callerCredentials: 'AYADeJ...base64' }, testDecryptor());
    await expect(r.caller()).rejects.toBeInstanceOf(CredentialError);
  });

  test('JSON lacking a field is rejected', async () => {
    const r = new CredentialResolver({ callerCredentials: JSON.stringify({ accessKeyId: 'a' }) }, testDecryptor());
    await expect(r.caller()).rejects.toThrow(/lacks/);
  });

  test('absent credentials resolve to undefined', async () => {
    await expect(new CredentialResolver({}).caller()).resolves.toBeUndefined();
  });
});

describe('credentials in the hook', () => {
  test('pure evaluation never decrypts caller credentials (lazy)', async () => {
    const ciphertext = await encrypt(JSON.stringify(CREDS));
    const event = buildRequest({ type: 'AWS::CodeBuild::Project', properties: codebuildProject() });
    Object.assign(event.requestData as object, { callerCredentials: ciphertext, hookEncryptionKeyArn: KEY_ARN, hookEncryptionKeyRole: ROLE_ARN });
    const decrypt = testDecryptor();
    const { response } = await invokeHook(event, { decrypt });
    expect(response.hookStatus).toBe('SUCCESS');
    expect(decrypt.calls).toHaveLength(0);
  });

  test('credential strings and their parts never appear in log lines or the response', async () => {
    const event = buildRequest({ type: 'AWS::CodeBuild::Project', properties: codebuildProject({ PrivilegedMode: 'true' }) });
    Object.assign(event.requestData as object, { callerCredentials: JSON.stringify(CREDS), providerCredentials: JSON.stringify(CREDS), providerLogGroupName: 'pipeline-guard-logs' });
    const delivered: string[][] = [];
    const { response, logs } = await invokeHook(event, { deliver: async (lines) => void delivered.push([...lines]) });
    const everything = JSON.stringify(response) + logs.join('\n') + delivered.flat().join('\n');
    for (const part of [CREDS.accessKeyId, CREDS.secretAccessKey, CREDS.sessionToken]) expect(everything).not.toContain(part);
    expect(logs.length).toBeGreaterThan(0);
  });

  test('with provider credentials, log lines are delivered to providerLogGroupName with them (encrypted path)', async () => {
    const ciphertext = await encrypt(JSON.stringify(CREDS));
    const event = buildRequest({ type: 'AWS::CodeBuild::Project', properties: codebuildProject() });
    Object.assign(event.requestData as object, { providerCredentials: ciphertext, providerLogGroupName: 'pipelineguard-cicd-hook-logs', hookEncryptionKeyArn: KEY_ARN, hookEncryptionKeyRole: ROLE_ARN });
    const calls: Array<{ lines: readonly string[]; group: string; stream: string; creds: unknown }> = [];
    const { response } = await invokeHook(event, { decrypt: testDecryptor(), deliver: async (lines, group, stream, creds) => void calls.push({ lines, group, stream, creds }) });
    expect(response.hookStatus).toBe('SUCCESS');
    expect(calls).toHaveLength(1);
    expect(calls[0].group).toBe('pipelineguard-cicd-hook-logs');
    expect(calls[0].stream).not.toContain(':');
    expect(calls[0].creds).toEqual(CREDS);
    expect(calls[0].lines.some((l) => JSON.parse(l).msg === 'hook answered')).toBe(true);
  });

  test('a failing or hanging delivery never changes the answer', async () => {
    const event = buildRequest({ type: 'AWS::CodeBuild::Project', properties: codebuildProject({ PrivilegedMode: 'true' }) });
    Object.assign(event.requestData as object, { providerCredentials: JSON.stringify(CREDS), providerLogGroupName: 'g' });
    const failing = await invokeHook(event, { deliver: async () => { throw new Error('AccessDenied'); } });
    expect(failing.response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(failing.logs.some((l) => l.includes('log delivery failed'))).toBe(true);
    const hanging = await invokeHook(event, { deliveryTimeoutMs: 20, deliver: () => new Promise(() => undefined) });
    expect(hanging.response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(hanging.logs.some((l) => l.includes('timed out'))).toBe(true);
  });

  test('log stream names follow the plugin convention without colons', () => {
    expect(streamName('arn:aws:cloudformation:eu-west-1:1:stack/s/u', 'Build', '1')).toBe('arn__aws__cloudformation__eu-west-1__1__stack/s/u/Build');
    expect(streamName(undefined, 'Build', '123')).toBe('123-Build');
  });
});
