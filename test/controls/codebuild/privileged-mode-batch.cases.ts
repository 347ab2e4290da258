import { defineCases } from '../../helpers/cases';
import { project, withBuildSpec } from './project';

/** Batch builds (issue 12): the buildspec's batch section overrides the environment of the builds it starts. */
const batch = (section: string) => withBuildSpec(`version: 0.2\nbatch:\n${section}\nphases:\n  build:\n    commands:\n      - make\n`, { BuildBatchConfig: { ServiceRole: 'arn:aws:iam::123456789012:role/batch' } });

export default defineCases({
  controlId: 'CICD.CODEBUILD.5',
  resourceType: 'AWS::CodeBuild::Project',
  cases: [
    { name: 'batch build-list without overrides', properties: batch('  build-list:\n    - identifier: linux\n      env:\n        compute-type: BUILD_GENERAL1_SMALL\n'), expect: 'PASS' },
    { name: 'batch task with privileged-mode false', properties: batch('  build-list:\n    - identifier: linux\n      env:\n        privileged-mode: false\n'), expect: 'PASS' },
    { name: 'no batch section (missing block)', absent: ['Source.BuildSpec'], properties: project({ Source: { Type: 'CODEPIPELINE' } }), expect: 'PASS' },
    { name: 'build-list task in privileged mode', properties: batch('  build-list:\n    - identifier: plain\n    - identifier: docker\n      env:\n        privileged-mode: true\n'), expect: 'FAIL', messageIncludes: 'batch.build-list[1].env' },
    { name: 'build-graph task with privileged-mode: yes (YAML 1.1 true)', properties: batch('  build-graph:\n    - identifier: docker\n      env:\n        privileged-mode: yes\n'), expect: 'FAIL', messageIncludes: 'batch.build-graph[0].env' },
    { name: 'build-matrix static env privileged (quoted "True")', properties: batch('  build-matrix:\n    static:\n      env:\n        privileged-mode: "True"\n    dynamic:\n      env:\n        image: [aws/codebuild/standard:7.0]\n'), expect: 'FAIL', messageIncludes: 'batch.build-matrix.static.env' },
    { name: 'privileged batch task in a CDK JSON buildspec', properties: withBuildSpec({ version: '0.2', batch: { 'build-list': [{ identifier: 'img', env: { 'privileged-mode': 'on' } }] }, phases: { build: { commands: ['docker build .'] } } }), expect: 'FAIL', messageIncludes: 'batch.build-list[0].env' },
    { name: 'privileged-mode behind a YAML merge key', properties: batch('  build-list:\n    - identifier: docker\n      env:\n        <<: {privileged-mode: true}\n'), expect: 'FAIL', messageIncludes: 'batch.build-list[0].env' },
    { name: 'batch section of an unexpected shape', properties: batch('  build-list:\n    identifier: docker\n'), expect: 'FAIL', messageIncludes: 'batch.build-list is not a list' },
    { name: 'ambiguous buildspec: duplicate batch key', properties: withBuildSpec('version: 0.2\nbatch:\n  build-list: []\nbatch:\n  build-list:\n    - identifier: d\n      env: {privileged-mode: true}\n'), expect: 'FAIL', messageIncludes: 'duplicate key `batch`' },
  ],
});
