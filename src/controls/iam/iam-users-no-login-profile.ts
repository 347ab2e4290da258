import { defineControl } from '../types';

export const iamUsersNoLoginProfile = defineControl({
  id: 'CICD.IAM.14',
  slug: 'iam-users-no-login-profile',
  title: 'IAM users created by pipeline stacks have no console password (LoginProfile)',
  resourceTypes: ['AWS::IAM::User'],
  severity: 'MEDIUM',
  risks: ['CICD-SEC-6', 'CICD-SEC-2'],
  requirement: 'No long-term credentials: no passwords for identities defined in pipeline stacks (G-09, IAM-11).',
  rationale:
    'A LoginProfile gives the user a console password: a long-term credential that lives in the template or a parameter, is typed by humans and phished. Human access goes through IAM Identity Center, workloads through roles; a stack has no reason to create a console user.',
  remediation: 'Remove LoginProfile from the AWS::IAM::User (and the user itself if it only served CI); give people access through IAM Identity Center and workloads through roles.',
  check({ resource }) {
    if (!resource.has('LoginProfile')) return [];
    return [{ path: 'LoginProfile', message: 'LoginProfile gives the user a console password (long-term credential)' }];
  },
});
