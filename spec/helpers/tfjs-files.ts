/**
 * Test helpers that move models between TensorFlow.js (pure JS, cpu backend) and files in the
 * layout tfjs-node's `file://` handler uses, which the pure-JS package lacks: `model.json`
 * beside the weights files its manifest names.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';

/** A new empty directory under the system's temp directory; remove it with {@link removeTempDir}. */
export function makeTempDir(prefix = 'layerwise-serialization-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Removes a directory made by {@link makeTempDir} and everything in it. */
export function removeTempDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * Selects TensorFlow.js's cpu backend (once per test file), without its "Hi, looks like you are
 * running TensorFlow.js in Node.js" banner: the cpu backend prints it on its first tensor when
 * the `IS_NODE` flag is set (tfjs-backend-cpu's `MathBackendCPU.write`). The platform was
 * chosen when tfjs loaded, so clearing the flag now changes nothing else the specs use (it is
 * read again only by tfjs-data's file sources and the wasm backend's thread check).
 */
export async function useCpuBackend(): Promise<void> {
  tf.env().set('IS_NODE', false);
  await tf.setBackend('cpu');
  await tf.ready();
}

/**
 * Loads `dir/model.json` into TensorFlow.js, as `tf.loadLayersModel('file://dir/model.json')`
 * does in tfjs-node: the weights files named in the manifest, concatenated, handed over
 * through an IOHandler.
 */
export async function tfjsLoad(dir: string): Promise<tf.LayersModel> {
  const handler: tf.io.IOHandler = {
    load: async () => {
      const json = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8')) as tf.io.ModelJSON;
      const buffers = json.weightsManifest.flatMap((g) => g.paths.map((p) => fs.readFileSync(path.join(dir, p))));
      const all = Buffer.concat(buffers);
      return {
        modelTopology: json.modelTopology,
        weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
        weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength),
        format: json.format,
        generatedBy: json.generatedBy,
        convertedBy: json.convertedBy,
        trainingConfig: json.trainingConfig,
        userDefinedMetadata: json.userDefinedMetadata,
      };
    },
  };
  return tf.loadLayersModel(handler);
}

/**
 * Saves a TensorFlow.js model into `dir` as tfjs-node's `model.save('file://dir')` would:
 * `model.json` (with `weightsManifest: [{ paths: ['weights.bin'], weights }]`) and `weights.bin`.
 */
export async function tfjsSave(model: tf.LayersModel, dir: string, config?: tf.io.SaveConfig): Promise<void> {
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    const json: tf.io.ModelJSON = {
      modelTopology: artifacts.modelTopology as object,
      weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }],
      format: artifacts.format,
      generatedBy: artifacts.generatedBy,
      convertedBy: artifacts.convertedBy,
    };
    if (artifacts.trainingConfig) json.trainingConfig = artifacts.trainingConfig;
    fs.writeFileSync(path.join(dir, 'model.json'), JSON.stringify(json));
    fs.writeFileSync(path.join(dir, 'weights.bin'), Buffer.from(artifacts.weightData as ArrayBuffer));
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }), config);
}
