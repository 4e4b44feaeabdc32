import * as tf from '@tensorflow/tfjs';
await tf.setBackend('cpu');
const m = tf.sequential({ layers: [tf.layers.activation({ activation: 'linear', inputShape: [3] })] });
for (const name of ['meanAbsoluteError','poisson','kullbackLeiblerDivergence','logcosh','hinge','squaredHinge','categoricalHinge','cosineProximity']) {
  m.compile({ optimizer: 'sgd', loss: name });
  const fn = m.lossFunctions[0];
  console.log(name, fn.name, fn(tf.tensor2d([[0.2,0.3,0.5]]), tf.tensor2d([[0.1,0.6,0.3]])).arraySync());
}
console.log(Object.keys(tf.losses), Object.keys(tf.metrics));
