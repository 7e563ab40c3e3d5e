// Starts a browser-mode server like `npm start` does (tsx src-main/server/main.ts)
// on a free port with the given VERBATIM_HOME. fixtures.ts keeps one per test
// worker; crash-recovery tests start, kill and restart their own.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from './paths';

const READY = /^Verbatim is running at (http:\/\/127\.0\.0\.1:(\d+))$/m;

export interface ServerProcess {
  url: string;
  /** Its VERBATIM_HOME. */
  home: string;
  port: number;
  child: ChildProcess;
  /** Everything the server printed on stderr so far. */
  logs(): string;
}

export async function spawnServer(home: string): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(projectRoot, 'src-main/server/main.ts'), '--port', '0'],
    {
      cwd: projectRoot,
      env: { ...process.env, VERBATIM_HOME: home },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const ready = await new Promise<RegExpMatchArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${stderr}`)), 20_000);
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = READY.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${stderr}`)));
  });
  return { url: ready[1]!, home, port: Number(ready[2]), child, logs: () => stderr };
}

/** Kills the server the way a crash would (no shutdown handlers run). */
export async function crash(server: ServerProcess): Promise<void> {
  const exited = new Promise((r) => server.child.once('exit', r));
  server.child.kill('SIGKILL');
  await exited;
}
