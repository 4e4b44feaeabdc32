/**
 * ONNX export for inference: {@link toOnnxBytes} (anywhere) and {@link exportOnnx} (a file, in
 * Node.js).
 */
export { toOnnxBytes, ONNX_OPSET } from './model-proto';
export { exportOnnx } from './export-node';
