import { batchEnvironments, buildSpecCommands, buildSpecVariables } from '../../predicates/buildspec';
import { inlineBuildSpecs } from '../../predicates/codebuild';
import { describeHit, envVarMap, plaintextSecrets } from '../../predicates/env-vars';
import { secretsInText } from '../../predicates/secret-scan';
import { isRecord, ownCI } from '../../predicates/values';
import { defineControl, type Finding } from '../types';

export const codebuildBuildspecPlaintextSecrets = defineControl({
  id: 'CICD.CODEBUILD.12',
  slug: 'buildspec-plaintext-secrets',
  title: 'Inline buildspecs hold no plaintext secrets',
  resourceTypes: ['AWS::CodeBuild::Project'],
  severity: 'CRITICAL',
  risks: ['CICD-SEC-6'],
  requirement: 'Secrets are managed centrally and do not leak into build configuration or logs (S14, SEC11-BP07).',
  rationale:
    'An inline buildspec (Source.BuildSpec holding YAML or JSON text; CDK emits one for every pipeline step) is stored in clear in the project. Secrets placed in env.variables, in commands, or as {{resolve:secretsmanager:...}} / {{resolve:ssm-secure:...}} references (which CloudFormation resolves into the stored text) are readable by everyone who can read the project and end up in build logs. Variables of batch overrides (batch.build-list/build-graph tasks, batch.build-matrix static and dynamic env) are checked the same way, and YAML merge keys (<<: *anchor) are expanded before the check. env.parameter-store and env.secrets-manager are the safe forms. A buildspec that does not parse cannot be checked and fails.',
  remediation:
    'Move the value into Secrets Manager or a SecureString parameter and reference it from env.secrets-manager (NAME: <secret-id>:<json-key>) or env.parameter-store (NAME: <parameter name>), or from an environment variable of Type SECRETS_MANAGER; rotate the exposed secret.',
  cdkHint: "buildSpec: codebuild.BuildSpec.fromObject({ env: { 'secrets-manager': { TOKEN: 'my-secret:token' } } })",
  check({ resource }) {
    const findings: Finding[] = [];
    for (const bs of inlineBuildSpecs(resource)) {
      if (/\{\{resolve:(?:secretsmanager|ssm-secure):/i.test(bs.text)) {
        findings.push({ path: bs.path, message: `${bs.path} embeds a {{resolve:secretsmanager/ssm-secure}} reference, which CloudFormation resolves into the stored buildspec text` });
      }
      if (!bs.parsed.ok) {
        findings.push({ path: bs.path, message: `${bs.path} ${bs.parsed.reason}; it cannot be checked for secrets` });
        continue;
      }
      const vars = envVarMap(buildSpecVariables(bs.parsed.doc), `${bs.path} env.variables`);
      // batch overrides (build-list/build-graph tasks, build-matrix static/dynamic; dynamic values are lists)
      for (const e of batchEnvironments(bs.parsed.doc).envs) {
        const bv = ownCI(e.env, 'variables');
        if (!isRecord(bv)) continue;
        for (const name of Object.keys(bv)) {
          const values = Array.isArray(bv[name]) ? (bv[name] as unknown[]) : [bv[name]];
          values.forEach((value, i) => vars.push({ name, value, path: `${bs.path} ${e.path}.variables.${name}${Array.isArray(bv[name]) ? `[${i}]` : ''}` }));
        }
      }
      for (const hit of plaintextSecrets(vars)) findings.push({ path: bs.path, message: describeHit(hit) });
      for (const cmd of buildSpecCommands(bs.parsed.doc)) {
        const reasons = secretsInText(cmd.text); // known formats (also encoded), export NAME=<literal>, --password <literal>, URL user-info
        if (reasons.length > 0) findings.push({ path: bs.path, message: `${bs.path} ${cmd.path} contains ${reasons.join('; ')}` });
      }
    }
    return findings;
  },
});
