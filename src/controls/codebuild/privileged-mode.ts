import { batchEnvironments, batchFlagOn } from '../../predicates/buildspec';
import { inlineBuildSpecs } from '../../predicates/codebuild';
import { ownCI } from '../../predicates/values';
import { defineControl, type Finding } from '../types';

export const codebuildPrivilegedMode = defineControl({
  id: 'CICD.CODEBUILD.5',
  slug: 'privileged-mode',
  title: 'CodeBuild projects do not run in privileged mode',
  resourceTypes: ['AWS::CodeBuild::Project'],
  severity: 'HIGH',
  risks: ['CICD-SEC-7', 'CICD-SEC-4'],
  requirement: 'Harden the pipeline like a production system (SEC11-BP07): builds get no root access to the Docker daemon of the build host.',
  rationale:
    'Privileged mode gives the build container access to the Docker daemon and host devices. A poisoned build step (a compromised dependency or a malicious pull request) can then escape the container, tamper with other builds on the host and read its credentials. Batch builds are judged like the project: a build-list or build-graph task or a build-matrix env of an inline buildspec that sets privileged-mode (true, yes, on: anything but an explicit false) fails, and so does an inline buildspec that does not parse or whose parse is ambiguous, because its batch overrides cannot be read.',
  remediation:
    'Remove Environment.PrivilegedMode or set it to false, and remove privileged-mode from the batch section of the buildspec. A project that must build Docker images is granted privileged mode by the platform team through an exemption in the hook type configuration.',
  cdkHint: 'environment: { privileged: false } (the default) on codebuild.Project / codeBuildDefaults.buildEnvironment',
  exemptionHint:
    'the project builds Docker images (for example the CDK Pipelines asset publishing project of a Docker image asset, which needs Environment.PrivilegedMode)',
  check({ resource }) {
    const findings: Finding[] = [];
    if (resource.bool('Environment.PrivilegedMode') === true) findings.push({ path: 'Environment.PrivilegedMode', message: 'Environment.PrivilegedMode is true' });
    for (const bs of inlineBuildSpecs(resource)) {
      if (!bs.parsed.ok) {
        findings.push({ path: bs.path, message: `${bs.path} ${bs.parsed.reason}; its batch environment overrides cannot be checked` });
        continue;
      }
      const { envs, malformed } = batchEnvironments(bs.parsed.doc);
      for (const m of malformed) findings.push({ path: bs.path, message: `${bs.path} ${m}; its batch environment overrides cannot be checked` });
      for (const e of envs) {
        if (batchFlagOn(ownCI(e.env, 'privileged-mode'))) findings.push({ path: bs.path, message: `${bs.path} ${e.path} runs batch builds in privileged mode` });
      }
    }
    return findings;
  },
});
