/**
 * Types of seedrandom's Alea module on its own (`seedrandom/lib/alea`), the one generator
 * layerwise uses: importing it alone spares the other seven generators' modules (about 2 MiB of
 * resident memory). It is the same function as `seedrandom.alea`.
 */
declare module 'seedrandom/lib/alea' {
  import type seedrandom from 'seedrandom';

  const alea: (typeof seedrandom)['alea'];
  export = alea;
}
