#!/usr/bin/env node
// Entry point of `npx verbatim`: runs the TypeScript CLI through tsx's loader
// (a runtime dependency), so the CLI needs no separate build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../engine/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
