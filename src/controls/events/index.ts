import type { Control } from '../types';
import { eventsStartOverrides } from './start-overrides';

/** In ID order. */
export const eventsControls: readonly Control[] = [
  eventsStartOverrides, // 1
];
