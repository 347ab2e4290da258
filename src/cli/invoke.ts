/** `pipeline-guard invoke <request.json | ->`: the real entrypoint on a raw request; prints the response. */
import { entrypoint } from '../handlers';
import { EXIT, parseArgs, readInput, UsageError } from './io';

export async function invokeCommand(argv: string[]): Promise<number> {
  const { positionals } = parseArgs(argv, []);
  if (positionals.length !== 1) throw new UsageError('usage: pipeline-guard invoke <request.json | ->');
  let text: string;
  try {
    text = readInput(positionals[0]);
  } catch (e) {
    process.stderr.write(`pipeline-guard: cannot read ${positionals[0]}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return EXIT.USAGE;
  }
  let event: unknown;
  try {
    event = JSON.parse(text);
  } catch {
    event = text; // not JSON: the hook answers InvalidRequest, as CloudFormation would see it
  }
  const response = await entrypoint(event);
  process.stdout.write(`${JSON.stringify(response, null, 2)}\n`);
  return response.hookStatus === 'SUCCESS' ? EXIT.OK : EXIT.FAIL;
}
