import type { Control } from '../types';

export const lambdaControls: readonly Control[] = [];
