import { commandsInRunOrder } from '../../predicates/buildspec';
import { inlineBuildSpecs } from '../../predicates/codebuild';
import { fetchAndExecute } from '../../predicates/fetch-exec';
import { defineControl, type Finding } from '../types';

export const codebuildBuildspecNoPipeToShell = defineControl({
  id: 'CICD.CODEBUILD.13',
  slug: 'buildspec-no-pipe-to-shell',
  title: 'Inline buildspecs do not run downloads unverified',
  resourceTypes: ['AWS::CodeBuild::Project'],
  severity: 'HIGH',
  risks: ['CICD-SEC-3', 'CICD-SEC-4'],
  requirement: 'Build tooling comes only from approved, verified sources (S3, S6, SEC11-BP07).',
  rationale:
    'Fetch-and-execute runs whatever the remote host serves at that moment, unverified, with the build role credentials; a compromised or spoofed download host then owns the pipeline. Commands are parsed as a shell reads them (pipes, &&, ;, subshells, groups, $(...), backticks, process substitution, bash -c / eval strings) and the rule is general: a download (curl, wget, iwr, irm, aria2c, ...) piped into any interpreter that reads its program from stdin (sh, bash, zsh, python, python3, node, perl, ruby, php, pwsh, PowerShell iex, ...), handed to one as its program (bash -c "$(curl ...)", python3 -c "$(curl ...)", eval "$(curl ...)", source <(curl ...), sh <(wget -O- ...), bash < <(curl ...), iex (iwr ...), deno run https://...), or saved to a file that a later command of any phase runs (./file, sh file, python3 file, . file, cat file | bash, a binary saved into a bin directory and run by name) without a verification in between (sha256sum -c, shasum -c, gpg --verify, gpgv, cosign verify, minisign -V, a [ ] test over a hash; a check followed by || true does not count). Phases are read in run order (install, pre_build, build, post_build; commands, then finally). A buildspec that does not parse, or whose parse is ambiguous, cannot be checked and fails.',
  remediation:
    'Install tools from the build image or an allowed package registry, or download the file, verify its checksum or signature (sha256sum -c, gpg --verify) so that a mismatch stops the build, and only then run it. Better: bake the tool into an approved build image.',
  check({ resource }) {
    const findings: Finding[] = [];
    for (const bs of inlineBuildSpecs(resource)) {
      if (!bs.parsed.ok) {
        findings.push({ path: bs.path, message: `${bs.path} ${bs.parsed.reason}; its commands cannot be checked` });
        continue;
      }
      const commands = commandsInRunOrder(bs.parsed.doc);
      for (const hit of fetchAndExecute(commands.map((c) => c.text))) {
        const where = commands[hit.index].path;
        const from = hit.downloadedAt !== undefined && hit.downloadedAt !== hit.index ? ` (downloaded in ${commands[hit.downloadedAt].path})` : '';
        findings.push({ path: bs.path, message: `${bs.path} ${where} ${hit.how}${from}` });
      }
    }
    return findings;
  },
});
