import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether `redis-server` is on PATH (`.ci/run` installs it on Debian when missing). */
export function hasRedisServer(): boolean {
  return spawnSync('sh', ['-c', 'command -v redis-server'], { stdio: 'ignore' }).status === 0;
}

/** A free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * A private redis-server for tests and benchmarks: loopback only, on a free
 * port, its data in a temporary folder (saved on `restart()`, so a restart
 * keeps the queue as a production Redis with persistence would).
 */
export class RedisTestServer {
  private child: ChildProcess | null = null;

  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<RedisTestServer> {
    const server = new RedisTestServer(
      await freePort(),
      mkdtempSync(join(tmpdir(), 'verbatim-redis-')),
    );
    await server.launch();
    return server;
  }

  private async launch(): Promise<void> {
    const child = spawn(
      'redis-server',
      [
        '--bind',
        '127.0.0.1',
        '--port',
        String(this.port),
        '--dir',
        this.dir,
        '--save',
        '',
        '--appendonly',
        'no',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child = child;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const onData = (d: Buffer) => {
        output += d;
        if (output.includes('Ready to accept connections')) resolve();
      };
      child.stdout!.on('data', onData);
      child.once('exit', (code) =>
        reject(
          new Error(`redis-server exited (${code}) before it was ready: ${output.slice(-400)}`),
        ),
      );
    });
    child.removeAllListeners('exit');
  }

  /** Saves the data, stops the server, and starts it again on the same port. */
  async restart(downMs = 500): Promise<void> {
    spawnSync('redis-cli', ['-p', String(this.port), 'shutdown', 'save']);
    await this.exited();
    await new Promise((r) => setTimeout(r, downMs));
    await this.launch();
  }

  private async exited(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise((resolve) => child.once('exit', resolve));
  }

  async stop(): Promise<void> {
    this.child?.kill('SIGKILL');
    await this.exited();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
