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
    ...['\\d+', '[0-9]+', '.+', '^[0-9]{1,12}$', '^(1234567|.*)$', '1234567|', '(?:x)?', '^\\d*$'].map((p) => ({ name: `actor pattern ${p} lets strangers in`, properties: triggers({ Webhook: true, FilterGroups: [[event(PR), actor(p)]] }), expect: 'FAIL' as const, messageIncludes: 'matches the untrusted actor ID' })),
    { name: 'unanchored actor ID matches IDs that contain it', properties: triggers({ Webhook: true, FilterGroups: [[event(PR), actor('1234567')]] }), expect: 'FAIL', messageIncludes: 'matches the untrusted actor ID' },
    { name: 'actor ID anchored at the start only', properties: triggers({ Webhook: true, FilterGroups: [[event(PR), actor('^(1234567|7654321)')]] }), expect: 'FAIL', messageIncludes: 'matches the untrusted actor ID' },
    { name: 'actor pattern that is not a regular expression', properties: triggers({ Webhook: true, FilterGroups: [[event(PR), actor('(1234567')]] }), expect: 'FAIL', messageIncludes: 'not a regular expression' },
    { name: 'trusted actors written as \\A-free anchored alternation with spaces trimmed', properties: triggers({ Webhook: true, FilterGroups: [[event(PR), actor('^(?:1234567|7654321|42424242)$')]] }), expect: 'PASS' },
    { name: 'GitHub Actions runner project without actor and repository filters', properties: triggers({ Webhook: true, FilterGroups: [[event('WORKFLOW_JOB_QUEUED')]] }), expect: 'FAIL', messageIncludes: ['WORKFLOW_JOB_QUEUED', 'ACTOR_ACCOUNT_ID', 'REPOSITORY_NAME'] },
    { name: 'runner project with an actor filter but no repository filter', properties: triggers({ Webhook: true, FilterGroups: [[event('WORKFLOW_JOB_QUEUED'), actor('^1234567$')]] }), expect: 'FAIL', messageIncludes: 'REPOSITORY_NAME' },
    { name: 'runner project with a match-all repository filter, comment approval on', properties: triggers({ Webhook: true, FilterGroups: [[event('workflow_job_queued'), actor('^1234567$'), { Type: 'REPOSITORY_NAME', Pattern: '.*' }]], PullRequestBuildPolicy: { RequiresCommentApproval: 'ALL_PULL_REQUESTS' } }), expect: 'FAIL', messageIncludes: 'REPOSITORY_NAME' },
    { name: 'runner project limited to one repository and trusted actors', properties: triggers({ Webhook: true, FilterGroups: [[event('WORKFLOW_JOB_QUEUED'), actor('^(1234567|7654321)$'), { Type: 'REPOSITORY_NAME', Pattern: '^acme/app$' }]] }), expect: 'PASS' },
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
