import { defineCases } from '../../helpers/cases';

const container = (extra: Record<string, unknown> = {}) => ({ Name: 'runner', Image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/ci-runner:1.4.2', Essential: true, ...extra });
const task = (containers: unknown[], extra: Record<string, unknown> = {}) => ({ Family: 'ci-runner', RequiresCompatibilities: ['EC2'], NetworkMode: 'awsvpc', ContainerDefinitions: containers, ...extra });
const caps = (...add: string[]) => ({ LinuxParameters: { Capabilities: { Add: add } } });

export default defineCases({
  controlId: 'CICD.ECS.1',
  resourceType: 'AWS::ECS::TaskDefinition',
  cases: [
    { name: 'plain runner on awsvpc', properties: task([container()]), expect: 'PASS' },
    { name: 'Privileged false and harmless capabilities', properties: task([container({ Privileged: false, ...caps('NET_BIND_SERVICE', 'CHOWN'), LinuxParameters: { Capabilities: { Add: ['NET_BIND_SERVICE'], Drop: ['ALL'] }, InitProcessEnabled: true } })]), expect: 'PASS' },
    { name: 'a host volume of a data directory', properties: task([container({ MountPoints: [{ SourceVolume: 'cache', ContainerPath: '/cache' }] })], { Volumes: [{ Name: 'cache', Host: { SourcePath: '/mnt/ci-cache' } }] }), expect: 'PASS' },
    { name: 'no containers and no LinuxParameters (blocks missing)', absent: ['ContainerDefinitions', 'PidMode', 'Volumes'], properties: { Family: 'ci-runner', NetworkMode: 'bridge' }, expect: 'PASS' },
    { name: 'privileged build container', absent: ['ContainerDefinitions[0].LinuxParameters'], properties: task([container(), container({ Name: 'dind', Privileged: true })]), expect: 'FAIL', messageIncludes: 'ContainerDefinitions[1].Privileged' },
    { name: 'privileged as the string "True"', properties: task([container({ Privileged: 'True' })]), expect: 'FAIL' },
    { name: 'SYS_ADMIN added', properties: task([container(caps('SYS_ADMIN'))]), expect: 'FAIL', messageIncludes: ['ContainerDefinitions[0].LinuxParameters.Capabilities.Add[0]', 'SYS_ADMIN'] },
    { name: 'ALL added in lower case', properties: task([container(caps('chown', 'all'))]), expect: 'FAIL', messageIncludes: 'Add[1]' },
    { name: 'CAP_SYS_PTRACE with the prefix', properties: task([container(caps('CAP_SYS_PTRACE'))]), expect: 'FAIL', messageIncludes: 'SYS_PTRACE' },
    { name: 'Docker socket mounted', properties: task([container({ MountPoints: [{ SourceVolume: 'docker', ContainerPath: '/var/run/docker.sock' }] })], { Volumes: [{ Name: 'docker', Host: { SourcePath: '/var/run/docker.sock' } }] }), expect: 'FAIL', messageIncludes: ['MountPoints[0].SourceVolume', 'docker.sock'] },
    { name: 'host root mounted (trailing slash)', properties: task([container({ MountPoints: [{ SourceVolume: 'root', ContainerPath: '/host' }] })], { Volumes: [{ Name: 'root', Host: { SourcePath: '/' } }, { Name: 'proc', Host: { SourcePath: '/proc/' } }] }), expect: 'FAIL' },
    { name: 'host devices mapped', properties: task([container({ LinuxParameters: { Devices: [{ HostPath: '/dev/fuse' }] } })]), expect: 'FAIL', messageIncludes: 'Devices' },
    { name: 'host network mode', properties: task([container()], { NetworkMode: 'HOST' }), expect: 'FAIL', messageIncludes: 'NetworkMode is host' },
    { name: 'host PID namespace', properties: task([container()], { PidMode: 'host' }), expect: 'FAIL', messageIncludes: 'PidMode' },
    { name: 'host IPC namespace', properties: task([container()], { IpcMode: 'host' }), expect: 'FAIL', messageIncludes: 'IpcMode' },
    { name: 'update that makes a runner privileged', properties: task([container({ Privileged: true })]), previous: task([container()]), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
  ],
});
