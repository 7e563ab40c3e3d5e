// Entry point of the browser mode (`npm start` where Electron cannot run):
//   tsx src-main/server/main.ts [--port N]
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { recognitionHostUrl } from '../../engine/node/index';
import { projectVersion, settleHome } from '../paths';
import { createServices } from '../services';
import { createWorkerEngine } from '../services/worker-engine';
import { startServer } from './http-server';
import { parsePort } from './port';

const root = fileURLToPath(new URL('../..', import.meta.url));

async function main() {
  const { values } = parseArgs({ options: { port: { type: 'string' } }, strict: true });
  const port = parsePort(values.port, process.env.VERBATIM_PORT);
  settleHome(process.env);
  const log = (message: string) => console.error(message);
  // Recognition runs in worker threads; tsx runs the .ts worker module.
  const engine = createWorkerEngine({ module: recognitionHostUrl, log });
  const services = createServices({
    transport: 'browser',
    version: projectVersion(root),
    engine,
  });
  let server;
  try {
    server = await startServer({
      services,
      port,
      rendererDir: join(root, 'out', 'renderer'),
      log,
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(
        `Port ${port} is already in use. Stop the other program, or choose another port with VERBATIM_PORT=N (0 = any free port) or --port N.`,
      );
    }
    throw e;
  }
  console.log(`Verbatim is running at ${server.url}`);
  const stop = () => {
    services.dispose();
    void Promise.all([server.close(), engine.dispose()]).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error((e as Error).message);
  process.exit(1);
});
