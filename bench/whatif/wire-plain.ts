/**
 * BENCH ONLY — never shipped. A stand-in for src/protocol/wire.ts that bench/run.mjs substitutes at build
 * time to measure what the plugin library's DTO path (dist/interface → reflect-metadata + class-transformer,
 * BaseDto.serialize) costs a cold start. Same exports and wire output; the library is used for types only
 * (erased at build), so its enums are checked against ours by the compiler instead of loaded at run time.
 */
import type {
  HandlerErrorCode as LibErrorCode,
  OperationStatus as LibStatus,
} from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib/dist/interface';

export const HookStatus = {
  Success: 'SUCCESS',
  Failed: 'FAILED',
  InProgress: 'IN_PROGRESS',
} as const satisfies Record<string, `${LibStatus}`>;
export type HookStatus = (typeof HookStatus)[keyof typeof HookStatus];

const LIB_CODES = {
  NotUpdatable: 'NotUpdatable',
  InvalidRequest: 'InvalidRequest',
  AccessDenied: 'AccessDenied',
  InvalidCredentials: 'InvalidCredentials',
  AlreadyExists: 'AlreadyExists',
  NotFound: 'NotFound',
  ResourceConflict: 'ResourceConflict',
  Throttling: 'Throttling',
  ServiceLimitExceeded: 'ServiceLimitExceeded',
  NotStabilized: 'NotStabilized',
  GeneralServiceException: 'GeneralServiceException',
  ServiceInternalError: 'ServiceInternalError',
  NetworkFailure: 'NetworkFailure',
  InternalFailure: 'InternalFailure',
  InvalidTypeConfiguration: 'InvalidTypeConfiguration',
} as const satisfies Record<keyof typeof LibErrorCode, `${LibErrorCode}`>;

export const ErrorCode = {
  ...LIB_CODES,
  HandlerInternalFailure: 'HandlerInternalFailure',
  NonCompliant: 'NonCompliant',
  UnsupportedTarget: 'UnsupportedTarget',
  Unknown: 'Unknown',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const INVOCATION_POINTS = ['CREATE_PRE_PROVISION', 'UPDATE_PRE_PROVISION', 'DELETE_PRE_PROVISION'] as const;
export type InvocationPoint = (typeof INVOCATION_POINTS)[number];

export type AnnotationStatus = 'PASSED' | 'FAILED' | 'SKIPPED';
export type SeverityLevel = 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

export interface HookAnnotation {
  annotationName: string;
  status: AnnotationStatus;
  statusMessage?: string;
  remediationMessage?: string;
  remediationLink?: string;
  severityLevel?: SeverityLevel;
}

export const LIMITS = {
  message: 1024,
  annotationName: 1024,
  statusMessage: 16384,
  remediationMessage: 16384,
  remediationLink: 5120,
} as const;

export const UNKNOWN_PREFIX = 'UNKNOWN: ';

export interface HookResponse {
  hookStatus: HookStatus;
  errorCode?: ErrorCode;
  message: string;
  clientRequestToken?: string;
  callbackDelaySeconds?: number;
  callbackContext?: Record<string, unknown>;
  annotations?: HookAnnotation[];
}

const FIELDS = ['hookStatus', 'errorCode', 'message', 'clientRequestToken', 'callbackDelaySeconds', 'callbackContext', 'annotations'] as const;

export class HookProgressEvent {
  hookStatus!: HookStatus;
  errorCode?: ErrorCode;
  message!: string;
  clientRequestToken?: string;
  callbackDelaySeconds?: number;
  callbackContext?: Record<string, unknown>;
  annotations?: HookAnnotation[];

  constructor(init: HookResponse) {
    Object.assign(this, init);
  }
}

/** Like BaseDto.serialize(): only the declared fields, JSON round trip, null/undefined dropped at the top level. */
export function toWire(event: HookProgressEvent): HookResponse {
  const out: Record<string, unknown> = {};
  for (const k of FIELDS) if (event[k] !== undefined && event[k] !== null) out[k] = event[k];
  return JSON.parse(JSON.stringify(out)) as HookResponse;
}
