import type { Control } from '../types';

export const connectionsControls: readonly Control[] = [];
