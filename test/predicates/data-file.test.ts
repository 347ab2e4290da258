/**
 * The generated data sets (IAM action catalogue, AWS managed policy documents) are files read on first use
 * (src/predicates/data-file.ts), from src/predicates/generated/ under ts-jest and from <bundle dir>/generated/
 * in dist/. A missing, corrupt or stale file must fail closed: the controls that need it make the request
 * fail (InternalFailure), never PASS; and a failure is not remembered, so the next request reads again.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs, { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFileError, dataFilePath, readDataFile } from '../../src/predicates/data-file';
import { IAM_CATALOGUE_FILE, IAM_CATALOGUE_SHA256 } from '../../src/predicates/generated/iam-catalogue.data';
import { MANAGED_POLICIES_FILE, MANAGED_POLICIES_SHA256 } from '../../src/predicates/generated/managed-policies.data';
import { ensureBuilt } from '../helpers/built';
import type * as Requests from '../helpers/requests';

const ROOT = join(__dirname, '..', '..');
const TRUST = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'codebuild.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
/** A role judged by the AWS managed policy's content (needs managed-policies.br and the catalogue). */
const MANAGED = { AssumeRolePolicyDocument: TRUST, ManagedPolicyArns: ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'] };
/** A role whose inline `s3:Get*` is judged by what it matches in the catalogue (needs iam-catalogue.br). */
const INLINE = {
  AssumeRolePolicyDocument: TRUST,
  Policies: [{ PolicyName: 'read', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:Get*', Resource: 'arn:aws:s3:::bucket/*' }] } }],
};

describe('readDataFile', () => {
  it('reads the generated files from src/predicates/generated/ and checks their hash', () => {
    expect(dataFilePath(IAM_CATALOGUE_FILE)).toBe(join(ROOT, 'src/predicates/generated', IAM_CATALOGUE_FILE));
    expect(readDataFile(IAM_CATALOGUE_FILE, IAM_CATALOGUE_SHA256)).toMatch(/^[a-z0-9-]+\|[LRWPT]/);
    expect(readDataFile(MANAGED_POLICIES_FILE, MANAGED_POLICIES_SHA256)).toMatch(/^[A-Za-z0-9_+=,.@-]+\|[^|]*\|\[/);
  });

  it('refuses a missing file and a file with another hash', () => {
    expect(() => readDataFile('no-such-data.br', IAM_CATALOGUE_SHA256)).toThrow(DataFileError);
    expect(() => readDataFile(IAM_CATALOGUE_FILE, MANAGED_POLICIES_SHA256)).toThrow(/SHA-256 differs/);
  });

  it('says why a file cannot be read: the error code, or "error" when there is none', () => {
    expect(() => readDataFile('no-such-data.br', IAM_CATALOGUE_SHA256)).toThrow('data file generated/no-such-data.br cannot be read (ENOENT)');
    const spy = jest.spyOn(fs, 'readFileSync').mockImplementation((() => {
      throw new Error('no code');
    }) as typeof fs.readFileSync);
    try {
      expect(() => readDataFile('odd.br', IAM_CATALOGUE_SHA256)).toThrow('data file generated/odd.br cannot be read (error)');
    } finally {
      spy.mockRestore();
    }
  });

  it('refuses a file with the pinned hash that does not decompress (never returns its bytes)', () => {
    const bytes = Buffer.from('not brotli at all: ' + 'x'.repeat(64));
    const sha = createHash('sha256').update(bytes).digest('hex');
    const spy = jest.spyOn(fs, 'readFileSync').mockImplementation(((path: fs.PathOrFileDescriptor) => {
      if (String(path).endsWith('fake.br')) return bytes;
      throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    }) as typeof fs.readFileSync);
    try {
      expect(() => readDataFile('fake.br', sha)).toThrow(new DataFileError('data file generated/fake.br does not decompress'));
      expect(() => readDataFile('fake.br', sha)).toThrow(DataFileError);
    } finally {
      spy.mockRestore();
    }
  });
});

type Mode = 'missing' | 'corrupt' | 'intact';

/** Fresh copies of every module (no memoised data), with the data files as `mode` says. */
async function answers(mode: Mode, requests: Array<[string, Record<string, unknown>]>): Promise<Array<Record<string, unknown>>> {
  const real = fs.readFileSync;
  const spy = jest.spyOn(fs, 'readFileSync').mockImplementation(((path: fs.PathOrFileDescriptor, options?: unknown) => {
    const p = String(path);
    if (mode !== 'intact' && (p.endsWith(IAM_CATALOGUE_FILE) || p.endsWith(MANAGED_POLICIES_FILE))) {
      if (mode === 'missing') throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
      const bytes = Buffer.from(real(path) as Buffer);
      bytes[bytes.length >> 1] ^= 0xff; // one flipped byte in the middle
      return bytes;
    }
    return (real as (p: fs.PathOrFileDescriptor, o?: unknown) => unknown)(path, options);
  }) as typeof fs.readFileSync);
  try {
    let requestsModule: typeof Requests | undefined;
    jest.isolateModules(() => {
      requestsModule = require('../helpers/requests') as typeof Requests;
    });
    const { buildRequest, invokeHook } = requestsModule!;
    const out: Array<Record<string, unknown>> = [];
    for (const [token, properties] of requests) {
      const { response } = await invokeHook(buildRequest({ type: 'AWS::IAM::Role', properties, token }));
      out.push(response as unknown as Record<string, unknown>);
    }
    return out;
  } finally {
    spy.mockRestore();
  }
}

describe('fail closed (src, through the hook handler)', () => {
  const requests: Array<[string, Record<string, unknown>]> = [
    ['managed', MANAGED],
    ['inline', INLINE],
  ];

  it('with the data files, both roles are compliant', async () => {
    for (const r of await answers('intact', requests)) expect(r).toMatchObject({ hookStatus: 'SUCCESS' });
  });

  it.each(['missing', 'corrupt'] as const)('a %s data file fails the request (InternalFailure), never PASS', async (mode) => {
    const out = await answers(mode, requests);
    for (const r of out) {
      expect(r).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InternalFailure' });
      expect(String(r.message)).toContain('DataFileError');
    }
  });

  it('a failure is not remembered: the next request reads the file again', async () => {
    const real = fs.readFileSync;
    let broken = true;
    const spy = jest.spyOn(fs, 'readFileSync').mockImplementation(((path: fs.PathOrFileDescriptor, options?: unknown) => {
      if (broken && String(path).endsWith('.br')) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return (real as (p: fs.PathOrFileDescriptor, o?: unknown) => unknown)(path, options);
    }) as typeof fs.readFileSync);
    try {
      let mod: typeof import('../../src/predicates/managed-policies') | undefined;
      jest.isolateModules(() => {
        mod = require('../../src/predicates/managed-policies') as typeof import('../../src/predicates/managed-policies');
      });
      expect(() => mod!.awsManagedPolicy('AdministratorAccess')).toThrow(/managed-policies.br cannot be read/);
      broken = false;
      expect(mod!.awsManagedPolicy('AdministratorAccess')?.document.Statement).toEqual([{ Effect: 'Allow', Action: '*', Resource: '*' }]);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('fail closed (dist/handlers.js, data files next to the bundle)', () => {
  let dir: string;
  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'pg-data-'));
    for (const d of ['with', 'without', 'corrupt']) {
      mkdirSync(join(dir, d), { recursive: true });
      copyFileSync(join(ROOT, 'dist/handlers.js'), join(dir, d, 'handlers.js'));
    }
    for (const d of ['with', 'corrupt']) {
      mkdirSync(join(dir, d, 'generated'));
      for (const f of [IAM_CATALOGUE_FILE, MANAGED_POLICIES_FILE]) copyFileSync(join(ROOT, 'dist/generated', f), join(dir, d, 'generated', f));
    }
    for (const f of [IAM_CATALOGUE_FILE, MANAGED_POLICIES_FILE]) {
      const p = join(dir, 'corrupt', 'generated', f);
      writeFileSync(p, readFileSync(p).subarray(0, 1000)); // truncated
    }
  }, 120_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** One child process per layout: the bundle answers both roles (no callerCredentials: nothing to look up with). */
  function run(layout: string): Array<{ token: string; hookStatus: string; errorCode?: string; message: string }> {
    const request = (props: unknown, token: string) => ({
      clientRequestToken: token,
      awsAccountId: '123456789012',
      stackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/ci-pipeline/2b0c8a30-1c2d-11f0-9d3e-0a1b2c3d4e5f',
      hookTypeName: 'PipelineGuard::CICD::Hook',
      hookTypeVersion: '00000001',
      hookModel: null,
      actionInvocationPoint: 'CREATE_PRE_PROVISION',
      requestData: { targetName: 'AWS::IAM::Role', targetType: 'RESOURCE', targetLogicalId: 'Role', targetModel: { resourceProperties: props } },
      requestContext: { invocation: 1, callbackContext: null },
    });
    const requests = [request(MANAGED, 'managed'), request(INLINE, 'inline')];
    const out = execFileSync(
      process.execPath,
      [
        '-e',
        `const h = require(${JSON.stringify(join(dir, layout, 'handlers.js'))}); (async () => { const a = []; for (const r of ${JSON.stringify(requests)}) a.push(await h.entrypoint(r)); process.stdout.write(JSON.stringify(a.map((x) => ({ token: x.clientRequestToken, hookStatus: x.hookStatus, errorCode: x.errorCode ?? undefined, message: x.message })))); })()`,
      ],
      { cwd: dir, env: { ...process.env, PIPELINE_GUARD_LOG: 'off', NODE_PATH: '' }, encoding: 'utf8' },
    );
    return JSON.parse(out);
  }

  it('reads generated/ next to the bundle', () => {
    expect(run('with').map((r) => [r.token, r.hookStatus])).toEqual([
      ['managed', 'SUCCESS'],
      ['inline', 'SUCCESS'],
    ]);
  });

  it.each(['without', 'corrupt'])('%s data files: InternalFailure, never SUCCESS', (layout) => {
    for (const r of run(layout)) expect(r).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InternalFailure', message: expect.stringContaining('DataFileError') });
  });
});
