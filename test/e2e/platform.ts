/** The type configuration a platform team would deploy for the example accounts (no exemptions). */
import { CONNECTION_ARN, PROD_ACCOUNT, UAT_ACCOUNT } from '../../examples/cdk/common';
import { BOUNDARY_POLICY_NAME } from '../../examples/cdk/hardened-pipeline';
import { ALL_CONTROLS } from '../../src/controls';

export const PLATFORM_CONFIG = {
  ProductionAccountIds: [PROD_ACCOUNT],
  // the UAT stage account receives the artifact key and bucket (CDK Pipelines cross-account deploy roles)
  TrustedAccountIds: [UAT_ACCOUNT],
  AllowedConnectionArns: [CONNECTION_ARN],
  PermissionsBoundaryArn: `arn:\${AWS::Partition}:iam::\${AWS::AccountId}:policy/${BOUNDARY_POLICY_NAME}`,
};

/**
 * A control ID, checked against the catalogue: the control must exist and carry the expected slug (so a
 * renumbered or missing control fails the test with a clear message instead of passing vacuously).
 */
export function ctl(id: string, slug: string): string {
  const c = ALL_CONTROLS.find((x) => x.id === id);
  if (!c) throw new Error(`control ${id} (${slug}) is not in the catalogue`);
  if (c.slug !== slug) throw new Error(`control ${id} is ${c.slug}, expected ${slug}`);
  return id;
}
