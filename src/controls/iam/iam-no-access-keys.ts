import { defineControl } from '../types';

export const iamNoAccessKeys = defineControl({
  id: 'CICD.IAM.12',
  slug: 'iam-no-access-keys',
  title: 'Pipeline stacks create no active IAM access keys',
  resourceTypes: ['AWS::IAM::AccessKey'],
  severity: 'HIGH',
  risks: ['CICD-SEC-6', 'CICD-SEC-2'],
  requirement: 'No long-term credentials: pipelines authenticate with roles and OIDC federation, never with access keys (G-09).',
  rationale:
    'An IAM access key is a long-term credential: it does not expire, its secret ends up in stack outputs, parameters or CI variables, and a leaked key works from anywhere until someone notices. Pipelines get short-lived credentials from their service roles (CodeBuild, CodePipeline) or from OIDC federation (GitHub Actions, GitLab). An AWS::IAM::AccessKey therefore fails unless its Status is Inactive (absent Status means Active): an inactive key issues no credentials, deactivating a key is the first step of removing it, and switching it back to Active through the stack is rejected as a weakening.',
  remediation:
    'Delete the AWS::IAM::AccessKey and give the workload an IAM role instead: a CodeBuild/CodePipeline service role, or for external CI an OIDC provider (AWS::IAM::OIDCProvider) plus a role trusting sts:AssumeRoleWithWebIdentity. To retire an existing key, set Status: Inactive first, then remove the resource.',
  check({ resource }) {
    const status = resource.str('Status');
    if (status !== undefined && status.trim().toLowerCase() === 'inactive') return [];
    const message =
      status === undefined
        ? 'Status is missing (Active by default): AWS::IAM::AccessKey creates a long-term credential; use IAM roles or OIDC federation instead'
        : 'Status is Active: AWS::IAM::AccessKey creates a long-term credential; use IAM roles or OIDC federation instead';
    return [{ path: 'Status', message }];
  },
});
