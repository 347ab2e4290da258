/**
 * Builders for cases that attach AWS managed policies to roles, users and groups (data only; no assertions
 * here). The policies' content comes from the bundled documents (src/predicates/managed-policies.ts).
 */
import { CODEBUILD_TRUST } from './fixtures';

export const ATTACHING_TYPES = ['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'] as const;

const NAME = (t: string): Record<string, unknown> =>
  t === 'AWS::IAM::Role' ? { AssumeRolePolicyDocument: CODEBUILD_TRUST } : t === 'AWS::IAM::User' ? { UserName: 'ci-user' } : { GroupName: 'ci-group' };

/** The resource of type `t` attaching these managed policy ARNs. */
export const attaching =
  (...arns: unknown[]) =>
  (t: string): Record<string, unknown> => ({ ...NAME(t), ManagedPolicyArns: arns });

/** The resource without ManagedPolicyArns. */
export const withoutManaged = (t: string): Record<string, unknown> => NAME(t);

export const aws = (name: string, partition = 'aws') => `arn:${partition}:iam::aws:policy/${name}`;
