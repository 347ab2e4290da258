import type { Control } from '../types';

export const codepipelineControls: readonly Control[] = [];
