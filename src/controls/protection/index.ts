import type { Control } from '../types';

export const protectionControls: readonly Control[] = [];
