import { defineCases } from '../../helpers/cases';
import { project, spec, withBuildSpec } from './project';

export default defineCases({
  controlId: 'CICD.CODEBUILD.13',
  resourceType: 'AWS::CodeBuild::Project',
  cases: [
    { name: 'buildspec file path', properties: project(), expect: 'PASS' },
    { name: 'BuildSpec missing', absent: ['Source.BuildSpec'], properties: project({ Source: { Type: 'CODEPIPELINE' } }), expect: 'PASS' },
    { name: 'CDK Pipelines self-mutation buildspec', properties: withBuildSpec(spec({ install: ['npm install -g aws-cdk@2'], build: ['cdk -a . deploy Ci --require-approval=never --verbose'] })), expect: 'PASS' },
    { name: 'download, verify, then run', properties: withBuildSpec(spec({ install: ['curl -fsSLo i.sh https://x.example/i.sh', 'echo "abc  i.sh" | sha256sum -c', 'sh i.sh'] })), expect: 'PASS' },
    { name: 'curl | sh', properties: withBuildSpec(spec({ install: ['curl -sSL https://get.example.com/install.sh | bash'] })), expect: 'FAIL', messageIncludes: 'phases.install.commands[0]' },
    { name: 'wget -O- | sudo bash in a YAML block scalar', properties: withBuildSpec('version: 0.2\nphases:\n  pre_build:\n    commands:\n      - |\n        cd /tmp\n        wget -qO- https://x.example/setup | sudo bash\n'), expect: 'FAIL', messageIncludes: 'phases.pre_build.commands[0]' },
    { name: 'bash <(curl) in a finally block', properties: withBuildSpec('version: 0.2\nphases:\n  build:\n    commands: [make]\n    finally:\n      - bash <(curl -s https://x.example/report.sh)\n'), expect: 'FAIL', messageIncludes: 'finally' },
    { name: 'inline buildspec that does not parse', properties: withBuildSpec('version: 0.2\nphases: [\n'), expect: 'FAIL', messageIncludes: 'does not parse' },
  ],
});
