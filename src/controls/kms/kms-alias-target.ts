import { classifyKey } from '../../predicates/cmk';
import { defineControl, type Finding } from '../types';

export const kmsAliasTarget = defineControl({
  id: 'CICD.KMS.5',
  slug: 'kms-alias-target',
  title: 'KMS aliases are customer aliases that name a customer-managed key',
  resourceTypes: ['AWS::KMS::Alias'],
  severity: 'LOW',
  risks: ['CICD-SEC-7'],
  requirement: 'Everything encrypted with KMS customer-managed keys (enterprise CI/CD guidance); key aliases are unambiguous.',
  rationale:
    'Pipelines refer to keys by alias, and the delete protection of keys works through alias names. An alias must therefore be in the customer namespace (AliasName starts with alias/ and not with the reserved alias/aws/) and point at a customer-managed key by key ID or ARN (TargetKeyId present, not an AWS-managed alias). AWS rejects most violations at deployment; the hook reports them before anything is provisioned, with the property named.',
  remediation:
    'Set AliasName to alias/<team>-<purpose> (not alias/aws/...) and TargetKeyId to the key ID or ARN of a customer-managed key.',
  cdkHint:
    "new kms.Key(this, 'Key', { alias: 'alias/team-purpose' }) or new kms.Alias(this, 'Alias', { aliasName: 'alias/team-purpose', targetKey: key })",
  check({ resource, facts }) {
    const findings: Finding[] = [];
    const name = resource.str('AliasName');
    if (name === undefined || name.trim() === '') {
      if (!resource.has('AliasName')) findings.push({ path: 'AliasName', message: 'AliasName is missing' });
      else findings.push({ path: 'AliasName', message: 'AliasName is not a string' });
    } else if (!/^alias\//i.test(name.trim())) {
      findings.push({ path: 'AliasName', message: 'AliasName does not start with alias/' });
    } else if (/^alias\/aws\//i.test(name.trim())) {
      findings.push({ path: 'AliasName', message: 'AliasName starts with alias/aws/, the namespace reserved for AWS-managed keys' });
    }
    const verdict = classifyKey(resource.str('TargetKeyId'), facts, 'TargetKeyId');
    if (verdict.kind === 'missing') findings.push({ path: 'TargetKeyId', message: 'TargetKeyId is missing' });
    else if (verdict.kind === 'aws-managed') findings.push({ path: 'TargetKeyId', message: `TargetKeyId is the AWS-managed key ${verdict.alias}` });
    else if (verdict.kind === 'unresolved') resource.unknown('TargetKeyId', 'the key reference is resolved only at deployment');
    return findings;
  },
});
