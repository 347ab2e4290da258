import { defineCases, type Properties } from '../../helpers/cases';

const RULE = 'AWS::Events::Rule';
const SCHEDULE = 'AWS::Scheduler::Schedule';
const PROJECT_ARN = 'arn:aws:codebuild:eu-west-1:123456789012:project/app-build';
const START_BUILD = 'arn:aws:scheduler:::aws-sdk:codebuild:startBuild';
const PIPELINE_ARN = 'arn:aws:codepipeline:eu-west-1:123456789012:release';
const GH = 'ghp_R8fJ2kLm9QwXz4VbN7cT1yHs5dPg3aEu6iOo';

/** A rule (Targets[0]) or a schedule (Target) with one target; `target` is merged into it. */
function withTarget(type: string, target: Record<string, unknown>, arn?: string): Properties {
  if (type === RULE) {
    return { Name: 'nightly', ScheduleExpression: 'cron(0 2 * * ? *)', State: 'ENABLED', Targets: [{ Id: 'T', Arn: arn ?? PROJECT_ARN, RoleArn: 'arn:aws:iam::123456789012:role/events', ...target }] };
  }
  return { ScheduleExpression: 'cron(0 2 * * ? *)', FlexibleTimeWindow: { Mode: 'OFF' }, Target: { Arn: arn ?? START_BUILD, RoleArn: 'arn:aws:iam::123456789012:role/scheduler', ...target } };
}
/** A target whose Input is these parameters (the schedule's universal target also names the project). */
const start = (params: Record<string, unknown>, arn?: string) => (type: string) =>
  withTarget(type, { Input: JSON.stringify(type === SCHEDULE && arn === undefined ? { ProjectName: 'app-build', ...params } : params) }, arn);
const at = (key: string) => (type: string) => (type === RULE ? `Targets[0].Input.${key}` : `Target.Input.${key}`);
const inputOf = (type: string) => (type === RULE ? 'Targets[0].Input' : 'Target.Input');

export default defineCases({
  controlId: 'CICD.EVENTS.1',
  resourceTypes: [RULE, SCHEDULE],
  cases: [
    // ---- PASS
    { name: 'starts the build with the source version only', properties: start({ sourceVersion: 'main' }), expect: 'PASS' },
    { name: 'no Input: the project as defined', properties: (t) => withTarget(t, {}), absent: (t) => [inputOf(t)], expect: 'PASS' },
    { name: 'no targets at all', properties: (t) => (t === RULE ? { Name: 'r', EventPattern: { source: ['aws.codecommit'] } } : { ScheduleExpression: 'rate(1 day)', FlexibleTimeWindow: { Mode: 'OFF' } }), absent: (t) => [t === RULE ? 'Targets' : 'Target'], expect: 'PASS' },
    { name: 'privilegedModeOverride false', properties: start({ privilegedModeOverride: false }), expect: 'PASS' },
    { name: 'privilegedModeOverride "false" (string)', properties: start({ PrivilegedModeOverride: 'false' }), expect: 'PASS' },
    { name: 'an allowed curated image', properties: start({ imageOverride: 'aws/codebuild/standard:7.0' }), expect: 'PASS' },
    { name: 'a secret passed by reference (PARAMETER_STORE)', properties: start({ environmentVariablesOverride: [{ name: 'DB_PASSWORD', value: '/ci/db-password', type: 'PARAMETER_STORE' }] }), expect: 'PASS' },
    { name: 'an inline buildspec that is clean', properties: start({ buildspecOverride: 'version: 0.2\nphases:\n  build:\n    commands:\n      - npm ci\n      - npm test\n' }), expect: 'PASS' },
    { name: 'a target that does not start a build (SNS) with build-like input', properties: (t) => withTarget(t, { Input: JSON.stringify({ privilegedModeOverride: true }) }, 'arn:aws:sns:eu-west-1:123456789012:alerts'), expect: 'PASS' },
    { name: 'pipeline started with harmless variables', properties: start({ variables: [{ name: 'DEPLOY_ENV', value: 'staging' }] }, PIPELINE_ARN), expect: 'PASS' },
    { name: 'overrides of a disabled project control are not judged either', properties: start({ privilegedModeOverride: true }), config: { DisabledControls: ['CICD.CODEBUILD.5'] }, expect: 'PASS' },
    {
      name: 'variable value and source version taken from the event (InputTransformer)',
      resourceType: RULE,
      properties: withTarget(RULE, { InputTransformer: { InputPathsMap: { commit: '$.detail.commitId' }, InputTemplate: '{"sourceVersion": <commit>, "environmentVariablesOverride": [{"name": "COMMIT", "value": "<commit>"}]}' } }),
      expect: 'PASS',
    },
    { name: 'InputPath "$" passes the whole event (no StartBuild parameters)', resourceType: RULE, properties: withTarget(RULE, { InputPath: '$' }), expect: 'PASS' },

    // ---- FAIL: the override is the build
    { name: 'privilegedModeOverride true', properties: start({ privilegedModeOverride: true }), expect: 'FAIL', messageIncludes: (t) => [at('privilegedModeOverride')(t), 'CICD.CODEBUILD.5'] },
    { name: 'PrivilegedModeOverride "True" (PascalCase, string)', properties: start({ PrivilegedModeOverride: 'True' }), expect: 'FAIL', messageIncludes: (t) => at('PrivilegedModeOverride')(t) },
    { name: 'PRIVILEGEDMODEOVERRIDE in capitals', properties: start({ PRIVILEGEDMODEOVERRIDE: 'TRUE' }), expect: 'FAIL', messageIncludes: (t) => at('PRIVILEGEDMODEOVERRIDE')(t) },
    { name: 'an image from Docker Hub', properties: start({ imageOverride: 'docker.io/library/ubuntu:latest' }), expect: 'FAIL', messageIncludes: (t) => [at('imageOverride')(t), 'CICD.CODEBUILD.9'] },
    { name: 'an image from a registry with credentials', properties: start({ registryCredentialOverride: { credential: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:hub', credentialProvider: 'SECRETS_MANAGER' } }), expect: 'FAIL', messageIncludes: (t) => at('registryCredentialOverride')(t) },
    {
      name: 'an inline buildspec piping a download into bash',
      properties: start({ buildspecOverride: 'version: 0.2\nphases:\n  build:\n    commands:\n      - curl -sSL https://example.com/install.sh | bash\n' }),
      expect: 'FAIL',
      messageIncludes: (t) => [at('buildspecOverride')(t), 'CICD.CODEBUILD.13'],
    },
    {
      name: 'an inline buildspec whose batch runs privileged',
      properties: start({ buildspecOverride: 'version: 0.2\nbatch:\n  build-list:\n    - identifier: a\n      env:\n        privileged-mode: true\nphases:\n  build:\n    commands:\n      - make\n' }),
      expect: 'FAIL',
      messageIncludes: 'CICD.CODEBUILD.5',
    },
    {
      name: 'a PLAINTEXT token in the variables override (never echoed)',
      properties: start({ environmentVariablesOverride: [{ name: 'GITHUB_TOKEN', value: GH }] }),
      expect: 'FAIL',
      messageIncludes: (t) => [at('environmentVariablesOverride[0]')(t), 'GITHUB_TOKEN'],
      neverEcho: [GH],
    },
    { name: 'PascalCase variables override (Scheduler SDK names)', properties: start({ EnvironmentVariablesOverride: [{ Name: 'DB_PASSWORD', Value: 'Xk82hsPqLm4Zt9Wc', Type: 'PLAINTEXT' }] }), expect: 'FAIL', messageIncludes: 'DB_PASSWORD', neverEcho: ['Xk82hsPqLm4Zt9Wc'] },
    { name: 'insecureSslOverride true', properties: start({ insecureSslOverride: true }), expect: 'FAIL', messageIncludes: (t) => at('insecureSslOverride')(t) },
    { name: 'logs switched off', properties: start({ logsConfigOverride: { cloudWatchLogs: { status: 'DISABLED' } } }), expect: 'FAIL', messageIncludes: (t) => at('logsConfigOverride')(t) },
    { name: 'artifacts unencrypted', properties: start({ artifactsOverride: { type: 'S3', location: 'out-bucket', encryptionDisabled: true } }), expect: 'FAIL', messageIncludes: (t) => at('artifactsOverride.encryptionDisabled')(t) },
    { name: 'the AWS-managed S3 key instead of a CMK', properties: start({ encryptionKeyOverride: 'alias/aws/s3' }), expect: 'FAIL', messageIncludes: (t) => at('encryptionKeyOverride')(t) },
    { name: 'a source location with a token in it', properties: start({ sourceLocationOverride: `https://x-access-token:${GH}@github.com/acme/app.git` }), expect: 'FAIL', messageIncludes: (t) => at('sourceLocationOverride')(t), neverEcho: [GH] },
    {
      name: 'a secondary source with an unverified TLS host',
      properties: start({ secondarySourcesOverride: [{ type: 'GITHUB_ENTERPRISE', location: 'https://ghe.example.com/acme/lib.git', insecureSsl: true, sourceIdentifier: 'lib' }] }),
      expect: 'FAIL',
      messageIncludes: (t) => at('secondarySourcesOverride[0].insecureSsl')(t),
    },
    { name: 'one parameter spelt in two letter cases', properties: start({ privilegedModeOverride: false, PrivilegedModeOverride: false }), expect: 'FAIL', messageIncludes: 'more than once' },
    { name: 'a templated schedule target (project ARN) and a rule alike', properties: (t) => withTarget(t, { Input: JSON.stringify({ privilegedModeOverride: true }) }, PROJECT_ARN), expect: 'FAIL', messageIncludes: 'CICD.CODEBUILD.5' },
    { name: 'a pipeline started with a secret variable', properties: start({ variables: [{ name: 'API_TOKEN', value: GH }] }, PIPELINE_ARN), expect: 'FAIL', messageIncludes: (t) => [at('variables[0]')(t), 'API_TOKEN'], neverEcho: [GH] },
    {
      name: 'update adds privilegedModeOverride',
      properties: start({ sourceVersion: 'main', privilegedModeOverride: true }),
      previous: start({ sourceVersion: 'main' }),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
    },
    {
      name: 'the image taken from the event (InputTransformer placeholder)',
      resourceType: RULE,
      properties: withTarget(RULE, { InputTransformer: { InputPathsMap: { img: '$.detail.image' }, InputTemplate: '{"imageOverride": <img>}' } }),
      expect: 'FAIL',
      messageIncludes: ['Targets[0].InputTransformer.InputTemplate.imageOverride', 'from the event'],
    },
    {
      name: 'a quoted placeholder in the buildspec override',
      resourceType: RULE,
      properties: withTarget(RULE, { InputTransformer: { InputPathsMap: { cmd: '$.detail.cmd' }, InputTemplate: '{"buildspecOverride": "version: 0.2\\nphases:\\n  build:\\n    commands:\\n      - <cmd>\\n"}' } }),
      expect: 'FAIL',
      messageIncludes: 'from the event',
    },
    { name: 'InputPath makes the event the StartBuild parameters', resourceType: RULE, properties: withTarget(RULE, { InputPath: '$.detail' }), expect: 'FAIL', messageIncludes: 'Targets[0].InputPath' },
    {
      name: 'Scheduler startBuildBatch with privileged mode',
      resourceType: SCHEDULE,
      properties: withTarget(SCHEDULE, { Input: JSON.stringify({ ProjectName: 'app-build', PrivilegedModeOverride: true }) }, 'arn:aws:scheduler:::aws-sdk:codebuild:startBuildBatch'),
      expect: 'FAIL',
      messageIncludes: 'batch build',
    },
    {
      name: 'a schedule that rewrites the project (aws-sdk:codebuild:updateProject)',
      resourceType: SCHEDULE,
      properties: withTarget(SCHEDULE, { Input: JSON.stringify({ Name: 'app-build', Environment: { PrivilegedMode: true } }) }, 'arn:aws:scheduler:::aws-sdk:codebuild:updateProject'),
      expect: 'FAIL',
      messageIncludes: ['Target.Arn', 'codebuild:updateProject'],
    },
    {
      name: 'target ARN not resolved locally: judged by its StartBuild parameters',
      properties: (t) => withTarget(t, { Input: JSON.stringify({ privilegedModeOverride: true }) }, { 'Fn::GetAtt': ['Project', 'Arn'] } as unknown as string),
      typedOnly: true,
      expect: 'FAIL',
    },

    // ---- UNKNOWN: what cannot be read is never a PASS
    { name: 'Input that is not JSON', properties: (t) => withTarget(t, { Input: '{privilegedModeOverride: true' }), expect: 'UNKNOWN' },
    { name: 'Input with a duplicate key', properties: (t) => withTarget(t, { Input: '{"privilegedModeOverride": false, "privilegedModeOverride": true}' }), expect: 'UNKNOWN' },
    { name: 'Input not resolved (Fn::Sub)', properties: (t) => withTarget(t, { Input: { 'Fn::Sub': '{"imageOverride": "${Image}"}' } }), typedOnly: true, expect: 'UNKNOWN' },
    {
      name: 'an input template that is not JSON',
      resourceType: RULE,
      properties: withTarget(RULE, { InputTransformer: { InputPathsMap: { v: '$.detail.v' }, InputTemplate: 'build <v> now' } }),
      expect: 'UNKNOWN',
    },
  ],
});
