/**
 * Saving to and loading from the file system (Node.js): `file://dir`, a plain directory, or a
 * path to `model.json`. Saves are atomic: a crash at any point leaves the previous checkpoint
 * loadable and intact.
 */
import { ConfigError, DataError } from '../errors';
import { formatJson } from '../safe-format';
import { assertNode } from '../node-only';
import type { SavableModel } from '../engine/engine-model';
import type { SaveResult } from './format';
import { checkModelJson, type RawModel } from './model-json';
import { serializeModel, type SaveOptions } from './save';
import { concatBuffers, groupBytes } from './weights';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** The file operations saving and loading use: a subset of `fs.promises`, replaceable in tests to inject failures. */
export interface FileSystem {
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
  readFile(path: string): Promise<Uint8Array>;
  open(path: string, flags: string): Promise<{ writeFile(data: Uint8Array | string): Promise<void>; sync(): Promise<void>; close(): Promise<void> }>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
}

const MODEL_JSON = 'model.json';
/** What the Node-only error suggests instead. */
const BROWSER_HINT = 'in a browser, use model.toJSON() and fromJSON()';

/** Where a save goes or a load comes from: the directory and the `model.json` path in it. */
async function resolveTarget(pathOrUrl: string, what: string): Promise<{ dir: string; jsonPath: string }> {
  // An empty path (or bare 'file://') would mean the working directory; a NUL byte is refused by every file system.
  if (typeof pathOrUrl !== 'string' || /^(file:\/\/)?$/i.test(pathOrUrl) || pathOrUrl.includes('\0')) {
    throw new ConfigError(`${what}: expected a directory path or 'file://' URL, got ${formatJson(pathOrUrl)}`);
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(pathOrUrl);
  if (scheme && scheme[1].toLowerCase() !== 'file') {
    throw new ConfigError(`${what}: '${scheme[1]}://' is not supported; use a directory path or 'file://' in Node.js, and model.toJSON()/fromJSON in browsers`);
  }
  const path = await import('path');
  const local = scheme ? pathOrUrl.slice('file://'.length) : pathOrUrl;
  if (local.endsWith('.json')) {
    const jsonPath = path.resolve(local);
    return { dir: path.dirname(jsonPath), jsonPath };
  }
  const dir = path.resolve(local);
  return { dir, jsonPath: path.join(dir, MODEL_JSON) };
}

/** The default file system: Node's `fs.promises`. */
async function nodeFileSystem(): Promise<FileSystem> {
  return (await import('fs')).promises as unknown as FileSystem;
}

/** Writes a file and flushes it to the disk before returning. */
async function writeDurably(fs: FileSystem, path: string, data: Uint8Array | string): Promise<void> {
  const handle = await fs.open(path, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Flushes a directory's entries (the renames) to the disk; not possible on every platform, so failures are ignored. */
async function syncDirectory(fs: FileSystem, dir: string): Promise<void> {
  try {
    const handle = await fs.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows cannot open a directory for syncing; the renames are still atomic there.
  }
}

/** The weights files the current `model.json` in `jsonPath` names, if it exists and parses; plain file names only. */
async function currentWeightFiles(fs: FileSystem, jsonPath: string): Promise<string[]> {
  try {
    const json = JSON.parse(new TextDecoder().decode(await fs.readFile(jsonPath))) as { weightsManifest?: { paths?: unknown[] }[] };
    return (json.weightsManifest ?? []).flatMap((g) => g.paths ?? []).filter((p): p is string => typeof p === 'string' && /^[^/\\]+$/.test(p) && p !== '.' && p !== '..');
  } catch {
    return [];
  }
}

/**
 * Saves `model` as `model.json` and a weights binary in a directory (created if needed).
 *
 * The weights file is named after its content's SHA-256 (`weights.<16 hex>.bin`), so a new
 * save never overwrites the file the current `model.json` names. Both files are first written
 * to temporary files in the directory and flushed, then the weights are renamed into place,
 * then `model.json` (the commit point: one atomic rename), then the previous weights file is
 * removed. A crash before the commit leaves the previous `model.json` and its weights intact;
 * a crash after it leaves the new checkpoint complete (and perhaps a stale file).
 *
 * @param fileSystem - the file operations; tests pass one that fails on purpose.
 * @throws StateError for a model that is not built; ConfigError for an unsupported URL scheme
 * or outside Node;
 * the file system's error when writing fails (temporary files are removed first).
 */
export async function saveToDirectory(model: SavableModel, pathOrUrl: string, options: SaveOptions = {}, fileSystem?: FileSystem): Promise<SaveResult> {
  assertNode('save to a path', BROWSER_HINT);
  const fs = fileSystem ?? (await nodeFileSystem());
  const path = await import('path');
  const { createHash } = await import('crypto');
  const { dir, jsonPath } = await resolveTarget(pathOrUrl, 'save');
  const { modelJson, weightData, warnings } = serializeModel(model, options);
  const bytes = new Uint8Array(weightData);
  const weightsFile = `weights.${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.bin`;
  modelJson.weightsManifest[0].paths = [weightsFile];
  const weightsPath = path.join(dir, weightsFile);
  await fs.mkdir(dir, { recursive: true });
  const previous = await currentWeightFiles(fs, jsonPath);
  const tag = `${process.pid}.${Date.now().toString(36)}${math.random().toString(36).slice(2, 8)}`;
  const tmpWeights = path.join(dir, `.${weightsFile}.${tag}.tmp`);
  const tmpJson = path.join(dir, `.${path.basename(jsonPath)}.${tag}.tmp`);
  let committed = false;
  try {
    await writeDurably(fs, tmpWeights, bytes);
    await writeDurably(fs, tmpJson, JSON.stringify(modelJson));
    await fs.rename(tmpWeights, weightsPath);
    await fs.rename(tmpJson, jsonPath);
    committed = true;
  } finally {
    if (!committed) {
      const leftovers = [tmpWeights, tmpJson, ...(previous.includes(weightsFile) ? [] : [weightsPath])];
      await Promise.all(leftovers.map((p) => fs.unlink(p).catch(() => undefined)));
    }
  }
  await syncDirectory(fs, dir);
  const stale = previous.filter((p) => p !== weightsFile);
  await Promise.all(stale.map((p) => fs.unlink(path.join(dir, p)).catch(() => undefined)));
  return { modelJsonPath: jsonPath, weightsPath, weightBytes: bytes.byteLength, warnings };
}

/**
 * Reads a model saved by {@link saveToDirectory} or by TensorFlow.js: `model.json` and the
 * weights files its manifest names (relative to it), shards concatenated per group. A group's
 * shards are read only while they hold no more than the bytes its manifest describes, so a
 * manifest that names a file many times cannot make it read (and hold) more than that.
 *
 * @param fileSystem - the file operations; tests may pass their own.
 * @throws DataError naming the file for a missing or unreadable file, invalid JSON, or a
 * malformed manifest; ConfigError for a bad path or outside Node.
 */
export async function readFromDirectory(pathOrUrl: string, fileSystem?: FileSystem): Promise<RawModel> {
  assertNode('loadModel from a path', BROWSER_HINT);
  const fs = fileSystem ?? (await nodeFileSystem());
  const path = await import('path');
  const { dir, jsonPath } = await resolveTarget(pathOrUrl, 'loadModel');
  const read = async (file: string, what: string): Promise<Uint8Array> => {
    try {
      return await fs.readFile(file);
    } catch (error) {
      throw new DataError(`${file}: cannot read ${what}: ${(error as Error).message}`);
    }
  };
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(await read(jsonPath, 'the model')));
  } catch (error) {
    if (error instanceof DataError) throw error;
    throw new DataError(`${jsonPath}: invalid JSON: ${(error as Error).message}`);
  }
  const { manifest } = checkModelJson(json, jsonPath);
  const data: ArrayBuffer[] = [];
  const files: string[] = [];
  for (const group of manifest) {
    const paths = group.paths.map((p) => {
      const resolved = path.resolve(dir, p);
      const relative = path.relative(dir, resolved);
      // A manifest names files beside model.json; never read outside the model's folder.
      if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
        throw new DataError(`${jsonPath}: weights path ${JSON.stringify(p)} must name a file inside ${dir}`);
      }
      return resolved;
    });
    const shards: ArrayBuffer[] = [];
    const expected = groupBytes(group);
    let found = 0;
    for (const [k, p] of paths.entries()) {
      shards.push(copyOf(await read(p, `the weights named in ${jsonPath}`)));
      found += shards[k].byteLength;
      if (found > expected) {
        const atLeast = k < paths.length - 1 ? `at least ${found} (after ${k + 1} of ${paths.length} files)` : String(found);
        throw new DataError(`${[...new Set(paths)].join(', ')}: expected ${expected} bytes of weights (from the manifest), found ${atLeast}; the data is longer than the manifest describes`);
      }
    }
    data.push(concatBuffers(shards));
    files.push(paths.join(', '));
  }
  return { json, data, files, source: jsonPath };
}

/** The bytes of a (possibly pooled) Node buffer, copied into an ArrayBuffer of their own. */
function copyOf(bytes: Uint8Array): ArrayBuffer {
  return new Uint8Array(bytes).buffer;
}
