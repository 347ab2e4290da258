import type { Control } from '../types';
import { secretCmk } from './secret-cmk';
import { secretNotInTemplate } from './secret-not-in-template';
import { secretResourcePolicyNotPublic } from './secret-resource-policy-not-public';

export const secretsmanagerControls: readonly Control[] = [secretCmk, secretNotInTemplate, secretResourcePolicyNotPublic];
