import type { Control } from '../types';

export const logsControls: readonly Control[] = [];
