/**
 * Shapes of AWS::CodeBuild::Project that several controls walk: the primary `Source` and every
 * `SecondarySources[]` entry, inline buildspecs in any of them, and the UPDATE comparison that tells a
 * weakening change from one that was already non-compliant.
 */
import { isInlineBuildSpec, parseBuildSpec, type ParsedBuildSpec } from './buildspec';

/** The part of the engine's resource view these helpers need (structural, so predicates stay below controls). */
export interface ViewReader {
  list(path: string): unknown[];
  str(path: string): string | undefined;
}

export interface SourceRef {
  /** For messages: `Source`, `SecondarySources[1]`. */
  label: string;
  /** For view reads: `Source`, `SecondarySources.1`. */
  base: string;
}

/** `Source` plus one entry per `SecondarySources[]` item (whatever its type). */
export function projectSources(view: ViewReader): SourceRef[] {
  const out: SourceRef[] = [{ label: 'Source', base: 'Source' }];
  view.list('SecondarySources').forEach((_s, i) => out.push({ label: `SecondarySources[${i}]`, base: `SecondarySources.${i}` }));
  return out;
}

export interface InlineBuildSpec {
  source: SourceRef;
  /** `Source.BuildSpec`, `SecondarySources[0].BuildSpec`. */
  label: string;
  /** View path of the property. */
  path: string;
  text: string;
  parsed: ParsedBuildSpec;
}

/** Every inline buildspec of the project (paths to buildspec files are not inline and are skipped). */
export function inlineBuildSpecs(view: ViewReader): InlineBuildSpec[] {
  const out: InlineBuildSpec[] = [];
  for (const source of projectSources(view)) {
    const path = `${source.base}.BuildSpec`;
    const text = view.str(path);
    if (text === undefined || !isInlineBuildSpec(text)) continue;
    out.push({ source, label: `${source.label}.BuildSpec`, path, text, parsed: parseBuildSpec(text) });
  }
  return out;
}

