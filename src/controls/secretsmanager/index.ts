import type { Control } from '../types';

export const secretsmanagerControls: readonly Control[] = [];
