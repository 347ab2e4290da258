/**
 * `pipeline-guard check --lookups` end to end: the bundled CLI in a child process, the AWS SDK's standard
 * credential chain (environment variables, or `--profile` from a config file written here), the account from
 * sts:GetCallerIdentity, against a real moto_server (python3 moto 5, started on a free port and stopped by
 * PID; missing moto fails loudly). KMS keys and a CloudFormation export are seeded through the SDK.
 *
 * moto answers as AWS does for what is used here: DescribeKey of a key that does not exist is
 * NotFoundException, ListExports lists the Outputs.Export of a stack created in it, GetCallerIdentity names
 * moto's default account 123456789012.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateKeyCommand, EnableKeyRotationCommand, KMSClient } from '@aws-sdk/client-kms';
import { CloudFormationClient, CreateStackCommand } from '@aws-sdk/client-cloudformation';
import { ensureBuilt } from '../helpers/built';
import { MOTO_CREDENTIALS, startMoto, type Moto } from '../helpers/moto';

const ROOT = join(__dirname, '..', '..');
const ACCOUNT = '123456789012'; // moto's default account: the account STS answers for the test credentials
const REGION = 'us-east-1';
const CMK = 'CICD.CODEBUILD.7';
const STACK_KEYS = 'CICD.STACK.7';
const ABSENT_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`;

jest.setTimeout(120_000);

let moto: Moto;
let tmp: string;
let keyArn: string;
/** A customer-managed key without rotation (moto's default, as AWS's), exported as `weak-key`. */
let weakKeyArn: string;

interface Row {
  logicalId: string;
  controlId: string;
  status: string;
  message?: string;
  path?: string;
}

beforeAll(async () => {
  ensureBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'pg-check-lookups-'));
  moto = await startMoto();
  const config = { region: REGION, endpoint: moto.endpoint, credentials: MOTO_CREDENTIALS };
  const kms = new KMSClient(config);
  keyArn = (await kms.send(new CreateKeyCommand({ Description: 'pipeline key' }))).KeyMetadata?.Arn as string;
  // the stack request's CICD.STACK.7 looks the key up too: a compliant key rotates
  await kms.send(new EnableKeyRotationCommand({ KeyId: keyArn }));
  weakKeyArn = (await kms.send(new CreateKeyCommand({ Description: 'key without rotation' }))).KeyMetadata?.Arn as string;
  kms.destroy();
  const cfn = new CloudFormationClient(config);
  const outputs = {
    Key: { Value: keyArn, Export: { Name: 'shared-key' } },
    Gone: { Value: ABSENT_KEY, Export: { Name: 'gone-key' } },
    Weak: { Value: weakKeyArn, Export: { Name: 'weak-key' } },
  };
  await cfn.send(new CreateStackCommand({ StackName: 'shared', TemplateBody: JSON.stringify({ Resources: { T: { Type: 'AWS::SNS::Topic' } }, Outputs: outputs }) }));
  cfn.destroy();
});

afterAll(async () => {
  await moto?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** The environment of a developer whose credentials point at moto: nothing of this machine's AWS configuration. */
function devEnv(extra: Record<string, string> = {}, withKeys = true): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('AWS_')) delete env[k];
  delete env.PIPELINE_GUARD_LOG;
  env.AWS_ENDPOINT_URL = moto.endpoint;
  env.AWS_CONFIG_FILE = join(tmp, 'no-config');
  env.AWS_SHARED_CREDENTIALS_FILE = join(tmp, 'no-credentials');
  env.AWS_EC2_METADATA_DISABLED = 'true';
  if (withKeys) {
    env.AWS_ACCESS_KEY_ID = MOTO_CREDENTIALS.accessKeyId;
    env.AWS_SECRET_ACCESS_KEY = MOTO_CREDENTIALS.secretAccessKey;
    env.AWS_REGION = REGION;
  }
  return { ...env, ...extra };
}

let n = 0;
function templateFile(encryptionKey: unknown): string {
  const file = join(tmp, `t${++n}.template.json`);
  const project = {
    Type: 'AWS::CodeBuild::Project',
    Properties: {
      Name: 'build',
      ServiceRole: `arn:aws:iam::${ACCOUNT}:role/build`,
      Source: { Type: 'CODEPIPELINE' },
      Artifacts: { Type: 'CODEPIPELINE' },
      Environment: { Type: 'LINUX_CONTAINER', ComputeType: 'BUILD_GENERAL1_SMALL', Image: 'aws/codebuild/standard:7.0' },
      EncryptionKey: encryptionKey,
    },
  };
  writeFileSync(file, JSON.stringify({ Resources: { Build: project } }));
  return file;
}

function check(args: string[], env: NodeJS.ProcessEnv = devEnv()): { code: number | null; rows: Row[]; stderr: string } {
  const r = spawnSync(process.execPath, ['dist/cli.js', 'check', '--format', 'json', ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 100_000 });
  let rows: Row[] = [];
  try {
    rows = (JSON.parse(r.stdout) as { findings: Row[] }).findings;
  } catch {
    // no report (usage error): rows stay empty, the test reads code and stderr
  }
  return { code: r.status, rows, stderr: r.stderr };
}

const rowsOf = (rows: Row[], controlId: string): Row[] => rows.filter((r) => r.controlId === controlId);
const statusOf = (rows: Row[], controlId: string, logicalId = 'Build'): string | undefined => rows.find((r) => r.controlId === controlId && r.logicalId === logicalId)?.status;

describe('a project key given by ARN (CICD.CODEBUILD.7)', () => {
  it('an existing customer-managed key: PASS with --lookups', () => {
    const r = check([templateFile(keyArn), '--lookups']);
    expect(r.stderr).not.toMatch(/--lookups:/);
    expect(statusOf(r.rows, CMK)).toBe('PASS');
  });

  it('a key that does not exist: FAIL naming the lookup (kms:DescribeKey, not found) at EncryptionKey', () => {
    const r = check([templateFile(ABSENT_KEY), '--lookups']);
    const rows = rowsOf(r.rows, CMK);
    expect(rows.map((x) => x.status)).toEqual(['FAIL']);
    expect(rows[0].path).toBe('EncryptionKey');
    expect(rows[0].message).toContain('not found (kms:DescribeKey)');
    expect(r.code).toBe(1);
  });

  it('without --lookups the template alone decides, as before: the same ARN passes', () => {
    const r = check([templateFile(ABSENT_KEY)]);
    expect(statusOf(r.rows, CMK)).toBe('PASS');
  });

  it('--profile: the named profile of the AWS configuration supplies credentials and region', () => {
    const config = join(tmp, 'config');
    const credentials = join(tmp, 'credentials');
    writeFileSync(config, `[profile dev]\nregion = ${REGION}\n`);
    writeFileSync(credentials, `[dev]\naws_access_key_id = ${MOTO_CREDENTIALS.accessKeyId}\naws_secret_access_key = ${MOTO_CREDENTIALS.secretAccessKey}\n`);
    const env = devEnv({ AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials }, false);
    expect(statusOf(check([templateFile(ABSENT_KEY), '--lookups', '--profile', 'dev'], env).rows, CMK)).toBe('FAIL');
    expect(statusOf(check([templateFile(keyArn), '--lookups', '--profile', 'dev'], env).rows, CMK)).toBe('PASS');
  });

  it('no credentials anywhere: exit 2 with a message, no report (the account cannot be read)', () => {
    const r = check([templateFile(keyArn), '--lookups'], devEnv({}, false));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--lookups: the account of your AWS credentials could not be read \(sts:GetCallerIdentity/);
    expect(r.rows).toEqual([]);
  });
});

describe('Fn::ImportValue with --lookups (resource and stack requests)', () => {
  const imported = (name: string) => ({ 'Fn::ImportValue': name });

  it('without --lookups: UNKNOWN, as before', () => {
    const r = check([templateFile(imported('shared-key'))]);
    expect(statusOf(r.rows, CMK)).toBe('UNKNOWN');
  });

  it('the export names an existing key: the project and the stack are judged on it (PASS)', () => {
    const r = check([templateFile(imported('shared-key')), '--lookups']);
    expect(statusOf(r.rows, CMK)).toBe('PASS');
    expect(rowsOf(r.rows, STACK_KEYS).map((x) => x.status)).toEqual(['PASS']);
  });

  it('the export names an existing key without rotation: the stack request looks the key up and CICD.STACK.7 FAILS (CICD.KMS.1)', () => {
    const r = check([templateFile(imported('weak-key')), '--lookups']);
    expect(statusOf(r.rows, CMK)).toBe('PASS');
    const stack = rowsOf(r.rows, STACK_KEYS);
    expect(stack.map((x) => x.status)).toEqual(['FAIL']);
    expect(stack[0]).toMatchObject({ logicalId: 'Build', path: 'EncryptionKey' });
    expect(stack[0].message).toContain('CICD.KMS.1');
  });

  it('the export names a key that does not exist: the resolved ARN is looked up and FAILS', () => {
    const r = check([templateFile(imported('gone-key')), '--lookups']);
    const rows = rowsOf(r.rows, CMK);
    expect(rows.map((x) => x.status)).toEqual(['FAIL']);
    expect(rows[0].message).toContain('not found (kms:DescribeKey)');
  });

  it('no such export: the stack request FAILS naming the lookup (cloudformation:ListExports); the resource stays UNKNOWN', () => {
    const r = check([templateFile(imported('no-such-export')), '--lookups']);
    const stack = rowsOf(r.rows, STACK_KEYS);
    expect(stack.map((x) => x.status)).toEqual(['FAIL']);
    expect(stack[0]).toMatchObject({ logicalId: 'Build', path: 'EncryptionKey' });
    expect(stack[0].message).toContain('not found (cloudformation:ListExports)');
    expect(statusOf(r.rows, CMK)).toBe('UNKNOWN');
  });
});
