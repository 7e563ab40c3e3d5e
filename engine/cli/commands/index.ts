import type { Command } from '../command';
import { importCommand } from './import';
import { exportCommand } from './export';

/** Every CLI command, in the order `verbatim --help` lists them. */
export const commands: Command[] = [importCommand, exportCommand];
