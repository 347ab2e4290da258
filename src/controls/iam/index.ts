import type { Control } from '../types';
import { iamNoAccessKeys } from './iam-no-access-keys';
import { iamNoAdminManagedPolicies } from './iam-no-admin-managed-policies';
import { iamNoAdminStatements } from './iam-no-admin-statements';
import { iamNoAllowNotAction } from './iam-no-allow-not-action';
import { iamNoBoundaryTampering } from './iam-no-boundary-tampering';
import { iamNoHookManagement } from './iam-no-hook-management';
import { iamNoKmsDecryptAllKeys } from './iam-no-kms-decrypt-all-keys';
import { iamNoPrivilegeEscalation } from './iam-no-privilege-escalation';
import { iamNoServiceWildcards } from './iam-no-service-wildcards';
import { iamOidcProviderAllowed } from './iam-oidc-provider-allowed';
import { iamOidcProviderAudience } from './iam-oidc-provider-audience';
import { iamPassroleScoped } from './iam-passrole-scoped';
import { iamNoOutOfBandChangeRights } from './iam-no-out-of-band-change-rights';
import { iamPermissionsBoundary } from './iam-permissions-boundary';
import { iamRoleMaxSessionDuration } from './iam-role-max-session-duration';
import { iamTrustNoPublicPrincipal } from './iam-trust-no-public-principal';
import { iamTrustScopedActions } from './iam-trust-scoped-actions';
import { iamUsersNoLoginProfile } from './iam-users-no-login-profile';
import { iamUsersNoPolicies } from './iam-users-no-policies';
import { iamWebIdentityTrustPinned } from './iam-web-identity-trust-pinned';
import { resourcePolicyNoOutOfBandChangeRights } from './resource-policy-no-out-of-band-change-rights';
import { iamReferencedIdentities } from './iam-referenced-identities';

/** CICD.IAM.1 .. CICD.IAM.22. */
export const iamControls: readonly Control[] = [
  iamNoAdminStatements,
  iamNoAdminManagedPolicies,
  iamNoServiceWildcards,
  iamNoPrivilegeEscalation,
  iamPassroleScoped,
  iamNoAllowNotAction,
  iamTrustNoPublicPrincipal,
  iamTrustScopedActions,
  iamWebIdentityTrustPinned,
  iamPermissionsBoundary,
  iamNoBoundaryTampering,
  iamNoAccessKeys,
  iamUsersNoPolicies,
  iamUsersNoLoginProfile,
  iamOidcProviderAllowed,
  iamOidcProviderAudience,
  iamNoKmsDecryptAllKeys,
  iamRoleMaxSessionDuration,
  iamNoHookManagement,
  iamNoOutOfBandChangeRights,
  resourcePolicyNoOutOfBandChangeRights,
  iamReferencedIdentities,
];
