import { buildSpecCommands, buildSpecVariables } from '../../predicates/buildspec';
import { inlineBuildSpecs, projectEnvVars } from '../../predicates/codebuild';
import { isPlaintext } from '../../predicates/env-vars';
import { goBypass, installSources } from '../../predicates/install-sources';
import { checkRegistryValue, commandRedirects, isRegistryVariable, type RegistryVerdict } from '../../predicates/registry';
import { isRecord, ownCI, toStr } from '../../predicates/values';
import { defineControl, type Finding } from '../types';

function why(v: Exclude<RegistryVerdict, { ok: true }>): string {
  if (v.reason === 'unverifiable') return `points at ${v.detail}`;
  if (v.reason === 'direct') return `allows ${v.detail}`;
  return `points at ${v.detail}, which is not in AllowedPackageRegistries`;
}

export const codebuildBuildPackageRegistryAllowed = defineControl({
  id: 'CICD.CODEBUILD.14',
  slug: 'build-package-registry-allowed',
  title: 'CodeBuild installs packages only from allowed registries',
  resourceTypes: ['AWS::CodeBuild::Project'],
  severity: 'HIGH',
  risks: ['CICD-SEC-3'],
  requirement: 'Packages come only from the internal registry (S3, SEC11-BP07).',
  rationale:
    'Dependency confusion and typosquatting attacks work when a build is pointed at a registry the platform does not curate. The check finds registry redirects in the project environment variables (NPM_CONFIG_REGISTRY, PIP_INDEX_URL, PIP_EXTRA_INDEX_URL, GOPROXY, YARN_REGISTRY, UV_INDEX_URL, ...) and in inline buildspecs: env.variables and commands such as --registry, --index-url, --extra-index-url, pip -i, npm/yarn/pnpm/pip config set, NPM_CONFIG_REGISTRY=..., go env -w GOPROXY=..., registry= lines written to .npmrc, and aws codeartifact login; and installs whose package operand names its own source, for every package manager: tarball and git URLs, git@host:repo, github:/gitlab:/bitbucket: and owner/repo shorthands, name@<url> (npm i, pnpm add, yarn add, npx, pip install, pip install -e git+..., name @ url, cargo install --git/--registry/--index, gem sources -a); Go proxy and checksum bypasses (GOFLAGS=-insecure, GOINSECURE, GOPRIVATE, GONOPROXY, GONOSUMDB, GOSUMDB=off, go get -insecure) and pip --trusted-host fail. Each destination must match AllowedPackageRegistries (default: CodeArtifact in this account), compared by scheme, host and path so a wildcard cannot stretch across hosts. GOPROXY=direct fails. A destination the hook cannot resolve (an unknown shell variable, a value from Parameter Store) fails closed, and so does an inline buildspec that does not parse. A plain npm ci / pip install without a redirect is not flagged; blocking the public default registry is the job of the VPC egress rules (CICD.CODEBUILD.8).',
  remediation:
    'Point package managers at the internal CodeArtifact repository: aws codeartifact login --tool npm|pip --domain <domain> --repository <repo> (same account), or set NPM_CONFIG_REGISTRY / PIP_INDEX_URL to its literal endpoint https://<domain>-<account>.d.codeartifact.<region>.amazonaws.com/<format>/<repo>/. The platform team extends AllowedPackageRegistries for other approved registries.',
  parameters: ['AllowedPackageRegistries'],
  check({ resource, settings, accountId }) {
    const allowed = settings.AllowedPackageRegistries;
    const findings: Finding[] = [];
    const projectVars = new Map<string, string>();
    for (const { name, type, path, view, valueKey } of projectEnvVars(resource)) {
      const value = view.str(valueKey);
      if (!isPlaintext(type)) {
        if (isRegistryVariable(name)) findings.push({ path, message: `${path} (${name}) takes the registry from ${type !== undefined && /^[A-Za-z_]{1,32}$/.test(type) ? type.toUpperCase() : 'a non-plaintext source'}, which the hook cannot verify` });
        continue;
      }
      if (value === undefined) continue;
      projectVars.set(name, value);
      const bypass = goBypass(name, value);
      if (bypass !== undefined) findings.push({ path, message: `${path} (${name}) sets ${bypass}` });
      if (!isRegistryVariable(name)) continue;
      const v = checkRegistryValue(name, value, allowed);
      if (!v.ok) findings.push({ path, message: `${path} (${name}) ${why(v)}` });
    }

    for (const bs of inlineBuildSpecs(resource)) {
      if (!bs.parsed.ok) {
        findings.push({ path: bs.path, message: `${bs.path} ${bs.parsed.reason}; its package sources cannot be checked` });
        continue;
      }
      const vars = new Map(projectVars);
      const bsVars = buildSpecVariables(bs.parsed.doc);
      for (const name of Object.keys(bsVars)) {
        const value = toStr(bsVars[name]);
        if (value === undefined) continue;
        if (!projectVars.has(name)) vars.set(name, value);
        const bypass = goBypass(name, value);
        if (bypass !== undefined) findings.push({ path: bs.path, message: `${bs.path} env.variables.${name} sets ${bypass}` });
        if (!isRegistryVariable(name)) continue;
        const v = checkRegistryValue(name, value, allowed);
        if (!v.ok) findings.push({ path: bs.path, message: `${bs.path} env.variables.${name} ${why(v)}` });
      }
      const env = ownCI(bs.parsed.doc, 'env');
      for (const section of ['parameter-store', 'secrets-manager']) {
        const block = isRecord(env) ? ownCI(env, section) : undefined;
        if (!isRecord(block)) continue;
        for (const name of Object.keys(block)) {
          if (isRegistryVariable(name)) findings.push({ path: bs.path, message: `${bs.path} env.${section}.${name} takes the registry from ${section}, which the hook cannot verify` });
        }
      }
      const ctx = { vars, accountId };
      for (const cmd of buildSpecCommands(bs.parsed.doc)) {
        for (const r of commandRedirects(cmd.text, ctx)) {
          const v = checkRegistryValue(r.key, r.value, allowed);
          if (!v.ok) findings.push({ path: bs.path, message: `${bs.path} ${cmd.path}: ${r.via} ${why(v)}` });
        }
        for (const src of installSources(cmd.text)) {
          if (src.value === undefined) {
            findings.push({ path: bs.path, message: `${bs.path} ${cmd.path}: ${src.via} sets ${src.bypass ?? 'a registry bypass'}` });
            continue;
          }
          const v = checkRegistryValue('source', src.value, allowed);
          if (!v.ok) findings.push({ path: bs.path, message: `${bs.path} ${cmd.path}: ${src.via} ${why(v)}` });
        }
      }
    }
    return findings;
  },
});
