import { defineControl, type Finding, type ResourceView } from '../types';

const PATH = 'AuthenticationConfiguration.SecretToken';

type TokenState = 'reference' | 'absent' | 'literal' | 'other-reference' | 'unknown';

function tokenState(view: ResourceView): TokenState {
  const raw = view.get(PATH);
  if (raw === undefined || raw === null) return 'absent';
  const value = view.strOf(raw, PATH);
  if (value === undefined) return 'unknown';
  const v = value.trim();
  if (v === '') return 'absent';
  if (/^\{\{resolve:secretsmanager:/.test(v)) return 'reference';
  if (/^\{\{resolve:/.test(v)) return 'other-reference';
  return 'literal';
}

function authentication(view: ResourceView): string | undefined {
  return view.str('Authentication')?.trim().toUpperCase();
}

function evaluateToken(view: ResourceView): Finding[] {
  const state = tokenState(view);
  if (state === 'literal') return [{ path: PATH, message: `${PATH} is a literal value; it must be a {{resolve:secretsmanager:…}} reference` }];
  if (state === 'other-reference') return [{ path: PATH, message: `${PATH} is a dynamic reference other than Secrets Manager; only {{resolve:secretsmanager:…}} is accepted` }];
  if (state === 'absent' && authentication(view) === 'GITHUB_HMAC') {
    return [{ path: PATH, message: `${PATH} is missing although Authentication is GITHUB_HMAC` }];
  }
  return [];
}

export const codepipelineWebhookSecretToken = defineControl({
  id: 'CICD.CODEPIPELINE.8',
  slug: 'pipeline-webhook-secret-token',
  title: 'CodePipeline webhook secret tokens come from Secrets Manager',
  resourceTypes: ['AWS::CodePipeline::Webhook'],
  severity: 'HIGH',
  risks: ['CICD-SEC-6', 'CICD-SEC-8'],
  requirement: 'Secrets managed centrally: the webhook HMAC secret is a Secrets Manager reference, never a literal in the template.',
  rationale:
    'The secret token is the only thing that proves a webhook call comes from the Git host. Written into the template (or passed as a parameter, which arrives at the hook as a literal) it is readable by everyone who can read the template or the repository, and then anyone can forge calls that start the pipeline. A GITHUB_HMAC webhook without a token has nothing to verify.',
  remediation:
    'Store the token in Secrets Manager and set AuthenticationConfiguration.SecretToken to "{{resolve:secretsmanager:<secret-id>:SecretString:<json-key>}}"; configure the same secret on the Git host. Better still, drop the webhook and use a CodeStarSourceConnection source, which needs no webhook.',
  check({ resource }) {
    return evaluateToken(resource);
  },
});
