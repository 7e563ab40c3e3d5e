import type { Command } from '../command';
import { parseCommandArgs } from '../parse-args';
import { UsageError } from '../usage-error';
import { formatBenchTable, runBench } from '../../bench/index';

const USAGE = 'usage: verbatim bench [--json] [--quick]';

/** `verbatim bench`: the speed and memory figures of issue 5, measured in one run. */
export const benchCommand: Command = {
  name: 'bench',
  summary: 'measure speed and memory (BiLSTM vs onnxruntime, pipelines, kernels, training)',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      { json: { type: 'boolean' }, quick: { type: 'boolean' } },
      USAGE,
    );
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`, USAGE);
    const report = await runBench({
      quick: values.quick,
      onProgress: (m) => io.stderr.write(`bench: ${m}\n`),
    });
    io.stdout.write(values.json ? `${JSON.stringify(report)}\n` : formatBenchTable(report));
    return 0;
  },
};
