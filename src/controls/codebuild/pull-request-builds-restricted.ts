import { keyCI } from '../../predicates/codebuild';
import { defineControl, type Finding, type ResourceView } from '../types';

/** Events that build code from a pull request before anyone trusted has merged it. */
const UNTRUSTED_EVENTS = ['PULL_REQUEST_CREATED', 'PULL_REQUEST_UPDATED', 'PULL_REQUEST_REOPENED', 'PULL_REQUEST_CLOSED'];
const ALL_EVENTS = ['PUSH', ...UNTRUSTED_EVENTS, 'PULL_REQUEST_MERGED', 'RELEASED', 'PRERELEASED', 'WORKFLOW_JOB_QUEUED'];
/** Regex patterns that match every actor, i.e. no restriction. */
const MATCH_ALL = new Set(['', '.*', '.+', '^.*$', '^.+$', '^.*', '.*$', '^', '$', '^$|.*', '[\\s\\S]*', '(.*)', '\\d+', '^\\d+$', '[0-9]+', '^[0-9]+$', '^[0-9]*$', '\\d*', '[0-9]*']);

interface Filter {
  type?: string;
  pattern?: string;
  exclude?: boolean;
}

function requiresApproval(view: ResourceView): boolean {
  const v = view.str('Triggers.PullRequestBuildPolicy.RequiresCommentApproval')?.trim().toUpperCase();
  return v === 'ALL_PULL_REQUESTS' || v === 'FORK_PULL_REQUESTS';
}

function evaluate(view: ResourceView): Finding[] {
  if (view.bool('Triggers.Webhook') !== true) return [];
  if (requiresApproval(view)) return [];
  const groups = view.items('Triggers.FilterGroups');
  if (groups.length === 0) {
    return [{ path: 'Triggers.FilterGroups', message: 'Triggers.Webhook is on without FilterGroups: every pull request from anyone triggers a build' }];
  }
  const findings: Finding[] = [];
  for (const group of groups) {
    // a group is a list of filters (a single filter object counts as a one-element group)
    const filterViews = Array.isArray(group.value) ? view.items(group.view.path).map((f) => f.view) : [group.view];
    const filters: Filter[] = filterViews.map((f) => ({
      type: f.str(keyCI(f, 'Type'))?.trim().toUpperCase(),
      pattern: f.str(keyCI(f, 'Pattern')),
      exclude: f.bool(keyCI(f, 'ExcludeMatchedPattern')) === true,
    }));
    // Events of the group: the union of EVENT filters (an excluded list means every other event).
    let events = new Set<string>(ALL_EVENTS);
    for (const f of filters.filter((x) => x.type === 'EVENT')) {
      const listed = (f.pattern ?? '').split(',').map((e) => e.trim().toUpperCase()).filter((e) => e !== '');
      events = new Set([...events].filter((e) => (f.exclude ? !listed.includes(e) : listed.includes(e))));
    }
    const untrusted = UNTRUSTED_EVENTS.filter((e) => events.has(e));
    if (untrusted.length === 0) continue;
    const actorRestricted = filters.some((f) => f.type === 'ACTOR_ACCOUNT_ID' && !f.exclude && f.pattern !== undefined && !MATCH_ALL.has(f.pattern.trim()));
    if (!actorRestricted) {
      findings.push({
        path: group.view.path,
        message: `${group.view.path} builds ${untrusted.join(', ')} events without an ACTOR_ACCOUNT_ID filter limiting who can trigger them`,
      });
    }
  }
  return findings;
}

export const codebuildPullRequestBuildsRestricted = defineControl({
  id: 'CICD.CODEBUILD.16',
  slug: 'pull-request-builds-restricted',
  title: 'Pull-request builds run only for trusted contributors',
  resourceTypes: ['AWS::CodeBuild::Project'],
  severity: 'HIGH',
  risks: ['CICD-SEC-4', 'CICD-SEC-1'],
  requirement: 'Untrusted changes cannot execute in the pipeline before review (poisoned pipeline execution; S5, S10).',
  rationale:
    'A webhook that builds pull requests runs code and build instructions written by whoever opened the pull request (a fork, a compromised account), with the project role credentials: poisoned pipeline execution. Every filter group that builds PULL_REQUEST_CREATED, _UPDATED, _REOPENED or _CLOSED events (also when no EVENT filter or an excluding one lets them through) must include an ACTOR_ACCOUNT_ID filter that is not excluded and not a match-everything pattern, unless Triggers.PullRequestBuildPolicy.RequiresCommentApproval is ALL_PULL_REQUESTS or FORK_PULL_REQUESTS. PULL_REQUEST_MERGED is not counted: it builds code that has passed the repository review.',
  remediation:
    'Add {Type: ACTOR_ACCOUNT_ID, Pattern: "^(12345|67890)$"} (the IDs of trusted repository users) to every filter group with pull-request events, or set Triggers.PullRequestBuildPolicy {RequiresCommentApproval: ALL_PULL_REQUESTS, ApproverRoles: [...]} so a maintainer approves each build by comment. Keep pull-request projects separate from deploy projects and give them a role without deploy permissions.',
  check({ resource }) {
    return evaluate(resource);
  },
});
