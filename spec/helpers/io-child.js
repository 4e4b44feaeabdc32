/*
 * The child process of the kill and race tests (see child-process.ts), on the bundled library:
 *   node io-child.js <bundle> save <dir> <seed> <count>       saves one model <count> times (0: until killed)
 *   node io-child.js <bundle> alternate <dir> <count>         saves two models in turn (0: until killed)
 *   node io-child.js <bundle> checkpoint <file> <count>       ModelCheckpoint({ saveWeightsOnly }) <count> times
 * It writes "started" before its first write and "done" after the last.
 */
const [bundle, mode, target, ...rest] = process.argv.slice(2);
const lw = require(bundle);

function makeModel(seed, units) {
  lw.setSeed(seed);
  return new lw.Sequential([new lw.Dense({ units, activation: 'relu', inputShape: [64] }), new lw.Dense({ units: 3 })]);
}

async function main() {
  if (mode === 'save') {
    const [seed, count] = rest.map(Number);
    const model = makeModel(seed, 256);
    process.stdout.write('started\n');
    for (let i = 0; count === 0 || i < count; i++) await model.save(target);
  } else if (mode === 'alternate') {
    const count = Number(rest[0]);
    const models = [makeModel(1, 256), makeModel(2, 256)];
    process.stdout.write('started\n');
    for (let i = 0; count === 0 || i < count; i++) await models[i % 2].save(target);
  } else if (mode === 'checkpoint') {
    const count = Number(rest[0]);
    const model = makeModel(1, 256);
    const callback = new lw.ModelCheckpoint({ filepath: target, saveWeightsOnly: true });
    callback.setModel(model, { epochs: 1, steps: 1, samples: 1, metrics: ['loss'], verbose: 0 });
    process.stdout.write('started\n');
    for (let i = 0; count === 0 || i < count; i++) {
      model.layers[0].params()[0].value.data[0] = i;
      await callback.onEpochEnd(0, { loss: i });
    }
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
  process.stdout.write('done\n');
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack}\n`);
  process.exit(1);
});
