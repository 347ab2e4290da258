import type { Control } from '../types';
import { kmsAliasTarget } from './kms-alias-target';
import { kmsKeyDeletionWindow } from './kms-key-deletion-window';
import { kmsKeyNotDisabled } from './kms-key-not-disabled';
import { kmsKeyPolicyNoPublicPrincipal } from './kms-key-policy-no-public-principal';
import { kmsKeyRotation } from './kms-key-rotation';

export const kmsControls: readonly Control[] = [kmsKeyRotation, kmsKeyDeletionWindow, kmsKeyPolicyNoPublicPrincipal, kmsKeyNotDisabled, kmsAliasTarget];
