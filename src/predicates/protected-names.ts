/**
 * Which resources are protected by the platform's `ProtectedResourceNames` globs. Only the explicit name
 * property of a resource can be matched; a resource whose physical name CloudFormation generates has no
 * name in its properties and cannot be recognised here.
 */
import { globMatch } from './glob';

/** The property that carries each protectable type's name. */
export const NAME_PROPERTY: Readonly<Record<string, string>> = {
  'AWS::S3::Bucket': 'BucketName',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::CloudTrail::Trail': 'TrailName',
  'AWS::KMS::Alias': 'AliasName',
};

export const PROTECTABLE_TYPES: readonly string[] = Object.keys(NAME_PROPERTY);

export interface ProtectedMatch {
  /** The name property, e.g. `BucketName`. */
  property: string;
  name: string;
  pattern: string;
}

/** Forms of a name compared with the patterns: KMS aliases with and without the `alias/` prefix. */
function nameForms(resourceType: string, name: string): string[] {
  const n = name.trim();
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
