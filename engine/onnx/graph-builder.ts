import type { OnnxAttribute, OnnxGraph, OnnxNode, OnnxTensor, OnnxValueInfo } from './onnx-proto';

/**
 * Builds an ONNX graph node by node: every node gets a unique name and its
 * outputs unique value names derived from a readable prefix, and weights and
 * constants become initializers.
 */
export class GraphBuilder {
  private readonly nodes: OnnxNode[] = [];
  private readonly initializers: OnnxTensor[] = [];
  // node names and value names are separate namespaces in ONNX
  private readonly nodeNames = new Set<string>();
  private readonly valueNames = new Set<string>();

  /** Declares a graph input's name, so no node output takes it. */
  input(name: string): string {
    return fresh(this.valueNames, name, true);
  }

  floats(name: string, dims: number[], data: Float32Array): string {
    const unique = fresh(this.valueNames, name);
    this.initializers.push({ name: unique, dims, type: 'float', data });
    return unique;
  }

  int64s(name: string, data: readonly number[]): string {
    const unique = fresh(this.valueNames, name);
    this.initializers.push({ name: unique, dims: [data.length], type: 'int64', data });
    return unique;
  }

  /**
   * Adds a node and returns the names of its outputs (`outputs` of them, the
   * first named `name` when still free). An empty string among the inputs is
   * an omitted optional input.
   */
  nodeN(
    opType: string,
    name: string,
    inputs: string[],
    outputs: number,
    attributes?: Record<string, OnnxAttribute>,
  ): string[] {
    const node = fresh(this.nodeNames, name);
    const outs = Array.from({ length: outputs }, (_, i) =>
      fresh(this.valueNames, i ? `${name}_out${i}` : name),
    );
    this.nodes.push({ opType, name: node, inputs, outputs: outs, attributes });
    return outs;
  }

  /** A node with one output. */
  node(
    opType: string,
    name: string,
    inputs: string[],
    attributes?: Record<string, OnnxAttribute>,
  ): string {
    return this.nodeN(opType, name, inputs, 1, attributes)[0];
  }

  build(name: string, inputs: OnnxValueInfo[], outputs: OnnxValueInfo[]): OnnxGraph {
    return {
      name,
      nodes: this.nodes,
      initializers: this.initializers,
      inputs,
      outputs,
    };
  }
}

/** A name starting with `prefix` not yet in `used` (exactly `prefix` when `exact`), added to it. */
function fresh(used: Set<string>, prefix: string, exact = false): string {
  let name = prefix;
  for (let k = 1; used.has(name); k++) {
    if (exact) throw new Error(`ONNX graph: the name ${prefix} is already taken`);
    name = `${prefix}_${k}`;
  }
  used.add(name);
  return name;
}
