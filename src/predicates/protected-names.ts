/**
 * Which resources are protected by the platform's `ProtectedResourceNames` globs. Only the explicit name
 * property of a resource can be matched; a resource whose physical name CloudFormation generates has no
 * name in its properties and cannot be recognised here.
 */
import type { ResourceView } from '../model';
import { globMatch } from './glob';
import { grantsAction, parsePolicy } from './policy';

/** The property that carries each protectable type's name. */
export const NAME_PROPERTY: Readonly<Record<string, string>> = {
  'AWS::S3::Bucket': 'BucketName',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::CloudTrail::Trail': 'TrailName',
  'AWS::KMS::Alias': 'AliasName',
  // the policy of a bucket is protected with the bucket: its Bucket property names the bucket
  'AWS::S3::BucketPolicy': 'Bucket',
};

/** Types whose own settings the update protection compares (CICD.PROTECT.2). */
export const PROTECTABLE_TYPES: readonly string[] = ['AWS::S3::Bucket', 'AWS::Logs::LogGroup', 'AWS::CloudTrail::Trail', 'AWS::KMS::Alias'];

export interface ProtectedMatch {
  /** The name property, e.g. `BucketName`. */
  property: string;
  name: string;
  pattern: string;
}

/** Forms of a name compared with the patterns: KMS aliases with and without the `alias/` prefix. */
function nameForms(resourceType: string, name: string): string[] {
  const n = name.trim();
  if (resourceType === 'AWS::S3::BucketPolicy') return [n.replace(/^arn:[a-z-]+:s3:::/i, '')];
  if (resourceType !== 'AWS::KMS::Alias') return [n];
  const bare = n.replace(/^alias\//i, '');
  return [bare, `alias/${bare}`];
}

/**
 * The first protected pattern the name matches (case-insensitively: bucket names are lower case anyway,
 * and a protection list must not be dodged by letter case), or undefined.
 */
export function protectedMatch(resourceType: string, name: string | undefined, patterns: readonly string[]): ProtectedMatch | undefined {
  const property = NAME_PROPERTY[resourceType];
  if (property === undefined || name === undefined || name.trim() === '') return undefined;
  const forms = nameForms(resourceType, name);
  for (const raw of patterns) {
    const pattern = raw.trim();
    if (pattern === '') continue;
    if (forms.some((f) => globMatch(pattern, f, { caseInsensitive: true }))) return { property, name: name.trim(), pattern };
  }
  return undefined;
}

/**
 * Why a KMS key counts as encrypting protected audit evidence, or undefined. On a RESOURCE delete the hook
 * sees only the key's own properties, not which resources use it, so a key is recognised by what it says
 * about itself: its Description matches a ProtectedResourceNames pattern, or its key policy allows a
 * log-delivery service (CloudTrail, CloudWatch Logs, vended log delivery) to encrypt with it — a key those
 * services may encrypt with holds audit evidence, whatever it is called. A key whose Description and policy
 * say neither is not recognised (a stack-level evaluation can follow the references instead).
 */
export function protectedKeyReason(key: ResourceView, patterns: readonly string[]): { path: string; why: string } | undefined {
  const raw = key.get('Description');
  const description = typeof raw === 'string' ? raw.trim() : undefined;
  if (description) {
    for (const p of patterns) {
      const pattern = p.trim();
      if (pattern !== '' && globMatch(pattern, description, { caseInsensitive: true })) return { path: 'Description', why: `its Description matches the protected pattern "${pattern}" (ProtectedResourceNames)` };
    }
  }
  const policy = parsePolicy(key.get('KeyPolicy'));
  for (const st of policy.statements) {
    if (st.effect !== 'Allow') continue;
    const service = st.principals.find((p) => p.toLowerCase().startsWith('service:') && isKeyLogService(p.slice('service:'.length)));
    if (service === undefined) continue;
    if (!(grantsAction(st, 'kms:generatedatakey') || grantsAction(st, 'kms:encrypt'))) continue;
    return { path: `KeyPolicy.Statement[${st.index}]`, why: `its key policy lets ${service.slice('service:'.length).trim()} encrypt with it (it encrypts audit logs)` };
  }
  return undefined;
}

/** Services that encrypt audit logs with a customer key: CloudTrail, CloudWatch Logs (regional), vended log delivery. */
function isKeyLogService(principal: string): boolean {
  const p = principal.trim().toLowerCase();
  return p === 'cloudtrail.amazonaws.com' || p === 'delivery.logs.amazonaws.com' || p === 'logs.amazonaws.com' || /^logs\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.test(p);
}
