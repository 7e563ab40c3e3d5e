import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliIo } from '../command';
import { parseCommandArgs } from '../parse-args';
import { UsageError } from '../usage-error';
import { readModelFile, resolveModel, writeFileAtomic } from '../../index';
import { exportOnnx, ONNX_INPUT, ONNX_OPSET, ONNX_OUTPUT, outputFrames } from '../../../index';

const USAGE =
  'usage: verbatim export onnx MODEL OUT.onnx   (MODEL: a .vbm file, or speech|digits|letters|words|a model name; also: verbatim export --onnx …)';

function packageVersion(): string {
  const pkg = JSON.parse(
    readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8'),
  );
  return String(pkg.version);
}

/** The `onnx` row of `verbatim export`: a .vbm model as a standard ONNX graph (engine/onnx). */
export const onnxExporter = {
  summary: 'a model (.vbm) as a standard ONNX graph (opset 17, LSTM/GRU/RNN ops)',
  usage: USAGE,
  async run(args: string[], io: CliIo): Promise<number> {
    const { positionals } = parseCommandArgs(args, {}, USAGE);
    if (positionals.length !== 2) {
      throw new UsageError(
        `expected a model and an output file, got ${positionals.length} argument(s)`,
        USAGE,
      );
    }
    const [spec, out] = positionals;
    const path = existsSync(spec) ? resolve(spec) : resolveModel(spec, 'speech').path;
    const model = readModelFile(path);
    const onnx = exportOnnx(model.network, model.header, { producerVersion: packageVersion() });
    writeFileAtomic(out, onnx);
    const arch = model.network.architecture;
    const tOut = outputFrames(arch, 1000) === 1000 ? 'T' : "T'";
    io.stderr.write(
      `export onnx: wrote ${out} (${(onnx.length / 1024).toFixed(0)} KiB, opset ${ONNX_OPSET}): ` +
        `${ONNX_INPUT} [T, 1, ${arch.inputSize}] → ${ONNX_OUTPUT} [${tOut}, 1, ${arch.outputSize}]\n`,
    );
    return 0;
  },
};
