/**
 * A real moto_server (python3 moto 5) for one test file: started on 127.0.0.1 on a free port, stopped by PID.
 * Missing moto_server fails loudly (`pip install 'moto[server]'`), never skips. moto is an emulator, not AWS:
 * a test that relies on how it answers says so where it does.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';

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

/** One HTTP exchange without keep-alive (a pooled socket would outlive the suite). */
export function http(url: string, method = 'GET', body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function waitForHttp(url: string, proc: ChildProcess, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (proc.exitCode !== null) throw new Error(`moto_server exited with code ${proc.exitCode}`);
    try {
      await http(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  throw new Error(`moto_server did not answer on ${url} within ${ms} ms`);
}

export interface Moto {
  endpoint: string;
  /** moto's IAM authorization on (0: every request is authorized from now on) or off (Infinity). */
  setAuth(on: boolean): Promise<void>;
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
    async setAuth(on) {
      // moto's /moto-api/reset-auth sets INITIAL_NO_AUTH_ACTION_COUNT and resets the request counter
      const r = await http(`${endpoint}/moto-api/reset-auth`, 'POST', on ? '0' : 'inf');
      if (r.status !== 200) throw new Error(`moto reset-auth answered ${r.status}`);
    },
    async stop() {
      if (proc.pid && proc.exitCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        process.kill(proc.pid, 'SIGTERM');
        await exited;
      }
    },
  };
}
/** A TCP server that accepts connections and never answers: a black hole for the deadline tests. */
export async function blackHole(): Promise<{ endpoint: string; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const srv: Server = createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        srv.close(() => resolve());
      }),
  };
}

/** A port nothing listens on: any request to it fails at once (proves a cached answer made no request). */
export async function deadEndpoint(): Promise<string> {
  return `http://127.0.0.1:${await freePort()}`;
}
