/**
 * Facts for CICD.IAM.22 (existing identities a resource references): what OUR fact source answers for a role,
 * a managed policy, an instance profile or a group (test/helpers/facts.ts table entries, keyed `'<kind> <ref>'`).
 * Data only; the AWS side of these facts is tested against moto in test/facts/.
 */
import { ACCOUNT, allow, CODEBUILD_TRUST, doc, type Stmt } from './fixtures';

export { ACCOUNT };

export const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
export const policyArn = (name: string) => `arn:aws:iam::${ACCOUNT}:policy/${name}`;
export const profileArn = (name: string) => `arn:aws:iam::${ACCOUNT}:instance-profile/${name}`;
export const groupArn = (name: string) => `arn:aws:iam::${ACCOUNT}:group/${name}`;

/** What a build needs: its log group and its artifact objects. */
export const LEAST = doc(
  allow(['logs:CreateLogStream', 'logs:PutLogEvents'], `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/aws/codebuild/ci-build:*`),
  allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::ci-artifacts/*'),
  allow('cloudformation:DescribeStacks', '*'),
);
export const ADMIN = doc(allow('*', '*'));
export const ESCALATION = doc(allow(['iam:PutRolePolicy', 'iam:AttachRolePolicy'], '*'));
/** Every action, split across two policies by the first letter of the action name (no statement is admin by itself). */
const letters = (from: string, to: string) => Array.from({ length: to.charCodeAt(0) - from.charCodeAt(0) + 1 }, (_, i) => `*:${String.fromCharCode(from.charCodeAt(0) + i)}*`);
export const SPLIT_A = doc(allow(letters('A', 'M'), '*'));
export const SPLIT_B = doc(allow(letters('N', 'Z'), '*'));

export const inline = (name: string, document: unknown) => ({ source: `inline:${name}`, document });
export const attached = (arn: string, document: unknown) => ({ source: arn, document });

export const roleFact = (name: string, ...policies: Array<{ source: string; document: unknown }>) => ({ arn: roleArn(name), trustPolicy: CODEBUILD_TRUST, policies });
export const groupFact = (name: string, ...policies: Array<{ source: string; document: unknown }>) => ({ arn: groupArn(name), policies });
export const profileFact = (name: string, ...roles: string[]) => ({ arn: profileArn(name), roles });
export const policyFact = (arn: string, document: unknown) => ({ arn, document });

/** Least privilege: an inline policy, a customer-managed policy and a read-only AWS managed policy (judged by the bundle). */
export const LEAST_ROLE = roleFact(
  'ci-build',
  inline('build', LEAST),
  attached(policyArn('ci-build-reports'), doc(allow(['codebuild:CreateReport', 'codebuild:UpdateReport'], `arn:aws:codebuild:eu-west-1:${ACCOUNT}:report-group/ci-build-*`))),
  attached('arn:aws:iam::aws:policy/job-function/ViewOnlyAccess', undefined),
);
export const ADMIN_INLINE_ROLE = roleFact('ci-admin-inline', inline('build', LEAST), inline('everything', ADMIN));
export const ADMIN_ATTACHED_ROLE = roleFact('ci-admin-attached', attached(policyArn('ci-everything'), ADMIN));
/** AdministratorAccess attached: the lookup's document is not needed, the bundle judges it. */
export const AWS_ADMIN_ROLE = roleFact('ci-admin-aws', attached('arn:aws:iam::aws:policy/AdministratorAccess', undefined));
export const ESCALATION_ROLE = roleFact('ci-escalate', inline('build', LEAST), inline('grow', ESCALATION));
export const SPLIT_ROLE = roleFact('ci-split', inline('first-half', SPLIT_A), attached(policyArn('second-half'), SPLIT_B));
/** iam:PutRolePolicy on every role, as role/<c>* for every first character split across an inline and an attached policy. */
const EVERY_ROLE = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'].map((c) => `arn:aws:iam::${ACCOUNT}:role/${c}*`);
export const SPLIT_RESOURCES_ROLE = roleFact('ci-split-resources', inline('a-to-e', doc(allow('iam:PutRolePolicy', EVERY_ROLE.slice(0, 31)))), attached(policyArn('f-to-9'), doc(allow('iam:PutRolePolicy', EVERY_ROLE.slice(31)))));

export type Facts = Record<string, unknown>;
export const roleFacts = (...roles: Array<ReturnType<typeof roleFact>>): Facts => Object.fromEntries(roles.map((r) => [`iam.role ${r.arn}`, r]));

export type { Stmt };
