import type { Control } from '../types';
import { messagingPolicyNotPublic } from './messaging-policy-not-public';
import { eventsStartOverrides } from './start-overrides';

/** In ID order. */
export const eventsControls: readonly Control[] = [
  eventsStartOverrides, // 1
  messagingPolicyNotPublic, // 2
];
