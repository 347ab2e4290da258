import type { Control } from '../types';
import { connectionHosts } from './connection-hosts';
import { connectionProviderTypes } from './connection-provider-types';

export const connectionsControls: readonly Control[] = [connectionProviderTypes, connectionHosts];
