import type { Control } from '../types';
import { ecrCmkEncryption } from './ecr-cmk-encryption';
import { ecrImmutableTags } from './ecr-immutable-tags';
import { ecrPolicyNotPublic } from './ecr-policy-not-public';
import { ecrPullThroughUpstreams } from './ecr-pull-through-upstreams';
import { ecrScanOnPush } from './ecr-scan-on-push';

export const ecrControls: readonly Control[] = [ecrScanOnPush, ecrImmutableTags, ecrCmkEncryption, ecrPolicyNotPublic, ecrPullThroughUpstreams];
