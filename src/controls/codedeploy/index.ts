import type { Control } from '../types';

export const codedeployControls: readonly Control[] = [];
