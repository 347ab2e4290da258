/**
 * A ResourceView over a plain object that is not a property of the resource itself: the StartBuild
 * parameters a rule or schedule carries in a JSON string, read as the CodeBuild project properties they
 * override. It is the one view implementation (src/predicates/view.ts) with its UNKNOWNs handed to `sink`
 * with their paths in this view's coordinates; the owner maps them back to a path of the real resource.
 */
import { joinPath, PropertyView, SinkRecorder } from './view';

/** Where the UNKNOWNs of a detached view go: the full path (this view's coordinates) and why. */
export type UnknownSink = (path: string, why: string) => void;

/** `a.b` + `c[0].d` in the one path style (numeric segments as `[n]`). */
export const joinViewPath = joinPath;

export class ObjectView extends PropertyView {
  constructor(properties: Readonly<Record<string, unknown>>, sink: UnknownSink, path = '', value: unknown = properties) {
    super(properties, path, new SinkRecorder(sink), value);
  }
}
