import type { Control } from '../types';

export const kmsControls: readonly Control[] = [];
