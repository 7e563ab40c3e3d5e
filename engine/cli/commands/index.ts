import type { Command } from '../command';

/** Every CLI command, in the order `verbatim --help` lists them. */
export const commands: Command[] = [];
