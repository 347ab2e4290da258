import type { Control } from '../types';
import { codedeployAutoRollback } from './codedeploy-auto-rollback';
import { codedeployNoAllAtOnceInProduction } from './codedeploy-no-all-at-once-in-production';

export const codedeployControls: readonly Control[] = [codedeployAutoRollback, codedeployNoAllAtOnceInProduction];
