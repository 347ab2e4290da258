/**
 * Shapes of AWS::CodeBuild::Project that several controls walk: the primary `Source` and every
 * `SecondarySources[]` entry, and the inline buildspecs in any of them. Each source is a view of the
 * resource rooted at it (`Source`, `SecondarySources[1]`), so reads through it record UNKNOWNs with their
 * full path and findings take their paths from it.
 */
import type { ResourceView } from '../model';
import { isInlineBuildSpec, parseBuildSpec, type ParsedBuildSpec } from './buildspec';

/** `Source` plus one view per `SecondarySources[]` item (whatever its type); `view.path` names it. */
export function projectSources(view: ResourceView): ResourceView[] {
  const out: ResourceView[] = [view.at('Source')];
  for (const item of view.items('SecondarySources')) out.push(item.view);
  return out;
}

export interface InlineBuildSpec {
  /** Full path of the property: `Source.BuildSpec`, `SecondarySources[0].BuildSpec`. */
  path: string;
  text: string;
  parsed: ParsedBuildSpec;
}

/** Every inline buildspec of the project (paths to buildspec files are not inline and are skipped). */
export function inlineBuildSpecs(view: ResourceView): InlineBuildSpec[] {
  const out: InlineBuildSpec[] = [];
  for (const source of projectSources(view)) {
    const text = source.str('BuildSpec');
    if (text === undefined || !isInlineBuildSpec(text)) continue;
    out.push({ path: source.pathOf('BuildSpec'), text, parsed: parseBuildSpec(text) });
  }
  return out;
}

/**
 * The own key of `view` spelling `key` in any letter case (the exact spelling first), so a control reads
 * `Name`, `name` or `NAME` through the view. Returns `key` when there is none.
 */
export function keyCI(view: ResourceView, key: string): string {
  const props = view.properties;
  if (Object.prototype.hasOwnProperty.call(props, key)) return key;
  const lower = key.toLowerCase();
  for (const k of Object.keys(props)) if (k.toLowerCase() === lower) return k;
  return key;
}

/** One `Environment.EnvironmentVariables[]` item with a string `Name` (keys in any letter case). */
export interface ProjectEnvVar {
  name: string;
  /** The raw `Value` (read it through `view` at `valueKey` for a typed read). */
  value: unknown;
  /** `Type` as written (absent or not a string: undefined, i.e. PLAINTEXT). */
  type: string | undefined;
  /** `Environment.EnvironmentVariables[2]`. */
  path: string;
  view: ResourceView;
  /** The item's own spelling of `Value`. */
  valueKey: string;
}

/** The project's environment variables; items without a string `Name` are skipped, unresolved items are UNKNOWN. */
export function projectEnvVars(view: ResourceView): ProjectEnvVar[] {
  const out: ProjectEnvVar[] = [];
  for (const { view: item } of view.items('Environment.EnvironmentVariables')) {
    const name = item.get(keyCI(item, 'Name'));
    if (typeof name !== 'string') continue;
    const type = item.get(keyCI(item, 'Type'));
    const valueKey = keyCI(item, 'Value');
    out.push({ name, value: item.get(valueKey), type: typeof type === 'string' ? type : undefined, path: item.path, view: item, valueKey });
  }
  return out;
}
