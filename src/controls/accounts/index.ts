import type { Control } from '../types';
import { trustedAccountsAssumedRoles } from './trusted-accounts-assumed-roles';
import { trustedAccountsKeyArns } from './trusted-accounts-key-arns';
import { trustedAccountsLogAndReplicationTargets } from './trusted-accounts-log-and-replication-targets';
import { trustedAccountsPrincipals } from './trusted-accounts-principals';
import { trustedAccountsResourceShares } from './trusted-accounts-resource-shares';

export const accountsControls: readonly Control[] = [trustedAccountsPrincipals, trustedAccountsKeyArns, trustedAccountsLogAndReplicationTargets, trustedAccountsAssumedRoles, trustedAccountsResourceShares];
