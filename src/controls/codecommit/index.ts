import type { Control } from '../types';

export const codecommitControls: readonly Control[] = [];
