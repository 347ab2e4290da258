import type { Control } from '../types';
import { cloudtrailCloudwatchLogs } from './cloudtrail-cloudwatch-logs';
import { cloudtrailLogFileValidation } from './cloudtrail-log-file-validation';
import { cloudtrailTrailKmsEncryption } from './cloudtrail-trail-kms-encryption';
import { cloudtrailTrailLogging } from './cloudtrail-trail-logging';

export const cloudtrailControls: readonly Control[] = [cloudtrailTrailKmsEncryption, cloudtrailLogFileValidation, cloudtrailTrailLogging, cloudtrailCloudwatchLogs];
