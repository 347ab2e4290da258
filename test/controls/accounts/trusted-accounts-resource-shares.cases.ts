import { defineCases } from '../../helpers/cases';

const OWN = '123456789012';
const FOREIGN = '444455556666';
const PROD = '222222222222';
const ORG = 'o-abc123def45';
const OTHER_ORG = 'o-zzz999yyy88';
const ORG_ARN = (org: string) => `arn:aws:organizations::${PROD}:organization/${org}`;
const OU_ARN = (org: string) => `arn:aws:organizations::${PROD}:ou/${org}/ou-ab12-cd34ef56`;
const TRUST_ORG = { TrustedOrganizationIds: [ORG] };
const RETAIN = 'ResourceShareConfiguration.RetainSharingOnAccountLeaveOrganization';

const SHARE = 'AWS::RAM::ResourceShare';
const PRINCIPAL = 'AWS::RAM::PrincipalAssociation';
const SOURCE = 'AWS::RAM::SourceAssociation';
const SHARE_ARN = `arn:aws:ram:eu-west-1:${OWN}:resource-share/27d09b4b-5e12-41d1-a4f2-19ded10982e2`;

/** A share of a CodeBuild project and its report group. */
const share = (extra: Record<string, unknown>) => ({
  Name: 'ci-build-projects',
  ResourceArns: [`arn:aws:codebuild:eu-west-1:${OWN}:project/app-build`, `arn:aws:codebuild:eu-west-1:${OWN}:report-group/app-tests`],
  ...extra,
});
const principal = (value?: unknown) => ({ ResourceShareArn: SHARE_ARN, ...(value === undefined ? {} : { Principal: value }) });
const source = (value?: unknown) => ({ ResourceShareArn: SHARE_ARN, ...(value === undefined ? {} : { SourceId: value }) });

export default defineCases({
  controlId: 'CICD.ACCOUNTS.5',
  resourceTypes: [SHARE, PRINCIPAL, SOURCE],
  cases: [
    // AWS::RAM::ResourceShare
    { name: 'shared with the own account, no external principals', resourceType: SHARE, properties: share({ Principals: [OWN], AllowExternalPrincipals: false }), expect: 'PASS' },
    { name: 'shared with a production account (ProductionAccountIds)', resourceType: SHARE, properties: share({ Principals: [PROD] }), config: { ProductionAccountIds: [PROD] }, expect: 'PASS' },
    { name: 'shared with a listed account by role ARN (TrustedAccountIds)', resourceType: SHARE, properties: share({ Principals: [`arn:aws:iam::${FOREIGN}:role/build-consumer`] }), config: { TrustedAccountIds: [FOREIGN] }, expect: 'PASS' },
    { name: 'shared with a trusted organisation and one of its OUs', resourceType: SHARE, properties: share({ Principals: [ORG_ARN(ORG), OU_ARN(ORG)], AllowExternalPrincipals: false }), config: TRUST_ORG, expect: 'PASS' },
    { name: 'a trusted organisation whose leavers lose the share', resourceType: SHARE, properties: share({ Principals: [ORG_ARN(ORG)], ResourceShareConfiguration: { RetainSharingOnAccountLeaveOrganization: false } }), config: TRUST_ORG, expect: 'PASS' },
    { name: 'a single principal given as a string', resourceType: SHARE, properties: share({ Principals: OWN }), expect: 'PASS' },
    { name: 'a service principal with the own account as its source', resourceType: SHARE, properties: share({ Principals: ['cloudfront.amazonaws.com'], Sources: [OWN] }), expect: 'PASS' },
    { name: 'a service principal for a trusted organisation path', resourceType: SHARE, properties: share({ Principals: ['cloudfront.amazonaws.com'], Sources: [`${ORG}/r-ab12/ou-ab12-cd34ef56`] }), config: TRUST_ORG, expect: 'PASS' },
    { name: 'no Principals shares with nobody', resourceType: SHARE, absent: ['Principals', 'Sources', 'AllowExternalPrincipals'], properties: share({}), expect: 'PASS' },
    { name: 'a foreign account (AllowExternalPrincipals absent: true by default)', resourceType: SHARE, absent: ['AllowExternalPrincipals'], properties: share({ Principals: [FOREIGN] }), expect: 'FAIL', messageIncludes: ['Principals[0]', `account ${FOREIGN}`] },
    { name: 'a list with one foreign member', resourceType: SHARE, properties: share({ Principals: [OWN, PROD, FOREIGN], AllowExternalPrincipals: true }), config: { ProductionAccountIds: [PROD] }, expect: 'FAIL', messageIncludes: ['Principals[2]', FOREIGN] },
    { name: 'a foreign account with AllowExternalPrincipals false is still not trusted', resourceType: SHARE, properties: share({ Principals: [FOREIGN], AllowExternalPrincipals: false }), expect: 'FAIL', messageIncludes: FOREIGN },
    { name: 'a role of a foreign account', resourceType: SHARE, properties: share({ Principals: [`arn:aws:iam::${FOREIGN}:role/x`] }), expect: 'FAIL', messageIncludes: ['Principals[0]', FOREIGN] },
    { name: 'a user of a foreign account', resourceType: SHARE, properties: share({ Principals: [`arn:aws:iam::${FOREIGN}:user/x`] }), expect: 'FAIL', messageIncludes: FOREIGN },
    { name: 'an organisation that is not listed', resourceType: SHARE, properties: share({ Principals: [ORG_ARN(OTHER_ORG)] }), config: TRUST_ORG, expect: 'FAIL', messageIncludes: [OTHER_ORG, 'TrustedOrganizationIds'] },
    { name: 'the organisation when none is trusted (the default)', resourceType: SHARE, properties: share({ Principals: [ORG_ARN(ORG)], AllowExternalPrincipals: false }), expect: 'FAIL', messageIncludes: 'TrustedOrganizationIds' },
    { name: 'an OU of an organisation that is not listed', resourceType: SHARE, properties: share({ Principals: [OU_ARN(OTHER_ORG)] }), config: TRUST_ORG, expect: 'FAIL', messageIncludes: OTHER_ORG },
    { name: '"*"', resourceType: SHARE, properties: share({ Principals: ['*'] }), expect: 'FAIL', messageIncludes: 'wildcard' },
    { name: 'a wildcard account arn:aws:iam::*:root', resourceType: SHARE, properties: share({ Principals: ['arn:aws:iam::*:root'] }), expect: 'FAIL', messageIncludes: 'any account' },
    { name: 'a wildcard organisation', resourceType: SHARE, properties: share({ Principals: [ORG_ARN('o-*')] }), config: TRUST_ORG, expect: 'FAIL', messageIncludes: 'wildcard organisation' },
    { name: 'an account ID that is not 12 digits', resourceType: SHARE, properties: share({ Principals: ['12345678901'] }), expect: 'FAIL', messageIncludes: 'not 12 digits' },
    { name: 'a bucket ARN is no principal', resourceType: SHARE, properties: share({ Principals: ['arn:aws:s3:::ci-artifacts'] }), expect: 'FAIL', messageIncludes: 'cannot be matched' },
    { name: 'a service principal without Sources acts for any account', resourceType: SHARE, properties: share({ Principals: ['cloudfront.amazonaws.com'] }), expect: 'FAIL', messageIncludes: ['Sources', 'cloudfront.amazonaws.com', 'any account'] },
    { name: 'a service principal for a foreign source account', resourceType: SHARE, properties: share({ Principals: ['cloudfront.amazonaws.com'], Sources: [OWN, FOREIGN] }), expect: 'FAIL', messageIncludes: ['Sources[1]', FOREIGN] },
    { name: 'a source of an organisation that is not listed', resourceType: SHARE, properties: share({ Principals: ['cloudfront.amazonaws.com'], Sources: [OTHER_ORG] }), config: TRUST_ORG, expect: 'FAIL', messageIncludes: ['Sources[0]', OTHER_ORG] },
    { name: 'leavers of a trusted organisation keep the share', resourceType: SHARE, properties: share({ Principals: [OU_ARN(ORG)], ResourceShareConfiguration: { RetainSharingOnAccountLeaveOrganization: true } }), config: TRUST_ORG, expect: 'FAIL', messageIncludes: [RETAIN, 'leaves the organisation'] },
    { name: 'a Principals list from a parameter is UNKNOWN', resourceType: SHARE, properties: share({ Principals: { Ref: 'ShareWith' } }), expect: 'UNKNOWN', typedOnly: true },
    { name: 'one principal from Fn::Sub with a parameter is UNKNOWN', resourceType: SHARE, properties: share({ Principals: [OWN, { 'Fn::Sub': 'arn:aws:iam::${ConsumerAccount}:root' }] }), expect: 'UNKNOWN', typedOnly: true },
    { name: 'a principal from an undecided Fn::If is UNKNOWN', resourceType: SHARE, properties: share({ Principals: [{ 'Fn::If': ['Shared', FOREIGN, OWN] }] }), expect: 'UNKNOWN', typedOnly: true },
    { name: 'a principal from a dynamic reference is UNKNOWN', resourceType: SHARE, properties: share({ Principals: ['{{resolve:ssm:/ci/share-with}}'] }), expect: 'UNKNOWN' },
    { name: 'Sources of a service principal from a parameter are UNKNOWN', resourceType: SHARE, properties: share({ Principals: ['cloudfront.amazonaws.com'], Sources: { Ref: 'Sources' } }), expect: 'UNKNOWN', typedOnly: true },
    { name: 'RetainSharingOnAccountLeaveOrganization from a parameter is UNKNOWN', resourceType: SHARE, properties: share({ Principals: [ORG_ARN(ORG)], ResourceShareConfiguration: { RetainSharingOnAccountLeaveOrganization: { Ref: 'Retain' } } }), config: TRUST_ORG, expect: 'UNKNOWN', typedOnly: true },
    { name: 'a foreign principal next to an unresolved one still fails', resourceType: SHARE, properties: share({ Principals: [FOREIGN, { Ref: 'Other' }] }), expect: 'FAIL', messageIncludes: FOREIGN, typedOnly: true },
    { name: 'update shares the project with a foreign account', resourceType: SHARE, properties: share({ Principals: [OWN, FOREIGN] }), previous: share({ Principals: [OWN] }), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
    // AWS::RAM::PrincipalAssociation
    { name: 'an association with the own account', resourceType: PRINCIPAL, properties: principal(OWN), expect: 'PASS' },
    { name: 'an association with an OU of a trusted organisation', resourceType: PRINCIPAL, properties: principal(OU_ARN(ORG)), config: TRUST_ORG, expect: 'PASS' },
    { name: 'an association without Principal cannot be checked', resourceType: PRINCIPAL, absent: ['Principal'], properties: principal(), expect: 'FAIL', messageIncludes: 'Principal is missing' },
    { name: 'an association with a foreign account', resourceType: PRINCIPAL, properties: principal(FOREIGN), expect: 'FAIL', messageIncludes: ['Principal', `account ${FOREIGN}`] },
    { name: 'an association with a foreign role', resourceType: PRINCIPAL, properties: principal(`arn:aws:iam::${FOREIGN}:role/x`), expect: 'FAIL', messageIncludes: FOREIGN },
    { name: 'an association with an organisation that is not listed', resourceType: PRINCIPAL, properties: principal(ORG_ARN(OTHER_ORG)), config: TRUST_ORG, expect: 'FAIL', messageIncludes: OTHER_ORG },
    { name: 'an association with "*"', resourceType: PRINCIPAL, properties: principal('*'), expect: 'FAIL', messageIncludes: 'wildcard' },
    { name: 'an association with a service principal cannot be judged with its sources', resourceType: PRINCIPAL, properties: principal('cloudfront.amazonaws.com'), expect: 'FAIL', messageIncludes: ['cloudfront.amazonaws.com', 'Sources'] },
    { name: 'an association Principal from a parameter is UNKNOWN', resourceType: PRINCIPAL, properties: principal({ Ref: 'Consumer' }), expect: 'UNKNOWN', typedOnly: true },
    { name: 'update associates a foreign account', resourceType: PRINCIPAL, properties: principal(FOREIGN), previous: principal(OWN), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
    // AWS::RAM::SourceAssociation
    { name: 'a source: the own account', resourceType: SOURCE, properties: source(OWN), expect: 'PASS' },
    { name: 'a source: a trusted organisation', resourceType: SOURCE, properties: source(ORG), config: TRUST_ORG, expect: 'PASS' },
    { name: 'a source association without SourceId cannot be checked', resourceType: SOURCE, absent: ['SourceId'], properties: source(), expect: 'FAIL', messageIncludes: 'SourceId is missing' },
    { name: 'a source: a foreign account', resourceType: SOURCE, properties: source(FOREIGN), expect: 'FAIL', messageIncludes: ['SourceId', FOREIGN] },
    { name: 'a source: a foreign resource ARN', resourceType: SOURCE, properties: source(`arn:aws:cloudfront::${FOREIGN}:distribution/E1A2B3C4D5`), expect: 'FAIL', messageIncludes: FOREIGN },
    { name: 'a source: an organisation path that is not listed', resourceType: SOURCE, properties: source(`${OTHER_ORG}/r-ab12`), config: TRUST_ORG, expect: 'FAIL', messageIncludes: OTHER_ORG },
    { name: 'a source: a service principal is no source', resourceType: SOURCE, properties: source('cloudfront.amazonaws.com'), expect: 'FAIL', messageIncludes: 'not a source account' },
    { name: 'a SourceId from a parameter is UNKNOWN', resourceType: SOURCE, properties: source({ Ref: 'SourceAccount' }), expect: 'UNKNOWN', typedOnly: true },
    { name: 'update adds a foreign source', resourceType: SOURCE, properties: source(FOREIGN), previous: source(OWN), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
  ],
});
