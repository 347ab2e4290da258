import type { Control } from '../types';

export const iamControls: readonly Control[] = [];
