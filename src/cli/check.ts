/** Placeholder until the local runner lands (issue: pipeline-guard check). */
import { UsageError } from './io';

export function checkCommand(_argv: string[]): number {
  throw new UsageError('check is not implemented yet');
}
