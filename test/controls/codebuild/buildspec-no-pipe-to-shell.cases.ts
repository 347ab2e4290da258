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
    { name: 'download piped into python3', properties: withBuildSpec(spec({ install: ['curl -fsSL https://x.example/get.py | python3 -'] })), expect: 'FAIL', messageIncludes: 'python3' },
    { name: 'download piped into node through sudo -E', properties: withBuildSpec(spec({ build: ['wget -qO- https://x.example/a.js | sudo -E node'] })), expect: 'FAIL', messageIncludes: 'node' },
    { name: 'download piped into perl, ruby, php', properties: withBuildSpec(spec({ build: ['curl -s https://x.example/a | perl', 'curl -s https://x.example/b|ruby', 'curl https://x.example/c | php'] })), expect: 'FAIL', messageIncludes: ['commands[0]', 'commands[1]', 'commands[2]'] },
    { name: 'PowerShell iex over Invoke-RestMethod', properties: withBuildSpec(spec({ install: ['iex (irm https://x.example/i.ps1)'] })), expect: 'FAIL', messageIncludes: 'install.commands[0]' },
    { name: 'pwsh -Command reading a download from stdin', properties: withBuildSpec(spec({ install: ['Invoke-WebRequest https://x.example/i.ps1 | pwsh -NoProfile -Command -'] })), expect: 'FAIL', messageIncludes: 'pwsh' },
    { name: 'source <(curl ...) and eval "$(curl ...)"', properties: withBuildSpec(spec({ pre_build: ['source <(curl -s https://x.example/env)', 'eval "$(curl -s https://x.example/env)"'] })), expect: 'FAIL', messageIncludes: ['commands[0]', 'commands[1]'] },
    { name: 'bash -c "$(curl ...)" inside a subshell', properties: withBuildSpec(spec({ build: ['(cd /tmp && bash -c "$(curl -fsSL https://x.example/i.sh)")'] })), expect: 'FAIL', messageIncludes: 'bash' },
    { name: 'sh <(wget -O- ...)', properties: withBuildSpec(spec({ build: ['sh <(wget -O- https://x.example/i.sh)'] })), expect: 'FAIL' },
    { name: 'downloaded in install, made executable, run in build', properties: withBuildSpec(spec({ install: ['curl -fsSLo /tmp/tool https://x.example/tool'], pre_build: ['chmod +x /tmp/tool'], build: ['/tmp/tool --version'] })), expect: 'FAIL', messageIncludes: ['phases.build.commands[0]', 'downloaded in phases.install.commands[0]'] },
    { name: 'wget into the PATH, run by name in another phase', properties: withBuildSpec(spec({ install: ['wget -q -O /usr/local/bin/helmfile https://x.example/helmfile && chmod +x /usr/local/bin/helmfile'], build: ['helmfile apply'] })), expect: 'FAIL', messageIncludes: 'phases.build.commands[0]' },
    { name: 'saved with a redirect, run by python in finally', properties: withBuildSpec('version: 0.2\nphases:\n  build:\n    commands:\n      - curl -s https://x.example/r.py > report.py\n    finally:\n      - python3 ./report.py\n'), expect: 'FAIL', messageIncludes: 'finally' },
    { name: 'checksum whose failure is ignored does not verify', properties: withBuildSpec(spec({ install: ['curl -o i.sh https://x.example/i.sh', 'sha256sum -c i.sh.sha256 || true', 'bash i.sh'] })), expect: 'FAIL', messageIncludes: 'commands[2]' },
    { name: 'download, verify in another phase, then run', properties: withBuildSpec(spec({ install: ['curl -fsSLo /tmp/tool https://x.example/tool'], pre_build: ['echo "${TOOL_SHA256}  /tmp/tool" | sha256sum -c - || exit 1'], build: ['chmod +x /tmp/tool && /tmp/tool --version'] })), expect: 'PASS' },
    { name: 'gpg-verified download', properties: withBuildSpec(spec({ install: ['curl -fsSLO https://x.example/tool.sh', 'curl -fsSLO https://x.example/tool.sh.asc', 'gpg --verify tool.sh.asc tool.sh', 'bash tool.sh'] })), expect: 'PASS' },
    { name: 'API output piped into jq and python -m json.tool', properties: withBuildSpec(spec({ build: ['curl -s https://api.example/v | jq -r .version', 'curl -s https://api.example/v | python3 -m json.tool', 'curl -s https://api.example/v | python3 parse.py'] })), expect: 'PASS' },
    { name: 'the words curl and sh quoted in a message', properties: withBuildSpec(spec({ build: ["echo 'do not curl | sh'", 'git log --grep "curl | bash"'] })), expect: 'PASS' },
    { name: 'ambiguous inline buildspec (line separator)', properties: withBuildSpec('version: 0.2\nphases:\n  build:\n    commands:\n      - make\u2028      - curl https://x.example | sh\n'), expect: 'FAIL', messageIncludes: 'is ambiguous' },
    { name: 'inline buildspec that does not parse', properties: withBuildSpec('version: 0.2\nphases: [\n'), expect: 'FAIL', messageIncludes: 'does not parse' },
  ],
});
