/**
 * A real moto_server (python3 moto 5) for one test file: started on 127.0.0.1 on a free port, stopped by PID.
 * Missing moto_server fails loudly (`pip install 'moto[server]'`), never skips. moto is an emulator, not AWS:
 * a test that relies on how it answers says so where it does.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { get as httpGet } from 'node:http';
import { createServer } from 'node:net';

export const MOTO_CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing', sessionToken: 'testing' };

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url: string, proc: ChildProcess, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (proc.exitCode !== null) throw new Error(`moto_server exited with code ${proc.exitCode}`);
    try {
      await new Promise<void>((resolve, reject) => {
        // a one-shot request without keep-alive (fetch would leave a pooled socket open after the suite)
        const req = httpGet(url, { agent: false }, (res) => {
          res.resume();
          res.on('end', resolve);
        });
        req.on('error', reject);
      });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  throw new Error(`moto_server did not answer on ${url} within ${ms} ms`);
}

export interface Moto {
  endpoint: string;
  stop(): Promise<void>;
}

/** Start moto_server; `env` is added to its environment (e.g. INITIAL_NO_AUTH_ACTION_COUNT for IAM auth). */
export async function startMoto(env: Record<string, string> = {}): Promise<Moto> {
  try {
    execFileSync('sh', ['-c', 'command -v moto_server'], { stdio: 'pipe' });
  } catch {
    throw new Error("moto_server is not installed (pip install 'moto[server]>=5'): the AWS side cannot be tested");
  }
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const proc = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore', env: { ...process.env, ...env } });
  await waitForHttp(`${endpoint}/moto-api/`, proc, 20000);
  return {
    endpoint,
    async stop() {
      if (proc.pid && proc.exitCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        process.kill(proc.pid, 'SIGTERM');
        await exited;
      }
    },
  };
}
