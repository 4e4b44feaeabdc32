/**
 * The protobuf encoding of ONNX models: the subset of `onnx.proto` (ONNX IR version 8) that an
 * inference graph needs, embedded as text and compiled by `protobufjs`, and {@link encodeModel}
 * that turns a {@link ModelProtoJson} into the bytes of a `.onnx` file.
 */
import * as protobuf from 'protobufjs';

/**
 * The messages of `onnx/onnx.proto` that an exported model uses, with ONNX's own field numbers
 * (fields not listed are never written; readers ignore absent fields).
 */
const ONNX_PROTO_SUBSET = `
syntax = "proto3";
package onnx;
message AttributeProto {
  string name = 1;
  float f = 2;
  int64 i = 3;
  bytes s = 4;
  TensorProto t = 5;
  repeated float floats = 7;
  repeated int64 ints = 8;
  repeated bytes strings = 9;
  int32 type = 20;
}
message ValueInfoProto {
  string name = 1;
  TypeProto type = 2;
}
message NodeProto {
  repeated string input = 1;
  repeated string output = 2;
  string name = 3;
  string op_type = 4;
  repeated AttributeProto attribute = 5;
  string domain = 7;
}
message ModelProto {
  int64 ir_version = 1;
  repeated OperatorSetIdProto opset_import = 8;
  string producer_name = 2;
  string producer_version = 3;
  string doc_string = 6;
  GraphProto graph = 7;
}
message GraphProto {
  repeated NodeProto node = 1;
  string name = 2;
  repeated TensorProto initializer = 5;
  string doc_string = 10;
  repeated ValueInfoProto input = 11;
  repeated ValueInfoProto output = 12;
}
message TensorProto {
  repeated int64 dims = 1;
  int32 data_type = 2;
  string name = 8;
  bytes raw_data = 9;
}
message TensorShapeProto {
  message Dimension {
    oneof value {
      int64 dim_value = 1;
      string dim_param = 2;
    }
  }
  repeated Dimension dim = 1;
}
message TypeProto {
  message Tensor {
    int32 elem_type = 1;
    TensorShapeProto shape = 2;
  }
  oneof value {
    Tensor tensor_type = 1;
  }
}
message OperatorSetIdProto {
  string domain = 1;
  int64 version = 2;
}
`;

/** `TensorProto.DataType` values used here. */
export const DataType = { FLOAT: 1, INT32: 6, INT64: 7 } as const;

/** `AttributeProto.AttributeType` values used here. */
export const AttributeType = { FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, FLOATS: 6, INTS: 7, STRINGS: 8 } as const;

/** A `TensorProto`: dims, element type and little-endian raw bytes. */
export interface TensorProtoJson {
  name: string;
  dims: number[];
  data_type: number;
  raw_data: Uint8Array;
}

/** An `AttributeProto` with exactly one value field set, matching `type`. */
export interface AttributeProtoJson {
  name: string;
  type: number;
  f?: number;
  i?: number;
  s?: Uint8Array;
  t?: TensorProtoJson;
  floats?: number[];
  ints?: number[];
  strings?: Uint8Array[];
}

/** A `NodeProto`: one operator call. */
export interface NodeProtoJson {
  name: string;
  op_type: string;
  input: string[];
  output: string[];
  attribute: AttributeProtoJson[];
}

/** A `ValueInfoProto` of a float tensor: each dimension a size or a symbolic name (the batch). */
export interface ValueInfoJson {
  name: string;
  type: { tensor_type: { elem_type: number; shape: { dim: ({ dim_value: number } | { dim_param: string })[] } } };
}

/** A `ModelProto` with its graph. */
export interface ModelProtoJson {
  ir_version: number;
  opset_import: { domain: string; version: number }[];
  producer_name: string;
  producer_version: string;
  doc_string: string;
  graph: {
    name: string;
    node: NodeProtoJson[];
    initializer: TensorProtoJson[];
    input: ValueInfoJson[];
    output: ValueInfoJson[];
  };
}

let modelType: protobuf.Type | null = null;

/** The compiled `onnx.ModelProto` type (parsed once, on first use). */
function modelProtoType(): protobuf.Type {
  modelType ??= protobuf.parse(ONNX_PROTO_SUBSET, { keepCase: true }).root.lookupType('onnx.ModelProto');
  return modelType;
}

/** The protobuf bytes of `model`, as a `.onnx` file holds them. */
export function encodeModel(model: ModelProtoJson): Uint8Array {
  const type = modelProtoType();
  return type.encode(type.fromObject(model)).finish();
}

/** The `ModelProto` that `bytes` encode, as plain JSON (int64 fields as numbers): for checks and tests. */
export function decodeModel(bytes: Uint8Array): ModelProtoJson {
  const type = modelProtoType();
  return type.toObject(type.decode(bytes), { longs: Number, bytes: Uint8Array, defaults: false, arrays: true }) as ModelProtoJson;
}
