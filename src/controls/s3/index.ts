import type { Control } from '../types';
import { s3BucketAccessLogging } from './s3-bucket-access-logging';
import { s3BucketKmsEncryption } from './s3-bucket-kms-encryption';
import { s3BucketPolicyNoPublicPrincipal } from './s3-bucket-policy-no-public-principal';
import { s3BucketPolicyTlsOnly } from './s3-bucket-policy-tls-only';
import { s3BucketPublicAccessBlock } from './s3-bucket-public-access-block';
import { s3BucketVersioning } from './s3-bucket-versioning';

export const s3Controls: readonly Control[] = [
  s3BucketKmsEncryption,
  s3BucketVersioning,
  s3BucketAccessLogging,
  s3BucketPublicAccessBlock,
  s3BucketPolicyTlsOnly,
  s3BucketPolicyNoPublicPrincipal,
];
