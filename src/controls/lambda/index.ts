import type { Control } from '../types';
import { lambdaEnvCmk } from './lambda-env-cmk';
import { lambdaEnvNoPlaintextSecrets } from './lambda-env-no-plaintext-secrets';

export const lambdaControls: readonly Control[] = [lambdaEnvNoPlaintextSecrets, lambdaEnvCmk];
