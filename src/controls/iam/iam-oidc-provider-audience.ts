import { isIntrinsic } from '../../predicates/values';
import { defineControl, type Finding, type ResourceView } from '../types';

const STS_AUDIENCE = 'sts.amazonaws.com';

function findings(view: ResourceView): Finding[] {
  const out: Finding[] = [];
  for (const { value, view: item } of view.items('ClientIdList')) {
    if (isIntrinsic(value)) continue; // unresolved: recorded as UNKNOWN by items()
    const id = item.strOf(value, '');
    if (id === undefined) out.push({ path: item.path, message: `${item.path} is not a string` });
    else if (id.trim() !== STS_AUDIENCE) out.push({ path: item.path, message: `${item.path} is an audience other than ${STS_AUDIENCE}` });
  }
  return out;
}

export const iamOidcProviderAudience = defineControl({
  id: 'CICD.IAM.16',
  slug: 'iam-oidc-provider-audience',
  title: 'OIDC identity providers accept only the sts.amazonaws.com audience',
  resourceTypes: ['AWS::IAM::OIDCProvider'],
  severity: 'MEDIUM',
  risks: ['CICD-SEC-2', 'CICD-SEC-6'],
  requirement: 'Short-lived credentials via federation: tokens minted for AWS are the only tokens AWS accepts (G-10).',
  rationale:
    'ClientIdList is the set of token audiences STS accepts from the provider. Extra audiences (a generic client ID, an audience shared with other relying parties) let tokens issued for some other service be replayed against AWS. CI providers mint tokens with the audience sts.amazonaws.com for AWS. An absent or empty ClientIdList admits no audience and passes.',
  remediation: 'Set ClientIdList: ["sts.amazonaws.com"] and configure the CI job to request that audience (GitHub: aws-actions/configure-aws-credentials uses it by default).',
  cdkHint: "clientIds: ['sts.amazonaws.com'] on iam.OpenIdConnectProvider",
  check({ resource }) {
    return findings(resource);
  },
});
