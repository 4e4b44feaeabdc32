import { LSTM, Dense, Sequential, tensor, setSeed } from './lib';
setSeed(1);
const N = 1024, T = 32, D = 64, H = 128;
const x = tensor(Float32Array.from({ length: N * T * D }, (_, i) => Math.sin(i)), [N, T, D]);
const m = new Sequential([new LSTM({ units: H, inputShape: [T, D] }), new Dense({ units: 10, activation: 'softmax' })]);
m.predict(x, { batchSize: 256 });
const t0 = process.hrtime.bigint();
for (let i = 0; i < 5; i++) m.predict(x, { batchSize: 256 });
console.log('predict ms per 1024', Number(process.hrtime.bigint() - t0) / 5e6);
