import type { Control } from '../types';
import { secretCmk } from './secret-cmk';
import { secretNotInTemplate } from './secret-not-in-template';

export const secretsmanagerControls: readonly Control[] = [secretCmk, secretNotInTemplate];
