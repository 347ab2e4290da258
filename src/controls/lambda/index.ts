import type { Control } from '../types';
import { lambdaEnvCmk } from './lambda-env-cmk';
import { lambdaEnvNoPlaintextSecrets } from './lambda-env-no-plaintext-secrets';
import { lambdaNotPublic } from './lambda-not-public';

export const lambdaControls: readonly Control[] = [lambdaEnvNoPlaintextSecrets, lambdaEnvCmk, lambdaNotPublic];
