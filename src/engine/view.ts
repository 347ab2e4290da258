/** The engine's resource view is the predicates' one implementation (src/predicates/view.ts). */
export { joinPath, PropertyView, SinkRecorder, splitPath, UnknownRecorder, type UnknownValue } from '../predicates/view';
