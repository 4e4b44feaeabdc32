/** Which paths `save` and `loadModel` treat as Keras 3 `.keras` files (see keras3.ts). */

/** `true` for a path that `save` and `loadModel` treat as a Keras 3 file: it ends in `.keras`. */
export function isKerasFilePath(path: unknown): boolean {
  return typeof path === 'string' && /\.keras$/i.test(path);
}
