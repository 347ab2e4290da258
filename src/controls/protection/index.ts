import type { Control } from '../types';
import { protectedBucketPolicyLogDelivery } from './protected-bucket-policy-log-delivery';
import { protectedResourceDelete } from './protected-resource-delete';
import { protectedResourceUpdate } from './protected-resource-update';

export const protectionControls: readonly Control[] = [protectedResourceDelete, protectedResourceUpdate, protectedBucketPolicyLogDelivery];
