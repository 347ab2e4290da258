/**
 * Where each IAM identity type carries its identity policy document, for cases that run one policy
 * document against every type (data only; no assertions here). Written out by hand, independently of
 * src/predicates/iam.ts: test/meta.test.ts checks the pairs against the control registry.
 */
import type { Properties } from '../../helpers/cases';
import { CODEBUILD_TRUST } from './fixtures';

/** Types with inline `Policies[].PolicyDocument`. */
export const INLINE_TYPES = ['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'] as const;
/** Types with one `PolicyDocument`. */
export const DOCUMENT_TYPES = ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::RolePolicy', 'AWS::IAM::UserPolicy', 'AWS::IAM::GroupPolicy'] as const;
/** Every identity-policy type. */
export const IDENTITY_TYPES: readonly string[] = [...INLINE_TYPES, ...DOCUMENT_TYPES];

const isInline = (type: string) => (INLINE_TYPES as readonly string[]).includes(type);

/** The resource of `type` without any policy document: the properties that are not the document. */
export function bare(type: string): Properties {
  switch (type) {
    case 'AWS::IAM::Role':
      return { AssumeRolePolicyDocument: CODEBUILD_TRUST };
    case 'AWS::IAM::User':
      return { UserName: 'ci-user' };
    case 'AWS::IAM::Group':
      return { GroupName: 'ci-group' };
    case 'AWS::IAM::Policy':
      return { PolicyName: 'build', Roles: ['ci-build'] };
    case 'AWS::IAM::ManagedPolicy':
      return { Roles: ['ci-build'] };
    case 'AWS::IAM::RolePolicy':
      return { PolicyName: 'build', RoleName: 'ci-build' };
    case 'AWS::IAM::UserPolicy':
      return { PolicyName: 'build', UserName: 'ci-user' };
    case 'AWS::IAM::GroupPolicy':
      return { PolicyName: 'build', GroupName: 'ci-group' };
    default:
      throw new Error(`not an identity-policy type: ${type}`);
  }
}

/** The property path of the (first) policy document on `type`. */
export function docPath(type: string): string {
  return isInline(type) ? 'Policies[0].PolicyDocument' : 'PolicyDocument';
}

/** The property path of statement `i` of that document (`[n]` path style). */
export function statementPath(type: string, i?: number): string {
  return `${docPath(type)}.Statement${i === undefined ? '' : `[${i}]`}`;
}

/** `document` placed where `type` carries it: `Policies[0].PolicyDocument` or `PolicyDocument`. */
export function withPolicy(type: string, document: unknown): Properties {
  return isInline(type) ? { ...bare(type), Policies: [{ PolicyName: 'inline', PolicyDocument: document }] } : { ...bare(type), PolicyDocument: document };
}

/** The same, as a per-type value for a case's `properties` / `previous`. */
export const identity = (document: unknown) => (type: string): Properties => withPolicy(type, document);

/** The document block missing: an inline policy without PolicyDocument, or a policy resource without one. */
export function withoutDocument(type: string): Properties {
  return isInline(type) ? { ...bare(type), Policies: [{ PolicyName: 'inline' }] } : bare(type);
}
