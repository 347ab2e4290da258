import type { Control } from '../types';

export const s3Controls: readonly Control[] = [];
