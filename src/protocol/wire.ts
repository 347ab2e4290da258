import type { Severity } from '../model';
/**
 * Wire vocabulary of the CloudFormation hook protocol. The plugin library covers resource providers;
 * its status and error-code enums and its DTO base class are reused, the hook-only parts are added.
 * Only `dist/interface` is imported: it loads without AWS SDK v2.
 */
import {
  BaseDto,
  HandlerErrorCode as LibErrorCode,
  OperationStatus,
} from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib/dist/interface';
import { Expose } from 'class-transformer';

export const HookStatus = {
  Success: OperationStatus.Success,
  Failed: OperationStatus.Failed,
  InProgress: OperationStatus.InProgress,
} as const;
export type HookStatus = (typeof HookStatus)[keyof typeof HookStatus];

/** The library's 15 codes plus the hook-only ones the CLI contract test accepts. */
export const ErrorCode = {
  ...LibErrorCode,
  HandlerInternalFailure: 'HandlerInternalFailure',
  NonCompliant: 'NonCompliant',
  UnsupportedTarget: 'UnsupportedTarget',
  Unknown: 'Unknown',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const INVOCATION_POINTS = ['CREATE_PRE_PROVISION', 'UPDATE_PRE_PROVISION', 'DELETE_PRE_PROVISION'] as const;
export type InvocationPoint = (typeof INVOCATION_POINTS)[number];

export type AnnotationStatus = 'PASSED' | 'FAILED' | 'SKIPPED';
/** The wire's annotation severity is the model's control severity. */
export type SeverityLevel = Severity;

export interface HookAnnotation {
  annotationName: string;
  status: AnnotationStatus;
  statusMessage?: string;
  remediationMessage?: string;
  remediationLink?: string;
  severityLevel?: SeverityLevel;
}

/** Field limits (API `Annotation`, response message as surfaced by HookStatusReason). */
export const LIMITS = {
  message: 1024,
  annotationName: 1024,
  statusMessage: 16384,
  remediationMessage: 16384,
  remediationLink: 5120,
} as const;

/** Prefix of an annotation statusMessage whose control could not be decided (fails closed in the hook). */
export const UNKNOWN_PREFIX = 'UNKNOWN: ';

/** Response fields in wire order. */
const WIRE_FIELDS = ['hookStatus', 'errorCode', 'message', 'clientRequestToken', 'callbackDelaySeconds', 'callbackContext', 'annotations'] as const;

export class HookProgressEvent extends BaseDto {
  @Expose() hookStatus!: HookStatus;
  @Expose() errorCode?: ErrorCode;
  @Expose() message!: string;
  @Expose() clientRequestToken?: string;
  @Expose() callbackDelaySeconds?: number;
  @Expose() callbackContext?: Record<string, unknown>;
  @Expose() annotations?: HookAnnotation[];

  /**
   * The library's serialize() runs class-transformer's instanceToPlain over the object graph; the hook
   * response is flat (plain annotation objects), so the same result — null and undefined fields omitted,
   * `errorCode` absent on SUCCESS — is a copy of the known fields, without the cost on the cold path.
   */
  override serialize(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key of WIRE_FIELDS) {
      const value = this[key];
      if (value !== undefined && value !== null) out[key] = value;
    }
    return out;
  }
}

/** The plain JSON object returned to CloudFormation. */
export interface HookResponse {
  hookStatus: HookStatus;
  errorCode?: ErrorCode;
  message: string;
  clientRequestToken?: string;
  callbackDelaySeconds?: number;
  callbackContext?: Record<string, unknown>;
  annotations?: HookAnnotation[];
}

export function toWire(event: HookProgressEvent): HookResponse {
  return event.serialize() as unknown as HookResponse;
}
