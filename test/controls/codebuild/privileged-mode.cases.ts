import { defineCases } from '../../helpers/cases';

const env = (extra: Record<string, unknown> = {}) => ({
  Environment: { Type: 'LINUX_CONTAINER', ComputeType: 'BUILD_GENERAL1_SMALL', Image: 'aws/codebuild/standard:7.0', ...extra },
});

export default defineCases({
  controlId: 'CICD.CODEBUILD.5',
  resourceType: 'AWS::CodeBuild::Project',
  cases: [
    { name: 'privileged mode off', properties: env({ PrivilegedMode: false }), expect: 'PASS' },
    { name: 'privileged mode missing (defaults to off)', absent: ['Environment.PrivilegedMode'], properties: env(), expect: 'PASS' },
    { name: 'Environment block missing', absent: ['Environment'], properties: { Name: 'p' }, expect: 'PASS' },
    { name: 'privileged mode on', properties: env({ PrivilegedMode: true }), expect: 'FAIL', messageIncludes: 'Environment.PrivilegedMode' },
    { name: 'privileged mode "True" (YAML spelling)', properties: env({ PrivilegedMode: 'True' }), expect: 'FAIL' },
    { name: 'privileged mode "TRUE"', properties: env({ PrivilegedMode: 'TRUE' }), expect: 'FAIL' },
    { name: 'privileged mode "false" string is off', properties: env({ PrivilegedMode: 'false' }), expect: 'PASS' },
    {
      name: 'update switches privileged mode on',
      properties: env({ PrivilegedMode: true }),
      previous: env({ PrivilegedMode: false }),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
    },
    {
      name: 'privileged project exempted by the platform',
      properties: env({ PrivilegedMode: true }),
      logicalId: 'DockerBuild',
      config: { Exemptions: [{ ControlId: 'CICD.CODEBUILD.5', StackName: 'ci-*', LogicalId: 'DockerBuild', Reason: 'Builds the base image with docker', ExpiresOn: '2027-01-01' }] },
      expect: 'SKIPPED',
    },
    {
      name: 'expired exemption no longer applies',
      properties: env({ PrivilegedMode: true }),
      logicalId: 'DockerBuild',
      config: { Exemptions: [{ ControlId: 'CICD.CODEBUILD.5', StackName: '*', LogicalId: 'DockerBuild', Reason: 'Builds the base image with docker', ExpiresOn: '2020-01-01' }] },
      expect: 'FAIL',
      messageIncludes: 'expired on 2020-01-01',
    },
    { name: 'unresolved Ref (local check only)', properties: env({ PrivilegedMode: { Ref: 'Privileged' } }), expect: 'UNKNOWN', typedOnly: true },
  ],
});
