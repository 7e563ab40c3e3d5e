#!/usr/bin/env node
// Entry point of `npx verbatim`: runs the TypeScript CLI through tsx's loader
// (a runtime dependency), so the CLI needs no separate build step.
import { register } from 'tsx/esm/api';

register();
// `verbatim … | head` closes the pipe early: stop quietly, like other Unix tools.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});
const { main } = await import('../engine/node/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
