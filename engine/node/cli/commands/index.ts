import type { Command } from '../command';
import { importCommand } from './import';
import { exportCommand } from './export';
import { transcribeCommand } from './transcribe';
import { recognizeInkCommand } from './recognize-ink';
import { benchCommand } from './bench';
import { evalCommand } from './eval';
import { trainCommand } from './train';
import { modelsCommand } from './models';
import { workerCommand } from './worker';
import { queueCommand } from './queue';

/** Every CLI command, in the order `verbatim --help` lists them. */
export const commands: Command[] = [
  transcribeCommand,
  recognizeInkCommand,
  evalCommand,
  trainCommand,
  modelsCommand,
  importCommand,
  exportCommand,
  benchCommand,
  workerCommand,
  queueCommand,
];
