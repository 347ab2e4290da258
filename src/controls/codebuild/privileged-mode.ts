import { defineControl } from '../types';

export const codebuildPrivilegedMode = defineControl({
  id: 'CICD.CODEBUILD.5',
  slug: 'privileged-mode',
  title: 'CodeBuild projects do not run in privileged mode',
  resourceTypes: ['AWS::CodeBuild::Project'],
  severity: 'HIGH',
  risks: ['CICD-SEC-7', 'CICD-SEC-4'],
  requirement: 'Harden the pipeline like a production system (SEC11-BP07): builds get no root access to the Docker daemon of the build host.',
  rationale:
    'Privileged mode gives the build container access to the Docker daemon and host devices. A poisoned build step (a compromised dependency or a malicious pull request) can then escape the container, tamper with other builds on the host and read its credentials.',
  remediation:
    'Remove Environment.PrivilegedMode or set it to false. A project that must build Docker images is granted privileged mode by the platform team through an exemption in the hook type configuration.',
  check({ resource }) {
    if (resource.bool('Environment.PrivilegedMode') !== true) return [];
    return [{ path: 'Environment.PrivilegedMode', message: 'Environment.PrivilegedMode is true' }];
  },
});
