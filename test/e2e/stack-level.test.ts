/**
 * Stack level on real CDK synth output: every stack of the hardened example passes every stack control
 * (STACK on create and update, CHANGE_SET); the insecure example is rejected at stack level.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runStack } from '../helpers/stack';

function templates(dir: string): string[] {
  const out: string[] = [];
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) out.push(...templates(p));
    else if (f.endsWith('.template.json')) out.push(p);
  }
  return out.sort();
}

const root = join(__dirname, '..', '..', 'examples');
const config = JSON.parse(readFileSync(join(root, 'hook-config.json'), 'utf8'));
const hookModel = config.CloudFormationConfiguration?.HookConfiguration?.Properties ?? config;

describe('hardened example: compliant at stack level', () => {
  test.each(templates(join(root, 'hardened', 'cdk.out')).map((f) => [f.slice(root.length + 1), f]))('%s', async (_n, file) => {
    const text = readFileSync(file, 'utf8');
    for (const [target, action] of [['STACK', 'CREATE'], ['STACK', 'UPDATE'], ['CHANGE_SET', 'CREATE']] as const) {
      const r = await runStack({ template: text, previousTemplate: action === 'UPDATE' ? text : '' }, { target, action, hookModel });
      const bad = r.evaluation?.outcomes.filter((o) => o.status !== 'PASS').map((o) => `${o.control.id} ${o.status}: ${JSON.stringify(o.findings)} ${JSON.stringify(o.unknowns)}`);
      expect({ target, action, bad, message: r.response.message }).toEqual({ target, action, bad: [], message: r.response.message });
      expect(r.response.hookStatus).toBe('SUCCESS');
    }
  });
});

describe('insecure example: rejected at stack level', () => {
  test('some stack control fails on the pipeline stack', async () => {
    const files = templates(join(root, 'insecure', 'cdk.out'));
    const failed: string[] = [];
    for (const f of files) {
      const r = await runStack({ template: readFileSync(f, 'utf8') }, { hookModel });
      for (const o of r.evaluation?.outcomes ?? []) if (o.status === 'FAIL') failed.push(o.control.id);
    }
    expect(failed.length).toBeGreaterThan(0);
  });
});
