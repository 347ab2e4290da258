/**
 * CICD.STACK.2 (stack-log-bucket-by-relation): a LogDeliveryWrite bucket earns the log-bucket exemption through a
 * bucket policy only when that policy really allows the S3 logging service. Whole templates through the real
 * STACK entry, as in test/controls/stack-cases.test.ts (Scope all: the buckets belong to no pipeline).
 */
import { annotation, runStack } from '../../helpers/stack';

const ID = 'CICD.STACK.2';
const LOGGING = 'logging.s3.amazonaws.com';

async function withPolicy(statements: unknown[]) {
  const template = {
    Resources: {
      Logs: { Type: 'AWS::S3::Bucket', Properties: { AccessControl: 'LogDeliveryWrite' } },
      LogsPolicy: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: 'Logs' }, PolicyDocument: { Version: '2012-10-17', Statement: statements } } },
    },
  };
  const r = await runStack({ template: JSON.stringify(template), previousTemplate: '' }, { hookModel: { Scope: 'all' } });
  const a = annotation(r, ID);
  const outcome = r.evaluation?.outcomes.find((o) => o.control.id === ID);
  expect(a).toBeDefined();
  return { a, outcome, status: outcome?.status };
}

function expectNotALogBucket(res: Awaited<ReturnType<typeof withPolicy>>): void {
  expect(res.status).toBe('FAIL');
  expect(res.outcome!.findings.map((f) => f.logicalId)).toEqual(['Logs']);
  expect(res.a?.statusMessage).toContain('Logs');
  expect(res.a?.statusMessage).toContain('no bucket policy grants logging.s3.amazonaws.com');
}

const put = { Action: 's3:PutObject', Resource: { 'Fn::Sub': '${Logs.Arn}/*' } };
const tlsDeny = { Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } };

describe('CICD.STACK.2 bucket policy grants to the logging service', () => {
  test('a policy allowing the logging service next to a TLS deny makes it a log bucket', async () => {
    const { status } = await withPolicy([tlsDeny, { Effect: 'Allow', Principal: { Service: LOGGING }, ...put }]);
    expect(status).toBe('PASS');
  });

  test('the logging service listed with another service principal still counts', async () => {
    const { status } = await withPolicy([{ Effect: 'Allow', Principal: { Service: ['cloudtrail.amazonaws.com', LOGGING] }, ...put }]);
    expect(status).toBe('PASS');
  });

  test('a policy that only denies the logging service does not make it a log bucket', async () => {
    expectNotALogBucket(await withPolicy([{ Effect: 'Deny', Principal: { Service: LOGGING }, ...put }]));
  });

  test('an Allow with NotPrincipal naming the logging service is no grant to it', async () => {
    expectNotALogBucket(await withPolicy([{ Effect: 'Allow', NotPrincipal: { Service: LOGGING }, ...put }]));
  });

  test('an Allow to another service principal is no grant to the logging service', async () => {
    expectNotALogBucket(await withPolicy([{ Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, ...put }]));
  });

  test('a policy with only a TLS deny does not make it a log bucket', async () => {
    expectNotALogBucket(await withPolicy([tlsDeny]));
  });
});
