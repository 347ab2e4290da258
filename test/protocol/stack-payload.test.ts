/**
 * STACK and CHANGE_SET payloads over real https: a local server with a self-signed certificate made by
 * openssl in the test, trusted through the fetcher's CA option (and through NODE_EXTRA_CA_CERTS in a
 * child process). Both key schemes, oversized and slow payloads, bad URLs; every failure answers FAILED.
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { handleHookEvent } from '../../src/protocol/hook';
import { httpsPayloadFetcher, parseStackPayload, PayloadError } from '../../src/protocol/payload';
import { NOW } from '../helpers/requests';
import { buildStackRequest, runStack } from '../helpers/stack';

const NON_COMPLIANT = JSON.stringify({
  Resources: {
    Artifacts: { Type: 'AWS::S3::Bucket' },
    Pipeline: { Type: 'AWS::CodePipeline::Pipeline', Properties: { RoleArn: 'arn:aws:iam::123456789012:role/p', ArtifactStore: { Type: 'S3', Location: { Ref: 'Artifacts' } }, Stages: [] } },
  },
});
const COMPLIANT_YAML = `Resources:
  Artifacts:
    Type: AWS::S3::Bucket
  ArtifactsPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Artifacts
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: { AWS: "*" }
            Action: s3:*
            Resource: [!GetAtt Artifacts.Arn, !Sub "\${Artifacts.Arn}/*"]
            Condition: { Bool: { aws:SecureTransport: "false" } }
  Pipeline:
    Type: AWS::CodePipeline::Pipeline
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/p
      ArtifactStore: { Type: S3, Location: !Ref Artifacts }
      Stages: []
`;

let dir: string;
let server: Server;
let base: string;
let ca: Buffer;
const routes = new Map<string, (res: import('node:http').ServerResponse) => void>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pg-payload-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'], { stdio: 'ignore' });
  ca = readFileSync(join(dir, 'cert.pem'));
  server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: ca }, (req, res) => {
    const route = routes.get((req.url ?? '').split('?')[0]);
    if (route) route(res);
    else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `https://localhost:${(server.address() as AddressInfo).port}`;
  routes.set('/guide', (res) => res.end(JSON.stringify({ template: NON_COMPLIANT, previousTemplate: '' })));
  routes.set('/java', (res) => res.end(JSON.stringify({ Template: COMPLIANT_YAML, PreviousTemplate: '', ResolvedTemplate: '' })));
  routes.set('/big', (res) => res.end(JSON.stringify({ template: NON_COMPLIANT, padding: 'x'.repeat(70_000) })));
  routes.set('/big-streamed', (res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    for (let i = 0; i < 20; i++) res.write('x'.repeat(8192));
    res.end();
  });
  routes.set('/slow', (res) => setTimeout(() => res.end('{}'), 2000));
  routes.set('/change-set', (res) =>
    res.end(
      JSON.stringify({
        template: NON_COMPLIANT,
        changedResources: [{ logicalResourceId: 'Pipeline', resourceType: 'AWS::CodePipeline::Pipeline', action: 'CREATE', lineNumber: 3, beforeContext: null, afterContext: '{"Properties":{}}' }],
      }),
    ),
  );
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

const limits = { maxBytes: 64 * 1024, timeoutMs: 500 };
const deps = () => ({ fetchPayload: httpsPayloadFetcher({ ca }), payloadLimits: limits });

async function call(path: string, o: Parameters<typeof buildStackRequest>[0] = {}) {
  let evaluated = false;
  const response = await handleHookEvent(buildStackRequest({ payload: `${base}${path}?X-Amz-Signature=abc`, ...o }), {
    now: () => NOW,
    sink: { enabled: () => false, write: () => undefined },
    deliver: undefined,
    ...deps(),
    onEvaluation: () => {
      evaluated = true;
    },
  });
  return { response, evaluated };
}

describe('STACK payload over https', () => {
  test('user-guide key scheme (template, JSON text): evaluated and rejected, one annotation per stack control', async () => {
    const { response, evaluated } = await call('/guide');
    expect(evaluated).toBe(true);
    expect(response.hookStatus).toBe('FAILED');
    expect(response.errorCode).toBe('NonCompliant');
    expect(response.message).toMatch(/^\[CICD\.STACK\.1/);
    const a = response.annotations?.find((x) => x.annotationName === 'CICD.STACK.1');
    expect(a?.statusMessage).toMatch(/^Artifacts: /);
    const names = response.annotations?.map((x) => x.annotationName) ?? [];
    expect(new Set(names).size).toBe(names.length);
  });

  test('Java key scheme (Template, YAML text with short forms): evaluated and compliant', async () => {
    const { response, evaluated } = await call('/java');
    expect(evaluated).toBe(true);
    const a = response.annotations?.find((x) => x.annotationName === 'CICD.STACK.1');
    expect(a?.status).toBe('PASSED');
  });

  test('CHANGE_SET: rejected with the note that nothing was touched', async () => {
    const { response } = await call('/change-set', { target: 'CHANGE_SET' });
    expect(response.hookStatus).toBe('FAILED');
    expect(response.message).toContain('nothing in the stack was created, changed or deleted');
    expect(response.message.length).toBeLessThanOrEqual(1024);
  });

  test.each([
    ['oversized (Content-Length)', '/big', /larger than 65536 bytes/],
    ['oversized (streamed, no Content-Length)', '/big-streamed', /larger than 65536 bytes/],
    ['slow', '/slow', /did not arrive within 500 ms/],
    ['not found', '/missing', /HTTP 404/],
  ])('%s payload: FAILED InternalFailure, never SUCCESS', async (_n, path, why) => {
    const { response, evaluated } = await call(path);
    expect(evaluated).toBe(false);
    expect(response.hookStatus).toBe('FAILED');
    expect(response.errorCode).toBe('InternalFailure');
    expect(response.message).toMatch(why);
  });

  test('an untrusted certificate is refused (no CA given)', async () => {
    await expect(httpsPayloadFetcher()(`${base}/guide`, limits)).rejects.toBeInstanceOf(PayloadError);
  });

  test('NODE_EXTRA_CA_CERTS trusts the certificate in a child process (how the default fetcher is trusted outside tests)', async () => {
    const code = `require('node:https').get(${JSON.stringify(`${base}/guide`)}, (res) => { let b = ''; res.on('data', (c) => (b += c)); res.on('end', () => console.log(res.statusCode, JSON.parse(b).template.length > 0)); }).on('error', (e) => console.log('error', e.code));`;
    const trusted = await promisify(execFile)(process.execPath, ['-e', code], { env: { ...process.env, NODE_EXTRA_CA_CERTS: join(dir, 'cert.pem') }, timeout: 10_000 });
    expect(trusted.stdout.trim()).toBe('200 true');
    const untrusted = await promisify(execFile)(process.execPath, ['-e', code], { env: { ...process.env, NODE_EXTRA_CA_CERTS: '' }, timeout: 10_000 });
    expect(untrusted.stdout.trim()).toMatch(/^error /);
  });

  test.each([
    ['http://', 'http://example.com/payload.json', /https/],
    ['not a URL', 'not a url', /https/],
  ])('bad URL (%s): FAILED InvalidRequest, nothing fetched', async (_n, url, why) => {
    const r = await runStack({ template: NON_COMPLIANT }, { payload: url });
    expect(r.fetched).toEqual([]);
    expect(r.response.hookStatus).toBe('FAILED');
    expect(r.response.errorCode).toBe('InvalidRequest');
    expect(r.response.message).toMatch(why);
  });

  test('the fetcher itself refuses http and non-URLs', async () => {
    await expect(httpsPayloadFetcher()('http://127.0.0.1:1/x', limits)).rejects.toThrow(/https/);
    await expect(httpsPayloadFetcher()('::::', limits)).rejects.toThrow(/not a URL/);
  });
});

describe('payload parsing', () => {
  test('both schemes, keys in any case; Java change contexts are the properties', () => {
    const a = parseStackPayload({ template: NON_COMPLIANT, changedResources: [{ logicalResourceId: 'A', action: 'Update', beforeContext: '{"Properties":{"X":"1"}}' }] });
    expect(a.template?.Resources).toBeDefined();
    expect(a.changedResources?.[0]).toMatchObject({ logicalId: 'A', action: 'UPDATE', before: { Properties: { X: '1' } } });
    const b = parseStackPayload({ Template: COMPLIANT_YAML, ChangedResources: [{ LogicalResourceId: 'B', PreviousResourceProperties: '{"Y":"2"}' }] });
    expect(b.changedResources?.[0].before).toEqual({ Properties: { Y: '2' } });
    expect(parseStackPayload({ template: '', previousTemplate: '' }).template).toBeUndefined();
    expect(() => parseStackPayload({ template: 'Resources: [' })).toThrow(PayloadError);
    expect(() => parseStackPayload('x')).toThrow(PayloadError);
  });

  test('empty templates on a create or update fail closed (InvalidRequest), without evaluating', async () => {
    // DeleteStack sends empty templates, but on DELETE_PRE_PROVISION, where no stack control applies; a create
    // or update always carries the template, so an empty one is a request the hook cannot read
    const r = await runStack({ template: '', previousTemplate: '' });
    expect(r.response.hookStatus).toBe('FAILED');
    expect(r.response.errorCode).toBe('InvalidRequest');
    expect(r.evaluation).toBeUndefined();
  });

  test('a STACK request without payload or target model: FAILED InvalidRequest', async () => {
    const r = await runStack({}, { payload: '' });
    expect(r.response.hookStatus).toBe('FAILED');
    expect(r.response.errorCode).toBe('InvalidRequest');
  });

  test('a non-empty targetModel is the payload itself (cfn test, Java plugin)', async () => {
    const r = await runStack('never fetched', { payload: '', targetModel: { template: NON_COMPLIANT } });
    expect(r.fetched).toEqual([]);
    expect(r.response.errorCode).toBe('NonCompliant');
  });
});
