import type { Control } from '../types';
import { stacksetInlineTemplate } from './stackset-inline-template';

export const cloudformationControls: readonly Control[] = [stacksetInlineTemplate];
