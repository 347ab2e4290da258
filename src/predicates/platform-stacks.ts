/**
 * Which names a stack the template creates can take, against the platform's rollout stacks (PlatformStackNames,
 * globs over stack names). The platform's stacks are recognised by name only (a hook request carries the stack's
 * name and nothing about who made it), so a team that can give a stack a platform name gets that stack treated as
 * the platform's (CICD.CFN.2 lets it declare hooks). CICD.CFN.3 uses these tests on every way a template names a
 * stack:
 *
 * - a stack a CodePipeline CloudFormation action deploys (`Configuration.StackName`), or a stack created through
 *   Cloud Control (`AWS::CloudFormation::Stack` `StackName`): the name itself;
 * - a stack set (`StackSetName` of `AWS::CloudFormation::StackSet` or of a CloudFormationStackSet /
 *   CloudFormationStackInstances action): its instance stacks, named `StackSet-<stack set name>-<id>`, and the
 *   stack set's own name (the platform's stack set is named like its stacks in the deploy/ kit);
 * - a nested stack (`AWS::CloudFormation::Stack` in a template): CloudFormation names it
 *   `<parent stack name>-<logical ID>-<random suffix>` (the suffix is upper-case letters and digits), and shortens
 *   long names: the logical ID is cut (observed), so every non-empty start of the logical ID counts, and for a parent
 *   name over 64 characters every non-empty start of the parent's name too. A parent named `pipeline` with a nested
 *   stack `guard` makes `pipeline-guard-1A2B3C4D5E6F`, which `pipeline-guard-*` names: a nested stack can take a
 *   platform name without its parent having one.
 *
 * Names are literal, PlatformStackNames entries are globs (`*`, `?`, case-sensitive as stack names are). A
 * CodePipeline variable (`#{variables.Env}`, `#{SourceVariables.BranchName}`) is resolved per run and can be set by
 * whoever starts the run or pushes the branch: it counts as `*`.
 */
import { globsIntersect, instancesMatch } from './hook-rights';

/** A stack ARN (`arn:aws:cloudformation:<region>:<account>:stack/<name>/<id>`): CloudFormation takes one for a name. */
const STACK_ARN = /^arn:[^:]*:cloudformation:[^:]*:[^:]*:stack\/([^/]+)(?:\/|$)/;
/** A CodePipeline variable reference, resolved when the action runs. */
const PIPELINE_VARIABLE = /#\{[^}]*\}/g;

/** The names a stack-name value can stand for, as a glob: the name (of a stack ARN too), with `#{…}` as `*`. */
export function stackNameGlob(value: string): string {
  const v = value.trim();
  const arn = STACK_ARN.exec(v);
  return (arn ? arn[1] : v).replace(PIPELINE_VARIABLE, '*');
}

/** Does the value hold a CodePipeline variable (its name is decided per run)? */
export function hasPipelineVariable(value: string): boolean {
  return /#\{[^}]*\}/.test(value);
}

/** The first PlatformStackNames glob a stack of this name (a `stackNameGlob`) can match. */
export function platformGlobOfStack(name: string, platform: readonly string[]): string | undefined {
  return platform.find((p) => globsIntersect(name, p));
}

export interface StackSetHit {
  glob: string;
  /** The instance stacks (`StackSet-<name>-<id>`) match, not (only) the stack set's own name. */
  instances: boolean;
}

/** The first PlatformStackNames glob a stack set of this name (a `stackNameGlob`), or its instance stacks, can match. */
export function platformGlobOfStackSet(name: string, platform: readonly string[]): StackSetHit | undefined {
  for (const p of platform) {
    if (instancesMatch(name, p)) return { glob: p, instances: true };
    if (globsIntersect(name, p)) return { glob: p, instances: false };
  }
  return undefined;
}

// A small NFA over a glob: the set of pattern positions reached after some text.

function closure(p: string, states: Iterable<number>): Set<number> {
  const out = new Set<number>();
  for (let i of states) {
    out.add(i);
    while (i < p.length && p[i] === '*') out.add(++i);
  }
  return out;
}

function step(p: string, states: ReadonlySet<number>, c: string): Set<number> {
  const next: number[] = [];
  for (const i of states) {
    if (i >= p.length) continue;
    if (p[i] === '*') next.push(i);
    else if (p[i] === '?' || p[i] === c) next.push(i + 1);
  }
  return closure(p, next);
}

/** From these positions, can the rest of the glob match `-` and then a non-empty run of letters and digits? */
function endsWithSuffix(p: string, states: ReadonlySet<number>): boolean {
  for (const i of step(p, states, '-')) {
    const rest = p.slice(i);
    if (rest !== '' && /^[A-Za-z0-9*?]+$/.test(rest)) return true;
  }
  return false;
}

/** Parent names longer than this may be shortened in their nested stacks' names (a margin below what is observed). */
const LONG_PARENT = 64;

/**
 * Can a nested stack (logical ID `logicalId`) of the stack `parent` get a name the PlatformStackNames glob `p`
 * matches? Its name is `<parent>-<logical ID>-<suffix>` with the logical ID possibly cut (and a long parent's name
 * too), the suffix letters and digits.
 */
export function nestedNameMatches(parent: string, logicalId: string, p: string): boolean {
  let states = closure(p, [0]);
  const parentStates = new Set<number>();
  for (const c of parent) {
    states = step(p, states, c);
    for (const s of states) parentStates.add(s);
    if (states.size === 0) break;
  }
  let atParent: Set<number>;
  if (parent.length > LONG_PARENT) {
    // any start of the parent's name, alone or followed by the logical ID
    if (endsWithSuffix(p, parentStates)) return true;
    atParent = parentStates;
  } else {
    atParent = states;
  }
  let cur = step(p, atParent, '-');
  for (const c of logicalId) {
    cur = step(p, cur, c);
    if (cur.size === 0) return false;
    if (endsWithSuffix(p, cur)) return true;
  }
  return false;
}

/** The first PlatformStackNames glob a nested stack's name can match. */
export function platformGlobOfNestedStack(parent: string, logicalId: string, platform: readonly string[]): string | undefined {
  return platform.find((p) => nestedNameMatches(parent, logicalId, p));
}
