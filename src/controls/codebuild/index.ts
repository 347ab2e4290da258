import type { Control } from '../types';
import { codebuildPrivilegedMode } from './privileged-mode';

export const codebuildControls: readonly Control[] = [codebuildPrivilegedMode];
