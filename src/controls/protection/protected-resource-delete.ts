import { NAME_PROPERTY, PROTECTABLE_TYPES, protectedKeyReason, protectedMatch } from '../../predicates/protected-names';
import { defineControl } from '../types';

export const protectedResourceDelete = defineControl({
  id: 'CICD.PROTECT.1',
  slug: 'protected-resource-delete',
  ignoresScope: true,
  title: 'Protected audit and logging resources are not deleted through CloudFormation',
  resourceTypes: [...PROTECTABLE_TYPES, 'AWS::S3::BucketPolicy', 'AWS::KMS::Key'],
  actions: ['DELETE'],
  severity: 'HIGH',
  risks: ['CICD-SEC-10', 'CICD-SEC-9'],
  requirement: 'Audit and logging resources cannot be deleted (G-08): artifact and log buckets and their policies, log groups, trails, and the keys and aliases that encrypt them stay in place.',
  rationale:
    'Removing a resource from a template, or deleting its stack, deletes it: a developer who controls the pipeline stack could erase the trail, the log group or the log bucket that would show what they did, or the alias through which artifacts are encrypted. The platform lists protected names as globs in ProtectedResourceNames; a delete request whose resource carries a matching BucketName, LogGroupName, TrailName or AliasName (compared with and without the alias/ prefix, case-insensitively) fails. Deleting the AWS::S3::BucketPolicy of a protected bucket (its Bucket property matches) fails too: without it the bucket loses its TLS-only, deny-delete and log-delivery statements. An AWS::KMS::Key has no name; on a delete the hook sees only the key, not who uses it, so a key counts as protected when its Description matches a pattern or its key policy lets a log-delivery service (cloudtrail.amazonaws.com, delivery.logs.amazonaws.com, logs[.<region>].amazonaws.com) encrypt with it. Every other delete passes. Limits: only an explicit name can be matched — a resource whose physical name CloudFormation generates has no name in its properties and is not recognised (give protected resources explicit names); a key used by a protected resource that neither names itself in its Description nor grants a log service is not recognised (the deletion waiting period, CICD.KMS.2, still applies; a stack-level evaluation can follow the references); deletions outside CloudFormation need SCPs.',
  remediation:
    'Keep the resource (bucket policy, key) in the template (or set DeletionPolicy: Retain and let the platform team remove it). If it really must go, the platform team removes its name from ProtectedResourceNames in the hook type configuration first.',
  cdkHint: 'removalPolicy: RemovalPolicy.RETAIN on the construct (DeletionPolicy: Retain)',
  parameters: ['ProtectedResourceNames'],
  check({ resource, resourceType, settings }) {
    if (resourceType === 'AWS::KMS::Key') {
      const reason = protectedKeyReason(resource, settings.ProtectedResourceNames);
      if (reason === undefined) return [];
      return [{ path: reason.path, message: `${reason.path}: the KMS key is protected because ${reason.why}: deleting it would make the audit evidence it encrypts unreadable; deletion through CloudFormation is blocked` }];
    }
    const property = NAME_PROPERTY[resourceType];
    if (property === undefined) return [];
    const match = protectedMatch(resourceType, resource.str(property), settings.ProtectedResourceNames);
    if (match === undefined) return [];
    if (resourceType === 'AWS::S3::BucketPolicy') {
      return [{ path: property, message: `${property} "${match.name}" matches the protected pattern "${match.pattern}" (ProtectedResourceNames): the policy of the protected bucket would be deleted; deletion through CloudFormation is blocked; the platform team must lift the protection in the hook type configuration` }];
    }
    return [
      {
        path: property,
        message: `${property} "${match.name}" matches the protected pattern "${match.pattern}" (ProtectedResourceNames): deletion through CloudFormation is blocked; the platform team must lift the protection in the hook type configuration`,
      },
    ];
  },
});
