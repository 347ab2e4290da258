import type { Control } from '../types';
import { codecommitCmk } from './codecommit-cmk';

export const codecommitControls: readonly Control[] = [codecommitCmk];
