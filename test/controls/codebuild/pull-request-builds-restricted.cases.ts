import { defineCases } from '../../helpers/cases';
import { project } from './project';

const event = (Pattern: string, extra: Record<string, unknown> = {}) => ({ Type: 'EVENT', Pattern, ...extra });
const actor = (Pattern: string, extra: Record<string, unknown> = {}) => ({ Type: 'ACTOR_ACCOUNT_ID', Pattern, ...extra });
const gh = { Type: 'GITHUB', Location: 'https://github.com/acme/app.git' };
const triggers = (Triggers: Record<string, unknown>) => project({ Source: gh, Triggers });
const PR = 'PULL_REQUEST_CREATED, PULL_REQUEST_UPDATED, PULL_REQUEST_REOPENED';

export default defineCases({
  controlId: 'CICD.CODEBUILD.16',
  resourceType: 'AWS::CodeBuild::Project',
  cases: [
    { name: 'Triggers missing', absent: ['Triggers'], properties: project(), expect: 'PASS' },
    { name: 'webhook off', properties: triggers({ Webhook: false, FilterGroups: [[event(PR)]] }), expect: 'PASS' },
    { name: 'push builds only', properties: triggers({ Webhook: true, FilterGroups: [[event('PUSH'), { Type: 'HEAD_REF', Pattern: '^refs/heads/main$' }]] }), expect: 'PASS' },
    { name: 'merged pull requests only', properties: triggers({ Webhook: true, FilterGroups: [[event('PULL_REQUEST_MERGED'), { Type: 'BASE_REF', Pattern: '^refs/heads/main$' }]] }), expect: 'PASS' },
    { name: 'pull requests from trusted actors', properties: triggers({ Webhook: true, FilterGroups: [[event(PR), actor('^(1234567|7654321)$')], [event('PUSH')]] }), expect: 'PASS' },
    { name: 'comment approval required for all pull requests', properties: triggers({ Webhook: true, FilterGroups: [[event(PR)]], PullRequestBuildPolicy: { RequiresCommentApproval: 'ALL_PULL_REQUESTS', ApproverRoles: ['GITHUB_MAINTAIN', 'GITHUB_ADMIN'] } }), expect: 'PASS' },
    { name: 'pull requests from anyone', properties: triggers({ Webhook: true, FilterGroups: [[event(PR)]] }), expect: 'FAIL', messageIncludes: ['Triggers.FilterGroups[0]', 'ACTOR_ACCOUNT_ID'] },
    { name: 'webhook "True" without FilterGroups (every event builds)', absent: ['Triggers.FilterGroups'], properties: triggers({ Webhook: 'True' }), expect: 'FAIL', messageIncludes: 'without FilterGroups' },
    { name: 'approval policy DISABLED', properties: triggers({ Webhook: true, FilterGroups: [[event(PR)]], PullRequestBuildPolicy: { RequiresCommentApproval: 'DISABLED' } }), expect: 'FAIL' },
    { name: 'actor filter that excludes instead of allowing', properties: triggers({ Webhook: true, FilterGroups: [[event(PR), actor('^666$', { ExcludeMatchedPattern: true })]] }), expect: 'FAIL' },
    { name: 'actor filter matching everyone', properties: triggers({ Webhook: true, FilterGroups: [[event(PR), actor('.*')]] }), expect: 'FAIL' },
    { name: 'second group builds pull requests unfiltered', properties: triggers({ Webhook: true, FilterGroups: [[event(PR), actor('^1234567$')], [event('PUSH, PULL_REQUEST_UPDATED')]] }), expect: 'FAIL', messageIncludes: 'Triggers.FilterGroups[1]' },
    { name: 'EVENT filter excluding only PUSH lets pull requests through', properties: triggers({ Webhook: true, FilterGroups: [[event('PUSH', { ExcludeMatchedPattern: 'true' })]] }), expect: 'FAIL' },
    {
      name: 'update removes the actor filter',
      properties: triggers({ Webhook: true, FilterGroups: [[event(PR)]] }),
      previous: triggers({ Webhook: true, FilterGroups: [[event(PR), actor('^1234567$')]] }),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
    },
  ],
});
