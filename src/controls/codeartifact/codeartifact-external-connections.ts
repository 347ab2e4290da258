import { matchesAny } from '../../predicates/glob';
import { looksLikeSecretValue } from '../../predicates/secret';
import { defineControl, type Finding } from '../types';

const PATH = 'ExternalConnections';

export const codeartifactExternalConnections = defineControl({
  id: 'CICD.CODEARTIFACT.2',
  slug: 'codeartifact-external-connections',
  title: 'CodeArtifact repositories connect only to approved public registries',
  resourceTypes: ['AWS::CodeArtifact::Repository'],
  severity: 'HIGH',
  risks: ['CICD-SEC-3'],
  requirement: 'Dependency chain abuse (OWASP CICD-SEC-3): packages come from the internal registry, which the platform fills from approved upstreams only.',
  rationale:
    'An external connection (public:npmjs, public:pypi, ...) makes a repository fetch any public package on demand. Every repository with one is a path for dependency confusion and typosquatting into the builds that use it; the platform decides which proxy repositories may have one.',
  remediation:
    'Remove ExternalConnections from the AWS::CodeArtifact::Repository and add the platform proxy repository as an upstream (Upstreams) instead. The platform team allows an external connection through AllowedCodeArtifactExternalConnections (default: none) or an exemption.',
  parameters: ['AllowedCodeArtifactExternalConnections'],
  check({ resource, settings }) {
    const allowed = settings.AllowedCodeArtifactExternalConnections;
    const findings: Finding[] = [];
    for (const { value, view } of resource.items(PATH)) {
      const name = view.strOf(value, '');
      if (name === undefined) continue;
      const n = name.trim();
      if (n !== '' && matchesAny(allowed, n, { caseInsensitive: true })) continue;
      const shown = /^[A-Za-z0-9:._-]{1,100}$/.test(n) && !looksLikeSecretValue(n) ? n : '(an unrecognised value)';
      findings.push({ path: view.path, message: `${view.path} ${shown} is not in AllowedCodeArtifactExternalConnections` });
    }
    return findings;
  },
});
