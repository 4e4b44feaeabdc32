/** {@link exportOnnx}: writes {@link toOnnxBytes}'s model to a file (Node.js only). */
import { ConfigError } from '../../errors';
import { formatJson } from '../../safe-format';
import { assertNode } from '../../node-only';
import type { Model } from '../../model';
import { toOnnxBytes } from './model-proto';

/**
 * Writes `model` as an ONNX file for inference (opset 17, float32, batch axis symbolic) to
 * `file` (conventionally `*.onnx`), replacing any file there: the bytes of
 * {@link toOnnxBytes}, written to a temporary file beside it and renamed into place, so a
 * crash never leaves half a model. Returns the number of bytes written.
 *
 * @throws ConfigError outside Node.js (use {@link toOnnxBytes} in a browser), for an empty
 * path, or naming the first layer ONNX export does not cover; StateError for an unbuilt model.
 * @example
 * ```ts
 * await exportOnnx(model, 'mnist.onnx');
 * // python: onnxruntime.InferenceSession('mnist.onnx').run(None, {'dense_1_input': x})
 * ```
 */
export async function exportOnnx(model: Model, file: string): Promise<number> {
  assertNode('exportOnnx', 'in a browser, use toOnnxBytes(model)');
  if (typeof file !== 'string' || file === '' || file.includes('\0')) {
    throw new ConfigError(`exportOnnx: expected a file path, got ${formatJson(file)}`);
  }
  const bytes = toOnnxBytes(model);
  const fs = await import('fs');
  const path = await import('path');
  const target = path.resolve(file);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await fs.promises.writeFile(temp, bytes);
    await fs.promises.rename(temp, target);
  } catch (error) {
    await fs.promises.rm(temp, { force: true });
    throw error;
  }
  return bytes.length;
}
