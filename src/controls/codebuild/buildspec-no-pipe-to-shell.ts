import { buildSpecCommands, pipesDownloadToShell } from '../../predicates/buildspec';
import { inlineBuildSpecs } from '../../predicates/codebuild';
import { defineControl, type Finding } from '../types';

export const codebuildBuildspecNoPipeToShell = defineControl({
  id: 'CICD.CODEBUILD.13',
  slug: 'buildspec-no-pipe-to-shell',
  title: 'Inline buildspecs do not pipe downloads into a shell',
  resourceTypes: ['AWS::CodeBuild::Project'],
  severity: 'HIGH',
  risks: ['CICD-SEC-3', 'CICD-SEC-4'],
  requirement: 'Build tooling comes only from approved, verified sources (S3, S6, SEC11-BP07).',
  rationale:
    'curl ... | sh, wget -O- ... | sudo bash, bash <(curl ...), sh -c "$(curl ...)" and PowerShell iwr ... | iex run whatever the remote host serves at that moment, unverified, with the build role credentials. A compromised or spoofed download host then owns the pipeline. A buildspec that does not parse cannot be checked and fails.',
  remediation:
    'Install tools from the build image or an allowed package registry, or download the script to a file, verify its checksum or signature (sha256sum -c), and only then run it. Better: bake the tool into an approved build image.',
  check({ resource }) {
    const findings: Finding[] = [];
    for (const bs of inlineBuildSpecs(resource)) {
      if (!bs.parsed.ok) {
        findings.push({ path: bs.path, message: `${bs.path} is inline but ${bs.parsed.reason}; its commands cannot be checked` });
        continue;
      }
      for (const cmd of buildSpecCommands(bs.parsed.doc)) {
        if (pipesDownloadToShell(cmd.text)) findings.push({ path: bs.path, message: `${bs.path} ${cmd.path} pipes a download into a shell` });
      }
    }
    return findings;
  },
});
