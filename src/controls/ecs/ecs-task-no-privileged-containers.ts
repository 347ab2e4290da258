import { defineControl, type Finding, type ResourceView } from '../types';

/**
 * Linux capabilities that give a container the host (or other containers): ALL, SYS_ADMIN (mount, namespaces,
 * most of root), SYS_MODULE (kernel modules), SYS_PTRACE (other processes), SYS_RAWIO, DAC_READ_SEARCH (read
 * any file by handle: the "shocker" escape), NET_ADMIN, BPF, PERFMON, SYS_BOOT, MAC_ADMIN, MAC_OVERRIDE.
 */
const DANGEROUS_CAPABILITIES = ['ALL', 'SYS_ADMIN', 'SYS_MODULE', 'SYS_PTRACE', 'SYS_RAWIO', 'DAC_READ_SEARCH', 'NET_ADMIN', 'BPF', 'PERFMON', 'SYS_BOOT', 'MAC_ADMIN', 'MAC_OVERRIDE'];

/** Host paths whose mount hands a container the host: the Docker/containerd sockets, the root, /proc, /sys, /etc, /dev, /var/run. */
function dangerousHostPath(path: string): boolean {
  const p = path.trim().replace(/\/+$/, '') || '/';
  if (/(^|\/)(docker|containerd)\.sock$/i.test(p)) return true;
  return ['/', '/proc', '/sys', '/etc', '/dev', '/var/run', '/run', '/var/lib/docker', '/root', '/boot'].includes(p.toLowerCase());
}

const HOST_MODES: ReadonlyArray<[string, string]> = [
  ['NetworkMode', 'shares the host network namespace (the instance metadata service and every host port)'],
  ['PidMode', 'shares the host process namespace (every process of the instance, including other tasks)'],
  ['IpcMode', 'shares the host IPC namespace'],
];

function containerFindings(c: ResourceView, hostVolumes: ReadonlyMap<string, string>): Finding[] {
  const out: Finding[] = [];
  if (c.bool('Privileged') === true) out.push({ path: c.pathOf('Privileged'), message: `${c.pathOf('Privileged')} is true: the container has every capability and the host's devices` });
  const add = c.list('LinuxParameters.Capabilities.Add');
  add.forEach((raw, i) => {
    const at = `LinuxParameters.Capabilities.Add[${i}]`;
    const cap = c.strOf(raw, at)?.trim().toUpperCase().replace(/^CAP_/, '');
    if (cap !== undefined && DANGEROUS_CAPABILITIES.includes(cap)) out.push({ path: c.pathOf(at), message: `${c.pathOf(at)} adds the capability ${cap}, which lets the container take over the host` });
  });
  if (c.list('LinuxParameters.Devices').length > 0) out.push({ path: c.pathOf('LinuxParameters.Devices'), message: `${c.pathOf('LinuxParameters.Devices')} maps host devices into the container` });
  for (const { view: m } of c.items('MountPoints')) {
    const volume = m.str('SourceVolume')?.trim();
    const host = volume === undefined ? undefined : hostVolumes.get(volume);
    if (host !== undefined) out.push({ path: m.pathOf('SourceVolume'), message: `${m.pathOf('SourceVolume')} mounts the host path ${host} (the container runtime socket or a host system directory) into the container` });
  }
  return out;
}

export const ecsTaskNoPrivilegedContainers = defineControl({
  id: 'CICD.ECS.1',
  slug: 'ecs-task-no-privileged-containers',
  title: 'ECS task definitions (build runners) run no privileged containers and share nothing of the host',
  resourceTypes: ['AWS::ECS::TaskDefinition'],
  severity: 'HIGH',
  risks: ['CICD-SEC-7', 'CICD-SEC-5'],
  requirement: 'Build environments are isolated (OWASP CICD-SEC-7, insecure system configuration): a build job cannot reach the host it runs on, other jobs or the host\'s credentials.',
  rationale:
    'Self-hosted runners (GitHub Actions, GitLab, Jenkins agents) on ECS run whatever code a pull request brings. A privileged container, a container with SYS_ADMIN or ALL (or SYS_MODULE, SYS_PTRACE, SYS_RAWIO, DAC_READ_SEARCH, NET_ADMIN, BPF, PERFMON, SYS_BOOT, MAC_ADMIN, MAC_OVERRIDE; with or without the CAP_ prefix, any letter case), host devices, a mount of the Docker or containerd socket or of a host system directory (/, /proc, /sys, /etc, /dev, /run, /var/run, /var/lib/docker), or the host network, process or IPC namespace (NetworkMode, PidMode or IpcMode host) lets that code take over the instance: other jobs\' secrets, the instance role and the next build. The hook cannot tell which task definitions are build runners, so every AWS::ECS::TaskDefinition it sees is judged (register the hook with a stack filter for pipeline stacks to narrow it); a workload that needs one of these is exempted by the platform team.',
  remediation:
    'Remove Privileged, the added capabilities, host devices and host-path mounts of sockets and system directories; use NetworkMode awsvpc (Fargate) and no PidMode/IpcMode host. Build images with a daemonless builder (Kaniko, BuildKit rootless, CodeBuild) instead of Docker-in-Docker.',
  check({ resource }) {
    const findings: Finding[] = [];
    for (const [prop, why] of HOST_MODES) {
      if (resource.str(prop)?.trim().toLowerCase() === 'host') findings.push({ path: prop, message: `${prop} is host: the task ${why}` });
    }
    const hostVolumes = new Map<string, string>();
    for (const { view: v } of resource.items('Volumes')) {
      const name = v.str('Name')?.trim();
      const source = v.str('Host.SourcePath');
      if (name !== undefined && source !== undefined && dangerousHostPath(source)) hostVolumes.set(name, source.trim());
    }
    for (const { view: c } of resource.items('ContainerDefinitions')) findings.push(...containerFindings(c, hostVolumes));
    return findings;
  },
});
