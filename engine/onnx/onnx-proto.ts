import { ProtoWriter } from './protobuf-writer';

/**
 * The subset of the ONNX protobuf schema (onnx/onnx.proto, IR version 8) that
 * an exported recognizer uses, as plain objects, and their encoding. Field
 * numbers are those of onnx.proto.
 */

/** TensorProto.DataType values used here. */
export const ONNX_FLOAT = 1;
export const ONNX_INT64 = 7;

/** IR version 8 goes with opsets up to 17 (onnx/docs/Versioning.md). */
export const ONNX_IR_VERSION = 8;

export type OnnxTensor =
  | { name: string; dims: number[]; type: 'float'; data: Float32Array }
  | { name: string; dims: number[]; type: 'int64'; data: readonly number[] };

export type OnnxAttribute =
  | { i: number }
  | { f: number }
  | { s: string }
  | { ints: readonly number[] }
  | { floats: readonly number[] }
  | { strings: readonly string[] };

export interface OnnxNode {
  opType: string;
  name: string;
  inputs: string[];
  outputs: string[];
  attributes?: Record<string, OnnxAttribute>;
}

/** A float tensor graph input or output; a string dimension is symbolic (dynamic). */
export interface OnnxValueInfo {
  name: string;
  shape: (number | string)[];
  doc?: string;
}

export interface OnnxGraph {
  name: string;
  nodes: OnnxNode[];
  initializers: OnnxTensor[];
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
}

export interface OnnxModel {
  opsetVersion: number;
  producerName: string;
  producerVersion: string;
  doc?: string;
  graph: OnnxGraph;
  metadata: Record<string, string>;
}

// AttributeProto.AttributeType
const ATTR_FLOAT = 1;
const ATTR_INT = 2;
const ATTR_STRING = 3;
const ATTR_FLOATS = 6;
const ATTR_INTS = 7;
const ATTR_STRINGS = 8;

function tensorProto(t: OnnxTensor): ProtoWriter {
  const w = new ProtoWriter().packedInts(1, t.dims); // dims
  const count = t.dims.reduce((a, b) => a * b, 1);
  if (t.data.length !== count) {
    throw new RangeError(`tensor ${t.name}: ${t.data.length} values for dims [${t.dims}]`);
  }
  // raw_data (9): little-endian, as onnx.proto prescribes
  let raw: Uint8Array;
  if (t.type === 'float') {
    raw = new Uint8Array(count * 4);
    const view = new DataView(raw.buffer);
    for (let i = 0; i < count; i++) view.setFloat32(i * 4, t.data[i], true);
  } else {
    raw = new Uint8Array(count * 8);
    const view = new DataView(raw.buffer);
    for (let i = 0; i < count; i++) view.setBigInt64(i * 8, BigInt(t.data[i]), true);
  }
  return w
    .int(2, t.type === 'float' ? ONNX_FLOAT : ONNX_INT64) // data_type
    .string(8, t.name) // name
    .bytes(9, raw);
}

function attributeProto(name: string, a: OnnxAttribute): ProtoWriter {
  const w = new ProtoWriter().string(1, name); // name
  if ('i' in a) return w.int(20, ATTR_INT).int(3, a.i);
  if ('f' in a) return w.int(20, ATTR_FLOAT).float(2, a.f);
  if ('s' in a) return w.int(20, ATTR_STRING).string(4, a.s);
  if ('ints' in a) return w.int(20, ATTR_INTS).packedInts(8, a.ints);
  if ('floats' in a) return w.int(20, ATTR_FLOATS).packedFloats(7, a.floats);
  w.int(20, ATTR_STRINGS);
  for (const s of a.strings) w.string(9, s);
  return w;
}

function nodeProto(n: OnnxNode): ProtoWriter {
  const w = new ProtoWriter();
  for (const i of n.inputs) w.string(1, i);
  for (const o of n.outputs) w.string(2, o);
  w.string(3, n.name).string(4, n.opType);
  for (const [name, a] of Object.entries(n.attributes ?? {})) w.message(5, attributeProto(name, a));
  return w;
}

function valueInfoProto(v: OnnxValueInfo): ProtoWriter {
  const shape = new ProtoWriter();
  for (const d of v.shape) {
    // TensorShapeProto.dim (1): Dimension { dim_value = 1 | dim_param = 2 }
    const dim =
      typeof d === 'number' ? new ProtoWriter().int(1, d) : new ProtoWriter().string(2, d);
    shape.message(1, dim);
  }
  // TypeProto { tensor_type = 1: Tensor { elem_type = 1, shape = 2 } }
  const tensorType = new ProtoWriter().int(1, ONNX_FLOAT).message(2, shape);
  const type = new ProtoWriter().message(1, tensorType);
  const w = new ProtoWriter().string(1, v.name).message(2, type);
  if (v.doc) w.string(3, v.doc);
  return w;
}

function graphProto(g: OnnxGraph): ProtoWriter {
  const w = new ProtoWriter();
  for (const n of g.nodes) w.message(1, nodeProto(n));
  w.string(2, g.name);
  for (const t of g.initializers) w.message(5, tensorProto(t));
  for (const v of g.inputs) w.message(11, valueInfoProto(v));
  for (const v of g.outputs) w.message(12, valueInfoProto(v));
  return w;
}

/** Encodes a model as the bytes of an `.onnx` file. */
export function encodeOnnxModel(m: OnnxModel): Uint8Array {
  const w = new ProtoWriter()
    .int(1, ONNX_IR_VERSION) // ir_version
    .string(2, m.producerName)
    .string(3, m.producerVersion);
  if (m.doc) w.string(6, m.doc);
  w.message(7, graphProto(m.graph));
  // opset_import (8): OperatorSetIdProto { domain = 1 ('' = ai.onnx), version = 2 }
  w.message(8, new ProtoWriter().string(1, '').int(2, m.opsetVersion));
  for (const [key, value] of Object.entries(m.metadata)) {
    w.message(14, new ProtoWriter().string(1, key).string(2, value)); // metadata_props
  }
  return w.finish();
}
