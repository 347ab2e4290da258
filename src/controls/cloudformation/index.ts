import type { Control } from '../types';
import { cfnNoHookDeclarations } from './cfn-no-hook-declarations';
import { stacksetInlineTemplate } from './stackset-inline-template';

export const cloudformationControls: readonly Control[] = [stacksetInlineTemplate, cfnNoHookDeclarations];
