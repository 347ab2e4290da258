import type { Control } from '../types';
import { cfnNoHookDeclarations } from './cfn-no-hook-declarations';
import { cfnNoPlatformStackNames } from './cfn-no-platform-stack-names';
import { stacksetInlineTemplate } from './stackset-inline-template';

export const cloudformationControls: readonly Control[] = [stacksetInlineTemplate, cfnNoHookDeclarations, cfnNoPlatformStackNames];
