import type { Control } from '../types';
import { logsLogGroupKmsEncryption } from './logs-log-group-kms-encryption';
import { logsLogGroupRetention } from './logs-log-group-retention';

export const logsControls: readonly Control[] = [logsLogGroupKmsEncryption, logsLogGroupRetention];
