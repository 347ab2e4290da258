import { NAME_PROPERTY, PROTECTABLE_TYPES, protectedMatch } from '../../predicates/protected-names';
import { defineControl } from '../types';

export const protectedResourceDelete = defineControl({
  id: 'CICD.PROTECT.1',
  slug: 'protected-resource-delete',
  title: 'Protected audit and logging resources are not deleted through CloudFormation',
  resourceTypes: PROTECTABLE_TYPES,
  actions: ['DELETE'],
  severity: 'HIGH',
  risks: ['CICD-SEC-10', 'CICD-SEC-9'],
  requirement: 'Audit and logging resources cannot be deleted (G-08): artifact and log buckets, log groups, trails and key aliases named by the platform stay in place.',
  rationale:
    'Removing a resource from a template, or deleting its stack, deletes it: a developer who controls the pipeline stack could erase the trail, the log group or the log bucket that would show what they did, or the alias through which artifacts are encrypted. The platform lists protected names as globs in ProtectedResourceNames; a delete request whose resource carries a matching BucketName, LogGroupName, TrailName or AliasName (compared with and without the alias/ prefix, case-insensitively) fails. Every other delete passes. Limits: only an explicit name can be matched — a resource whose physical name CloudFormation generates has no name in its properties and is not recognised (give protected resources explicit names); KMS keys have no name property and are covered by the deletion waiting period (CICD.KMS.2) and the alias protection; deletions outside CloudFormation need SCPs.',
  remediation:
    'Keep the resource in the template (or set DeletionPolicy: Retain and let the platform team remove it). If it really must go, the platform team removes its name from ProtectedResourceNames in the hook type configuration first.',
  parameters: ['ProtectedResourceNames'],
  check({ resource, resourceType, settings }) {
    const property = NAME_PROPERTY[resourceType];
    if (property === undefined) return [];
    const match = protectedMatch(resourceType, resource.str(property), settings.ProtectedResourceNames);
    if (match === undefined) return [];
    return [
      {
        path: property,
        message: `${property} "${match.name}" matches the protected pattern "${match.pattern}" (ProtectedResourceNames): deletion through CloudFormation is blocked; the platform team must lift the protection in the hook type configuration`,
      },
    ];
  },
});
