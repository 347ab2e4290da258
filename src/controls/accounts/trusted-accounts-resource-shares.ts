import { shareParty, trustedFrom, type Trusted } from '../../predicates/accounts';
import { isDynamicReference, isIntrinsic } from '../../predicates/values';
import { defineControl, type Finding, type ResourceView } from '../types';

const SHARE = 'AWS::RAM::ResourceShare';
const PRINCIPAL_ASSOCIATION = 'AWS::RAM::PrincipalAssociation';
const SOURCE_ASSOCIATION = 'AWS::RAM::SourceAssociation';
const RETAIN = 'ResourceShareConfiguration.RetainSharingOnAccountLeaveOrganization';

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

interface Judged {
  findings: Finding[];
  organization: boolean;
  services: string[];
}

/**
 * One principal or source at `path` (`Principals[1]`, `Principal`, `SourceId`): a finding when it is not
 * trusted; an intrinsic or dynamic reference is UNKNOWN (it may be any account).
 */
function judgeParty(view: ResourceView, path: string, raw: unknown, trusted: Trusted, as: 'principal' | 'source', into: Judged): void {
  if (isIntrinsic(raw) || isDynamicReference(raw)) {
    view.unknown(path, `the ${as} is not resolvable from the template (it may be any account)`);
    into.findings.push({ path, message: `${path} is not resolvable from the template (it may be any account)` });
    return;
  }
  const value = view.strOf(raw, path);
  if (value === undefined) {
    into.findings.push({ path, message: `${path} is not a string (it cannot be matched to a trusted account)` });
    return;
  }
  const party = shareParty(value, trusted, as);
  if (party.organization) into.organization = true;
  if (party.service !== undefined) into.services.push(party.service);
  if (party.problem) into.findings.push({ path, message: `${path} names ${party.problem}` });
}

/**
 * AWS::RAM::ResourceShare: every principal and every source must be trusted; a service principal needs Sources
 * (without them it reaches the resources on behalf of any account); an organisation or OU principal must not be
 * kept by accounts that leave the organisation (RetainSharingOnAccountLeaveOrganization).
 */
function shareFindings(view: ResourceView, trusted: Trusted): Finding[] {
  const judged: Judged = { findings: [], organization: false, services: [] };
  for (const item of view.items('Principals')) judgeParty(view, `Principals[${item.index}]`, item.value, trusted, 'principal', judged);
  const sources = view.items('Sources');
  for (const item of sources) judgeParty(view, `Sources[${item.index}]`, item.value, trusted, 'source', judged);
  const sourcesUnresolved = isIntrinsic(view.get('Sources'));
  if (judged.services.length > 0 && sources.length === 0 && !sourcesUnresolved) {
    const names = [...new Set(judged.services)].slice(0, 3).join(', ');
    judged.findings.push({ path: 'Sources', message: `Principals name the service principal ${names} without Sources: the service reaches the shared resources on behalf of any account (confused deputy)` });
  }
  if (judged.organization) {
    view.obj('ResourceShareConfiguration'); // an unresolved configuration is recorded UNKNOWN
    const retain = view.has(RETAIN) ? view.bool(RETAIN) : false; // an unresolved value is recorded UNKNOWN
    if (retain !== false) {
      judged.findings.push({
        path: RETAIN,
        message: `${RETAIN} is ${retain === true ? 'true' : 'not false or not resolvable'}: an account that leaves the organisation keeps the shared resources, as a foreign account`,
      });
    }
  }
  return judged.findings;
}

function associationFindings(view: ResourceView, trusted: Trusted, path: 'Principal' | 'SourceId'): Finding[] {
  const raw = view.get(path);
  const what = path === 'Principal' ? 'with whom the resource share is shared' : 'on behalf of which account the service principal reaches the shared resources';
  if (blank(raw)) return [{ path, message: `${path} is missing, so ${what} cannot be checked` }];
  const judged: Judged = { findings: [], organization: false, services: [] };
  judgeParty(view, path, raw, trusted, path === 'Principal' ? 'principal' : 'source', judged);
  for (const service of judged.services) {
    judged.findings.push({ path, message: `Principal names the service principal ${service}: the accounts it may act for are the resource share's Sources, which this association does not show; name it in the share's Principals with Sources` });
  }
  return judged.findings;
}

export const trustedAccountsResourceShares = defineControl({
  id: 'CICD.ACCOUNTS.5',
  slug: 'trusted-accounts-resource-shares',
  title: 'RAM resource shares share only with trusted accounts and organisations',
  resourceTypes: [SHARE, PRINCIPAL_ASSOCIATION, SOURCE_ASSOCIATION],
  severity: 'HIGH',
  risks: ['CICD-SEC-2', 'CICD-SEC-5', 'CICD-SEC-9'],
  requirement:
    'Pipeline resources are reachable only from the accounts the platform trusts (SEC11-BP07; OWASP CICD-SEC-2, CICD-SEC-5): a developer cannot hand a build project, report group, fleet or any other shareable resource to an account of their choosing through AWS Resource Access Manager.',
  rationale:
    'A RAM resource share makes its resources (CodeBuild projects and report groups among them) usable by every principal it names, without a resource policy this hook would see. Every entry of AWS::RAM::ResourceShare Principals and the Principal of an AWS::RAM::PrincipalAssociation must be trusted: an account ID, or the account of an IAM role or user ARN, must be the account the change is made in, a ProductionAccountIds or a TrustedAccountIds entry; an organisation ARN or an OU ARN must belong to a TrustedOrganizationIds organisation. A wildcard, another kind of ARN or anything else cannot be matched and fails; a value the template does not resolve (a parameter, an undecided Fn::If) is UNKNOWN. AllowExternalPrincipals does not make a principal trusted: it is true by default (accounts outside the organisation get an invitation), and false only keeps principals inside the organisation, whose accounts the hook cannot tell from the template — so a share passes only when every principal is trusted, whatever its value. A service principal reaches the resources on behalf of the accounts in Sources (and AWS::RAM::SourceAssociation SourceId): without Sources it acts for any account and fails, and every source (account ID, ARN, organisation ID or path) must be trusted; a service principal added by a PrincipalAssociation cannot be judged with its sources and fails. With an organisation or OU principal, ResourceShareConfiguration.RetainSharingOnAccountLeaveOrganization must not be true: an account that leaves the organisation would keep the resources. A share without Principals shares with nobody and passes; an association without its Principal or SourceId cannot be checked and fails.',
  remediation:
    'Name only your own, production or listed accounts (or a trusted organisation or its OUs) in Principals, PrincipalAssociation Principal, Sources and SourceId; give a service principal the Sources of trusted accounts; leave RetainSharingOnAccountLeaveOrganization false. If the account is legitimately part of the delivery chain, ask the platform team to add it to TrustedAccountIds (or the organisation to TrustedOrganizationIds) in the hook configuration.',
  parameters: ['ProductionAccountIds', 'TrustedAccountIds', 'TrustedOrganizationIds'],
  check({ resource, resourceType, settings, accountId }) {
    const trusted = trustedFrom(settings, accountId);
    if (resourceType === SHARE) return shareFindings(resource, trusted);
    if (resourceType === PRINCIPAL_ASSOCIATION) return associationFindings(resource, trusted, 'Principal');
    if (resourceType === SOURCE_ASSOCIATION) return associationFindings(resource, trusted, 'SourceId');
    return [];
  },
});
