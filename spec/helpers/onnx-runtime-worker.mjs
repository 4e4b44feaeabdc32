// ONNX Runtime Web in a plain Node process (its wasm glue is loaded with a dynamic import,
// which Jest's module sandbox does not allow): each IPC message { id, model (base64), feeds }
// is answered with { id, outputs } or { id, error }.
import * as ort from 'onnxruntime-web';

ort.env.wasm.numThreads = 1;

process.on('message', async ({ id, model, feeds }) => {
  try {
    const session = await ort.InferenceSession.create(Buffer.from(model, 'base64'));
    const inputs = Object.fromEntries(Object.entries(feeds).map(([name, { data, dims }]) => [name, new ort.Tensor('float32', Float32Array.from(data), dims)]));
    const out = await session.run(inputs);
    await session.release();
    const outputs = Object.fromEntries(Object.entries(out).map(([name, t]) => [name, { data: Array.from(t.data), dims: t.dims }]));
    process.send({ id, outputs });
  } catch (error) {
    process.send({ id, error: String(error && error.message ? error.message : error) });
  }
});
