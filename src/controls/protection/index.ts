import type { Control } from '../types';
import { protectedResourceDelete } from './protected-resource-delete';
import { protectedResourceUpdate } from './protected-resource-update';

export const protectionControls: readonly Control[] = [protectedResourceDelete, protectedResourceUpdate];
