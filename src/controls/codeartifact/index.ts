import type { Control } from '../types';

export const codeartifactControls: readonly Control[] = [];
