/** The examples that ship synthesized under examples/<name>/cdk.out (scripts/synth-examples.mjs). */
import type { CloudAssembly, SynthOptions } from './common';
import { synthHardenedPipeline } from './hardened-pipeline';
import { synthInsecurePipeline } from './insecure-pipeline';

export const SHIPPED_EXAMPLES: Record<string, (options: SynthOptions) => CloudAssembly> = {
  insecure: synthInsecurePipeline,
  hardened: synthHardenedPipeline,
};
