import { describeHit, envVarList, plaintextSecrets } from '../../predicates/env-vars';
import { ObjectView } from '../../predicates/object-view';
import { buildOverrides, isWithin, pipelineVariables, startTargets, type StartTarget } from '../../predicates/start-targets';
import { codebuildControls } from '../codebuild';
import { DEFAULT_ACTIONS, defineControl, type CheckInput, type Control, type Finding } from '../types';

const PROJECT = 'AWS::CodeBuild::Project';

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The project controls that judge what an override can replace, for one evaluation (disabled ones left out). */
function projectControls(input: CheckInput): Control[] {
  return codebuildControls.filter(
    (c) => c.resourceTypes.includes(PROJECT) && (c.actions ?? DEFAULT_ACTIONS).includes('CREATE') && !input.settings.DisabledControls.includes(c.id),
  );
}

/** StartBuild / StartBuildBatch overrides judged by the project's controls; findings at the parameter paths. */
function judgeBuild(t: StartTarget, input: CheckInput, controls: readonly Control[]): Finding[] {
  const { resource } = input;
  const findings: Finding[] = [];
  for (const p of t.params) {
    if (p.state === 'fromEvent') {
      findings.push({
        path: p.inputPath,
        message: p.message
          ? `${t.path} starts ${t.what}: ${p.message}, including the build's overrides (image, privileged mode, buildspec)`
          : `${p.inputPath} hands (part of) the matched event to ${t.what} as its parameters: whoever sends a matching event chooses the build's overrides (image, privileged mode, buildspec)`,
      });
      continue;
    }
    const o = buildOverrides(p);
    for (const pr of o.problems) findings.push({ path: pr.path, message: `${t.path} starts ${t.what}: ${pr.message}` });
    if (o.overridden.length === 0) continue;
    const view = new ObjectView(o.project, (path, why) => resource.unknown(o.pathOf(path), why));
    const rewrite = o.knownPaths.length === 0 ? undefined : new RegExp(`(?<![A-Za-z0-9_.\\[])(${o.knownPaths.map(escapeRe).join('|')})(?![A-Za-z0-9_])`, 'g');
    for (const control of controls) {
      const inner = control.check({ ...input, resourceType: PROJECT, resource: view, previous: undefined });
      for (const f of inner) {
        // only what the parameters override: the rest of the project is judged on the project itself
        if (!o.overridden.some((base) => isWithin(f.path, base))) continue;
        const path = o.pathOf(f.path);
        const text = rewrite ? f.message.replace(rewrite, (m) => o.pathOf(m)) : f.message;
        findings.push({ path, message: `${t.path} starts ${t.what} with overrides that fail ${control.id} (${control.title}): ${text}` });
      }
    }
  }
  return findings;
}

/** StartPipelineExecution variables: no plaintext secret. */
function judgePipeline(t: StartTarget): Finding[] {
  const findings: Finding[] = [];
  for (const p of t.params) {
    if (p.state !== 'read') continue;
    const vars = pipelineVariables(p);
    if (!vars) continue;
    for (const hit of plaintextSecrets(envVarList(vars.list, vars.path))) {
      findings.push({ path: hit.path, message: `${t.path} starts ${t.what}: ${describeHit(hit)}; pipeline variables are stored in the execution history in clear` });
    }
  }
  return findings;
}

export const eventsStartOverrides = defineControl({
  id: 'CICD.EVENTS.1',
  slug: 'start-overrides',
  ignoresScope: true,
  title: 'Rules, schedules and state machines that start builds or pipelines carry no overrides the project controls would reject',
  resourceTypes: ['AWS::Events::Rule', 'AWS::Scheduler::Schedule', 'AWS::StepFunctions::StateMachine'],
  severity: 'HIGH',
  risks: ['CICD-SEC-1', 'CICD-SEC-4', 'CICD-SEC-7'],
  requirement: 'Harden the pipeline like a production system (SEC11-BP07): every way of starting a build is held to the controls of the build project.',
  rationale:
    'An EventBridge rule or an EventBridge Scheduler schedule that starts a compliant CodeBuild project can hand StartBuild overrides with it (privilegedModeOverride, imageOverride, buildspecOverride, environmentVariablesOverride, sourceLocationOverride, insecureSslOverride, logsConfigOverride, artifactsOverride, encryptionKeyOverride, secondarySourcesOverride, ...): the override is the build, and none of the project controls sees it. Each target that starts a build (a CodeBuild project ARN, the Scheduler universal targets aws-sdk:codebuild:startBuild and startBuildBatch, or a target whose parameters are StartBuild overrides) has its Input or InputTransformer template read as the project properties the overrides replace, and every CodeBuild project control (privileged mode, allowed images, buildspec secrets, fetch-and-execute, package registries, plaintext variables, logging, encryption, source TLS and credentials, ...) judges them; parameter names are matched in any letter case, a name spelt twice in different cases is ambiguous. An override whose value comes from the event (an InputTransformer placeholder, an InputPath that makes the event the parameters) cannot be checked and fails, except the source version, clone depth, timeouts, build status context and variable values. Targets that start a pipeline (a pipeline ARN, aws-sdk:codepipeline:startPipelineExecution) pass no plaintext secret in pipeline variables. A schedule calling an API that creates or updates a CodeBuild project or a pipeline (aws-sdk:codebuild:updateProject, codepipeline:updatePipeline, ...) changes the CI/CD definition outside CloudFormation and fails. An Input the hook cannot read (not JSON, unresolved) is UNKNOWN. A Step Functions state machine is judged the same way, task by task (also inside Parallel branches and Map item processors): a task whose Resource is the CodeBuild integration arn:aws:states:::codebuild:startBuild or startBuildBatch (with .sync or not), the SDK integration aws-sdk:codebuild:startBuild / startBuildBatch or aws-sdk:codepipeline:startPipelineExecution, or whose Resource the template does not decide and whose parameters are StartBuild overrides, has its Parameters (JSONPath) or Arguments (JSONata) judged like the Input of a rule; a task calling aws-sdk:codebuild:updateProject and the like fails. The definition is read from Definition or DefinitionString (Fn::Join and Fn::Sub text included) after the DefinitionSubstitutions are applied, as CloudFormation applies them, so a ${Name} placeholder cannot hide a Resource or an override. A parameter decided only when the execution runs (a Key.$ path or intrinsic function, a {% JSONata %} expression) is an event value: it fails except where an event value is allowed (source version, clone depth, timeouts, build status context, variable values), and a task that starts a build without Parameters/Arguments, or whose Arguments are one expression, hands the execution input over as the parameters and fails, like an InputPath. A definition in S3 (DefinitionS3Location), one the template does not resolve or that is not JSON, and an override whose value is a Ref or an unresolved substitution, are UNKNOWN. Project controls disabled in the type configuration are not applied to overrides either.',
  remediation:
    'Start the build without overrides that the project itself could not have (drop privilegedModeOverride, imageOverride, buildspecOverride and the like, or set them to compliant values), pass secrets as PARAMETER_STORE or SECRETS_MANAGER variables, and take only the source version from the event or the execution input (in a state machine, give the task literal Parameters with no override paths, and the definition inline rather than in S3). A build that needs other settings gets its own project, which the hook judges.',
  cdkHint: 'targets.CodeBuildProject(project) without an event input that carries …Override parameters',
  check(input) {
    const { starts, changes } = startTargets(input.resourceType, input.resource);
    const findings: Finding[] = [];
    for (const c of changes) {
      findings.push({ path: c.at, message: `${c.at} calls ${c.api}, which changes the CI/CD definition outside CloudFormation, where no control judges it` });
    }
    let controls: Control[] | undefined;
    for (const t of starts) {
      if (t.kind === 'pipeline') findings.push(...judgePipeline(t));
      else findings.push(...judgeBuild(t, input, (controls ??= projectControls(input))));
    }
    return findings;
  },
});
