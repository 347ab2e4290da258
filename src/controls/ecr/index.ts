import type { Control } from '../types';

export const ecrControls: readonly Control[] = [];
