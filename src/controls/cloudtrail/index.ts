import type { Control } from '../types';

export const cloudtrailControls: readonly Control[] = [];
