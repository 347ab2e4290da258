import type { Control } from '../types';
import { ecsTaskNoPrivilegedContainers } from './ecs-task-no-privileged-containers';

export const ecsControls: readonly Control[] = [ecsTaskNoPrivilegedContainers];
