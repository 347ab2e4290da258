/**
 * A real moto_server (python3 moto 5) for the live-lookup suites: started on 127.0.0.1 on a free port, stopped by
 * its PID. Missing moto_server fails the suite loudly (never a skip): `pip install 'moto[server]>=5'`.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';

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

export interface Moto {
  endpoint: string;
  /** moto's IAM authorization on (0: every request is authorized from now on) or off (Infinity). */
  setAuth(on: boolean): Promise<void>;
  stop(): Promise<void>;
}

export async function startMoto(): Promise<Moto> {
  try {
    execFileSync('sh', ['-c', 'command -v moto_server'], { stdio: 'pipe' });
  } catch {
    throw new Error('moto_server is not installed (pip install "moto[server]>=5"): the live lookups cannot be tested');
  }
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const proc: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const until = Date.now() + 20000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`moto_server exited with code ${proc.exitCode}`);
    try {
      await http(`${endpoint}/moto-api/`);
      break;
    } catch {
      if (Date.now() > until) throw new Error(`moto_server did not answer on ${endpoint} within 20 s`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }
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
