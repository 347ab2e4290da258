import { defineCases } from '../../helpers/cases';

const gh = { Url: 'https://token.actions.githubusercontent.com', ClientIdList: ['sts.amazonaws.com'] };

export default defineCases({
  controlId: 'CICD.IAM.15',
  resourceType: 'AWS::IAM::OIDCProvider',
  cases: [
    { name: 'GitHub Actions issuer passes (default allow-list)', properties: gh, expect: 'PASS' },
    { name: 'trailing slash and upper case are the same issuer', properties: { ...gh, Url: 'https://Token.Actions.GitHubUserContent.com/' }, expect: 'PASS' },
    { name: 'Url missing', absent: ['Url'], properties: { ClientIdList: ['sts.amazonaws.com'] }, expect: 'FAIL', messageIncludes: 'Url is missing' },
    { name: 'unknown issuer', properties: { ...gh, Url: 'https://oidc.example.com' }, expect: 'FAIL', messageIncludes: 'AllowedOidcProviderUrls' },
    { name: 'look-alike host', properties: { ...gh, Url: 'https://token.actions.githubusercontent.com.evil.example' }, expect: 'FAIL' },
    { name: 'issuer allowed by configuration glob', properties: { ...gh, Url: 'https://gitlab.example.com' }, config: { AllowedOidcProviderUrls: ['https://token.actions.githubusercontent.com', 'https://gitlab.example.*'] }, expect: 'PASS' },
    { name: 'surrounding whitespace is the same issuer', properties: { ...gh, Url: ' https://token.actions.githubusercontent.com ' }, expect: 'PASS' },
    { name: 'several trailing slashes are the same issuer', properties: { ...gh, Url: 'https://token.actions.githubusercontent.com//' }, expect: 'PASS' },
    { name: 'allow-list entries with whitespace and trailing slashes still match', properties: { ...gh, Url: 'https://gitlab.example.com' }, config: { AllowedOidcProviderUrls: [' https://gitlab.example.com// '] }, expect: 'PASS' },
    { name: 'Url given as a list is not a string', properties: { ...gh, Url: ['https://token.actions.githubusercontent.com'] }, expect: 'FAIL', messageIncludes: 'Url is not a string' },
    { name: 'Url from a parameter cannot be checked (local check)', properties: { ...gh, Url: { Ref: 'OidcIssuerUrl' } }, expect: 'UNKNOWN', typedOnly: true },
    { name: 'update points the provider at another issuer', properties: { ...gh, Url: 'https://oidc.example.com' }, previous: gh, actions: ['UPDATE'], expect: 'FAIL', weakened: true },
  ],
});
