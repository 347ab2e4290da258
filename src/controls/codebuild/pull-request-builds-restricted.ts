import { keyCI } from '../../predicates/codebuild';
import { defineControl, type Finding, type ResourceView } from '../types';

/** Events that build code from a pull request before anyone trusted has merged it. */
const UNTRUSTED_EVENTS = ['PULL_REQUEST_CREATED', 'PULL_REQUEST_UPDATED', 'PULL_REQUEST_REOPENED', 'PULL_REQUEST_CLOSED'];
const ALL_EVENTS = ['PUSH', ...UNTRUSTED_EVENTS, 'PULL_REQUEST_MERGED', 'RELEASED', 'PRERELEASED', 'WORKFLOW_JOB_QUEUED'];
/**
 * Who can the pattern NOT keep out? CodeBuild matches a filter pattern anywhere in the value (a search, not
 * a full match), so the pattern is run, as a regular expression, against IDs nobody trusted: arbitrary
 * GitHub user IDs, and every literal number of the pattern with a digit before or after it (an unanchored
 * `12345` lets user 9123459 in). Judged by behaviour, not by text: `.*`, `\\d+`, `[0-9]+`, `.+`, `^$|.*`,
 * `(12345|.*)`, `12345|` all fail, `^(12345|67890)$` passes. A pattern that is not a regular expression the
 * hook can run is not a restriction either.
 */
const STRANGER_IDS = ['1', '0', '7', '42', '1000', '99999999', '123456789', '4294967297'];
const STRANGER_REPOS = ['attacker/evil', 'x', 'zz-untrusted-repo-42', 'EVIL_REPO'];

export function strangerMatched(pattern: string | undefined, kind: 'actor' | 'repository'): string | undefined {
  if (pattern === undefined) return 'no pattern';
  let re: RegExp;
  try {
    re = new RegExp(pattern);
  } catch {
    return pattern.trim() === '*' ? 'matches every name' : 'is not a regular expression the hook can evaluate';
  }
  const probes = [...(kind === 'actor' ? STRANGER_IDS : STRANGER_REPOS)];
  const literals: string[] = kind === 'actor' ? pattern.match(/\d+/g) ?? [] : pattern.match(/[A-Za-z0-9_.-]{2,}/g) ?? [];
  for (const lit of literals.slice(0, 50)) probes.push(kind === 'actor' ? `9${lit}` : `x${lit}`, kind === 'actor' ? `${lit}9` : `${lit}x`, kind === 'actor' ? `9${lit}9` : `evil/${lit}-fork`);
  // an ID the pattern spells out is one it trusts on purpose (`^1$` trusts user 1), not a stranger
  for (const probe of probes) if (!literals.includes(probe) && re.test(probe)) return `matches the untrusted ${kind === 'actor' ? 'actor ID' : 'repository name'} ${probe}`;
  return undefined;
}

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
  const approval = requiresApproval(view);
  const groups = view.items('Triggers.FilterGroups');
  if (groups.length === 0) {
    if (approval) return [];
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
    const actors = filters.filter((f) => f.type === 'ACTOR_ACCOUNT_ID' && !f.exclude);
    const actorLeaks = actors.map((f) => strangerMatched(f.pattern, 'actor'));
    const actorRestricted = actorLeaks.some((r) => r === undefined);
    const leak = actors.length > 0 && !actorRestricted ? ` (its ACTOR_ACCOUNT_ID pattern ${actorLeaks[0]})` : '';
    // GitHub Actions runner projects: a queued workflow job of any repository and any actor gets a runner
    const runner = filters.some((f) => f.type === 'EVENT' && !f.exclude && (f.pattern ?? '').toUpperCase().split(',').some((e) => e.trim() === 'WORKFLOW_JOB_QUEUED'));
    if (runner) {
      const repos = filters.filter((f) => f.type === 'REPOSITORY_NAME' && !f.exclude);
      const repoLeaks = repos.map((f) => strangerMatched(f.pattern, 'repository'));
      const repoRestricted = repoLeaks.some((r) => r === undefined);
      const missing = [actorRestricted ? '' : `an ACTOR_ACCOUNT_ID filter limiting who can run jobs${leak}`, repoRestricted ? '' : `a REPOSITORY_NAME filter limiting which repositories can${repos.length > 0 ? ` (its pattern ${repoLeaks[0]})` : ''}`].filter((x) => x !== '');
      if (missing.length > 0) findings.push({ path: group.view.path, message: `${group.view.path} gives GitHub Actions runners to WORKFLOW_JOB_QUEUED events without ${missing.join(' and ')}` });
    }
    const untrusted = UNTRUSTED_EVENTS.filter((e) => events.has(e));
    if (untrusted.length === 0 || approval) continue;
    if (!actorRestricted) {
      findings.push({
        path: group.view.path,
        message: `${group.view.path} builds ${untrusted.join(', ')} events without an ACTOR_ACCOUNT_ID filter limiting who can trigger them${leak}`,
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
    'A webhook that builds pull requests runs code and build instructions written by whoever opened the pull request (a fork, a compromised account), with the project role credentials: poisoned pipeline execution. Every filter group that builds PULL_REQUEST_CREATED, _UPDATED, _REOPENED or _CLOSED events (also when no EVENT filter or an excluding one lets them through) must include an ACTOR_ACCOUNT_ID filter that is not excluded and keeps strangers out, unless Triggers.PullRequestBuildPolicy.RequiresCommentApproval is ALL_PULL_REQUESTS or FORK_PULL_REQUESTS. PULL_REQUEST_MERGED is not counted: it builds code that has passed the repository review. Patterns are judged by behaviour: CodeBuild searches the pattern anywhere in the actor ID, so it is run against untrusted IDs (1, 99999999, ... and each number of the pattern with a digit added before or after); one that matches any of them (.*, \\d+, [0-9]+, .+, an alternation with a match-all member, a missing ^ or $) or that is not a readable regular expression is no restriction. GitHub Actions runner projects (an EVENT filter with WORKFLOW_JOB_QUEUED) need both an ACTOR_ACCOUNT_ID and a REPOSITORY_NAME filter that keep strangers out, whatever the comment-approval policy.',
  remediation:
    'Add {Type: ACTOR_ACCOUNT_ID, Pattern: "^(12345|67890)$"} (the IDs of trusted repository users) to every filter group with pull-request events, or set Triggers.PullRequestBuildPolicy {RequiresCommentApproval: ALL_PULL_REQUESTS, ApproverRoles: [...]} so a maintainer approves each build by comment. Keep pull-request projects separate from deploy projects and give them a role without deploy permissions.',
  cdkHint:
    "webhookFilters: [codebuild.FilterGroup.inEventOf(codebuild.EventAction.PULL_REQUEST_CREATED, codebuild.EventAction.PULL_REQUEST_UPDATED).andActorAccountIs('12345|67890')]",
  check({ resource }) {
    return evaluate(resource);
  },
});
