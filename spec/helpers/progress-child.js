/*
 * The child process of the terminal progress test (spec/lib/progress-terminal.spec.ts), on the
 * bundled library: `node progress-child.js <bundle>` trains a small seeded classifier for 2
 * epochs with a validation split and `verbose: 1`, writing to its own stdout (a pseudo-terminal
 * there), then writes "done".
 */
const lw = require(process.argv[2]);

async function main() {
  lw.setSeed(1);
  const n = 64;
  const x = lw.tensor(Float32Array.from({ length: n * 4 }, (_, i) => Math.sin(i * 1.7)), [n, 4]);
  const y = lw.tensor(Float32Array.from({ length: n }, (_, i) => (Math.sin(i * 6.8) > 0 ? 1 : 0)), [n, 1]);
  const model = new lw.Sequential([
    new lw.Dense({ units: 8, activation: 'relu', inputShape: [4] }),
    new lw.Dense({ units: 1, activation: 'sigmoid' }),
  ]);
  model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  await model.fit(x, y, { epochs: 2, batchSize: 8, validationSplit: 0.25, verbose: 1, seed: 3 });
  process.stdout.write(`columns ${process.stdout.columns}\ndone\n`);
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack}\n`);
  process.exit(1);
});
