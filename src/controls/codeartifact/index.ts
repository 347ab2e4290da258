import type { Control } from '../types';
import { codeartifactDomainCmk } from './codeartifact-domain-cmk';
import { codeartifactExternalConnections } from './codeartifact-external-connections';
import { codeartifactPolicyNotPublic } from './codeartifact-policy-not-public';

export const codeartifactControls: readonly Control[] = [codeartifactDomainCmk, codeartifactExternalConnections, codeartifactPolicyNotPublic];
