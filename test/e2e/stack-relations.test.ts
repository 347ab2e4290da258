/**
 * The relation controls CICD.STACK.6–9 on real CDK synth output (aws-cdk-lib), through the STACK and
 * CHANGE_SET entry: what CDK writes for a project's log group, a key, a CodeDeploy config and a CodeConnections
 * host is followed to the resource it names; on UPDATE, findings the previous template did not have are marked
 * as introduced by the update (weakening), and findings it had are not.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as codeconnections from 'aws-cdk-lib/aws-codeconnections';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { runStack } from '../helpers/stack';

type Template = Record<string, unknown>;

function synth(build: (stack: Stack) => void): Template {
  const app = new App();
  const stack = new Stack(app, 'Relations', { env: { account: '123456789012', region: 'eu-west-1' } });
  build(stack);
  return app.synth().getStackByName('Relations').template as Template;
}

async function outcome(id: string, template: Template, o: { previous?: Template; target?: 'STACK' | 'CHANGE_SET' } = {}) {
  const r = await runStack(
    { template: JSON.stringify(template), previousTemplate: o.previous ? JSON.stringify(o.previous) : '' },
    { target: o.target ?? 'STACK', action: o.previous ? 'UPDATE' : 'CREATE' },
  );
  const out = r.evaluation?.outcomes.find((x) => x.control.id === id);
  return { r, status: out?.status, findings: out?.findings ?? [], unknowns: out?.unknowns ?? [] };
}

const idOf = (template: Template, type: string): string => {
  const found = Object.entries(template.Resources as Record<string, { Type: string }>).find(([, r]) => r.Type === type);
  if (!found) throw new Error(`no ${type} in the synthesized template`);
  return found[0];
};

/** A PipelineProject writing to a declared log group; `group` undefined: CDK's default (no logging configuration). */
function project(o: { group?: logs.LogGroupProps; rotation?: boolean } = {}): Template {
  return synth((stack) => {
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: o.rotation ?? true });
    const logGroup = o.group ? new logs.LogGroup(stack, 'BuildLogs', { encryptionKey: key, ...o.group }) : undefined;
    new codebuild.PipelineProject(stack, 'Build', { encryptionKey: key, ...(logGroup ? { logging: { cloudWatch: { logGroup } } } : {}) });
  });
}

describe('CICD.STACK.6 on CDK synth output', () => {
  test('a project with a declared, encrypted log group kept for a year passes (STACK and CHANGE_SET)', async () => {
    const t = project({ group: { retention: logs.RetentionDays.ONE_YEAR } });
    for (const target of ['STACK', 'CHANGE_SET'] as const) {
      const { status, findings, unknowns } = await outcome('CICD.STACK.6', t, { target });
      expect({ target, status, findings, unknowns }).toEqual({ target, status: 'PASS', findings: [], unknowns: [] });
    }
  });

  test("CDK's default project (no logging configuration) fails: its /aws/codebuild group is created without a key", async () => {
    const t = project();
    const { r, status, findings } = await outcome('CICD.STACK.6', t);
    expect(status).toBe('FAIL');
    expect(findings.map((f) => [f.logicalId, f.path])).toEqual([[idOf(t, 'AWS::CodeBuild::Project'), 'LogsConfig.CloudWatchLogs.GroupName']]);
    expect(r.response.hookStatus).toBe('FAILED');
  });

  test('a declared log group kept for a week fails with CICD.LOGS.2; the update that shortens it is marked as weakening', async () => {
    const good = project({ group: { retention: logs.RetentionDays.ONE_YEAR } });
    const bad = project({ group: { retention: logs.RetentionDays.ONE_WEEK } });
    const created = await outcome('CICD.STACK.6', bad);
    expect(created.status).toBe('FAIL');
    expect(created.findings).toEqual([expect.objectContaining({ logicalId: idOf(bad, 'AWS::Logs::LogGroup'), path: 'RetentionInDays' })]);
    expect(created.findings[0].message).toContain('CICD.LOGS.2');
    const weakening = await outcome('CICD.STACK.6', bad, { previous: good });
    expect(weakening.findings.map((f) => f.weakened)).toEqual([true]);
    const unchanged = await outcome('CICD.STACK.6', bad, { previous: bad });
    expect(unchanged.status).toBe('FAIL');
    expect(unchanged.findings.map((f) => f.weakened)).toEqual([false]);
  });
});

describe('CICD.STACK.7 on CDK synth output', () => {
  test('the key of the project and its log group rotates: PASS', async () => {
    const { status, findings, unknowns } = await outcome('CICD.STACK.7', project({ group: {} }));
    expect({ status, findings, unknowns }).toEqual({ status: 'PASS', findings: [], unknowns: [] });
  });

  test('switching rotation off fails for the key, named by both users, and is a weakening on update', async () => {
    const good = project({ group: {} });
    const bad = project({ group: {}, rotation: false });
    const { status, findings } = await outcome('CICD.STACK.7', bad, { previous: good });
    expect(status).toBe('FAIL');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toEqual(expect.objectContaining({ logicalId: idOf(bad, 'AWS::KMS::Key'), path: 'EnableKeyRotation', weakened: true }));
    expect(findings[0].message).toMatch(/the key used by Build[0-9A-F]{8} \(EncryptionKey\), BuildLogs[0-9A-F]{8} \(KmsKeyId\): CICD\.KMS\.1/);
  });
});

describe('CICD.STACK.8 on CDK synth output (CodeConnections L1 constructs)', () => {
  const withHost = (endpoint: string) =>
    synth((stack) => {
      const host = new codeconnections.CfnHost(stack, 'Host', { name: 'ghes', providerEndpoint: endpoint, providerType: 'GitHubEnterpriseServer' });
      new codeconnections.CfnConnection(stack, 'Conn', { connectionName: 'src', hostArn: host.attrHostArn });
    });

  test('an https host passes', async () => {
    const { status, findings, unknowns } = await outcome('CICD.STACK.8', withHost('https://git.example.com'));
    expect({ status, findings, unknowns }).toEqual({ status: 'PASS', findings: [], unknowns: [] });
  });

  test('an http host fails at the host, named through the connection', async () => {
    const t = withHost('http://git.example.com');
    const { status, findings } = await outcome('CICD.STACK.8', t, { target: 'CHANGE_SET' });
    expect(status).toBe('FAIL');
    expect(findings.map((f) => [f.logicalId, f.path])).toEqual([[idOf(t, 'AWS::CodeConnections::Host'), 'ProviderEndpoint']]);
    expect(findings[0].message).toContain(`the host of ${idOf(t, 'AWS::CodeConnections::Connection')} (HostArn)`);
  });
});

describe('CICD.STACK.9 on CDK synth output', () => {
  const lambdaGroup = (routing: codedeploy.TrafficRouting, name = 'app-prod') =>
    synth((stack) => {
      const fn = new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => 1;') });
      const alias = new lambda.Alias(stack, 'Live', { aliasName: 'live', version: fn.currentVersion });
      const deploymentConfig = new codedeploy.LambdaDeploymentConfig(stack, 'Config', { trafficRouting: routing });
      new codedeploy.LambdaDeploymentGroup(stack, 'Group', { alias, deploymentConfig, deploymentGroupName: name });
    });

  test('a custom canary config of a production Lambda group passes', async () => {
    const { status, findings, unknowns } = await outcome('CICD.STACK.9', lambdaGroup(codedeploy.TrafficRouting.timeBasedCanary({ interval: Duration.minutes(5), percentage: 10 })));
    expect({ status, findings, unknowns }).toEqual({ status: 'PASS', findings: [], unknowns: [] });
  });

  test('a custom all-at-once config of a production Lambda group fails at the config (a name CICD.CODEDEPLOY.2 does not know)', async () => {
    const t = lambdaGroup(codedeploy.TrafficRouting.allAtOnce());
    const { status, findings } = await outcome('CICD.STACK.9', t);
    expect(status).toBe('FAIL');
    expect(findings.map((f) => [f.logicalId, f.path])).toEqual([[idOf(t, 'AWS::CodeDeploy::DeploymentConfig'), 'TrafficRoutingConfig.Type']]);
  });

  test('the same config for a non-production group passes', async () => {
    const { status } = await outcome('CICD.STACK.9', lambdaGroup(codedeploy.TrafficRouting.allAtOnce(), 'app-dev'));
    expect(status).toBe('PASS');
  });

  test('a server config with no minimum of healthy hosts for a production group fails', async () => {
    const t = synth((stack) => {
      const deploymentConfig = new codedeploy.ServerDeploymentConfig(stack, 'Config', { minimumHealthyHosts: codedeploy.MinimumHealthyHosts.count(0) });
      new codedeploy.ServerDeploymentGroup(stack, 'Group', { deploymentConfig, deploymentGroupName: 'web-prod' });
    });
    const { status, findings } = await outcome('CICD.STACK.9', t);
    expect(status).toBe('FAIL');
    expect(findings[0].message).toContain('MinimumHealthyHosts is HOST_COUNT 0');
  });
});
