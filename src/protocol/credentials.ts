/**
 * callerCredentials / providerCredentials arrive as a JSON text or as AWS Encryption SDK ciphertext
 * (base64) with hookEncryptionKeyArn + hookEncryptionKeyRole. They are resolved lazily — only when
 * something needs them — and never logged. The decryption stack (Encryption SDK, STS, KMS) is loaded
 * on first use only, so the plaintext path and pure evaluation pay nothing for it.
 */
import type { KeyringNode } from '@aws-crypto/client-node';
import { isRecord } from '../predicates/values';
import type { RawCredentials } from './request';

import type { AwsCredentials } from '../model';

export type { AwsCredentials };

export class CredentialError extends Error {
  constructor(readonly which: string, readonly reason: string) {
    super(`${which}: ${reason}`);
    this.name = 'CredentialError';
  }
}

/** Decrypts one base64 Encryption SDK message to its UTF-8 plaintext. */
export type Decryptor = (ciphertextBase64: string, keyArn: string, roleArn: string) => Promise<string>;

/** Decrypt with a given keyring (KMS in production; raw AES in tests). */
export async function decryptWithKeyring(keyring: KeyringNode, ciphertextBase64: string): Promise<string> {
  const { buildClient, CommitmentPolicy } = await import('@aws-crypto/client-node');
  // Messages written without key commitment must still decrypt (as the Java plugin does).
  const { decrypt } = buildClient(CommitmentPolicy.FORBID_ENCRYPT_ALLOW_DECRYPT);
  const { plaintext } = await decrypt(keyring, Buffer.from(ciphertextBase64, 'base64'));
  return plaintext.toString('utf8');
}

/** Production decryptor: assume hookEncryptionKeyRole with the Lambda's own credentials, decrypt with that key only. */
export const kmsDecrypt: Decryptor = async (ciphertextBase64, keyArn, roleArn) => {
  const region = process.env.AWS_REGION ?? 'us-east-1';
  // node:crypto is imported here, not at the top: loading it costs ~3 ms of every cold start otherwise.
  // the SDK clients with `require`, not `import()`: esbuild keeps an external import() as an ESM import, which
  // ignores NODE_PATH, the way the Lambda runtime exposes its SDK (see lambda-hook.ts)
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { STSClient, AssumeRoleCommand } = require('@aws-sdk/client-sts') as typeof import('@aws-sdk/client-sts');
  const { KMS } = require('@aws-sdk/client-kms') as typeof import('@aws-sdk/client-kms');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const [{ KmsKeyringNode }, { randomUUID }] = await Promise.all([import('@aws-crypto/client-node'), import('node:crypto')]);
  const sts = new STSClient({ region, maxAttempts: 3 });
  const assumed = await sts.send(
    new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: `pipeline-guard-${randomUUID()}`, DurationSeconds: 900 }),
  );
  const c = assumed.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) throw new Error('AssumeRole returned no credentials');
  const credentials = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
  const keyring = new KmsKeyringNode({
    keyIds: [keyArn],
    clientProvider: (clientRegion?: string) => new KMS({ region: clientRegion ?? region, credentials }),
  });
  return decryptWithKeyring(keyring, ciphertextBase64);
};

function parseCredentialJson(text: string, which: string): AwsCredentials {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new CredentialError(which, 'is not a JSON credential object');
  }
  if (!isRecord(v) || typeof v.accessKeyId !== 'string' || typeof v.secretAccessKey !== 'string' || typeof v.sessionToken !== 'string') {
    throw new CredentialError(which, 'lacks accessKeyId, secretAccessKey or sessionToken');
  }
  return { accessKeyId: v.accessKeyId, secretAccessKey: v.secretAccessKey, sessionToken: v.sessionToken };
}

/** Lazy, memoised access to the two credential sets of one request. */
export class CredentialResolver {
  private readonly cache = new Map<string, Promise<AwsCredentials | undefined>>();

  constructor(
    private readonly raw: RawCredentials,
    private readonly decrypt: Decryptor = kmsDecrypt,
  ) {}

  /** How the credentials arrived, for a log line that carries no value. */
  get encoding(): 'none' | 'json' | 'encrypted' {
    const s = this.raw.callerCredentials ?? this.raw.providerCredentials;
    if (!s) return 'none';
    return s.trimStart().startsWith('{') ? 'json' : 'encrypted';
  }

  caller(): Promise<AwsCredentials | undefined> {
    return this.resolve('callerCredentials');
  }

  provider(): Promise<AwsCredentials | undefined> {
    return this.resolve('providerCredentials');
  }

  private resolve(which: 'callerCredentials' | 'providerCredentials'): Promise<AwsCredentials | undefined> {
    let p = this.cache.get(which);
    if (!p) {
      p = this.load(which);
      this.cache.set(which, p);
    }
    return p;
  }

  private async load(which: 'callerCredentials' | 'providerCredentials'): Promise<AwsCredentials | undefined> {
    const s = this.raw[which];
    if (!s) return undefined;
    const { hookEncryptionKeyArn: keyArn, hookEncryptionKeyRole: role } = this.raw;
    if (!s.trimStart().startsWith('{')) {
      if (!keyArn || !role) throw new CredentialError(which, 'is neither JSON nor accompanied by hookEncryptionKeyArn and hookEncryptionKeyRole');
      let plaintext: string;
      try {
        plaintext = await this.decrypt(s, keyArn, role);
      } catch (e) {
        throw new CredentialError(which, `could not be decrypted (${e instanceof Error ? e.name : 'error'})`);
      }
      return parseCredentialJson(plaintext, which);
    }
    return parseCredentialJson(s, which);
  }
}
