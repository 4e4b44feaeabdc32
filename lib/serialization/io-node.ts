/**
 * Saving to and loading from the file system (Node.js): `file://dir`, a plain directory, or a
 * path to `model.json`. Saves are atomic and exclusive: a crash at any point leaves the previous
 * checkpoint loadable and intact, and saves to one folder from several processes at once leave
 * one whole checkpoint. Loads read only regular files inside the folder, of the sizes expected.
 */
import { ConfigError, DataError } from '../errors';
import { formatJson, formatValue } from '../safe-format';
import { assertNode, isNode } from '../node-only';
import type { SavableModel } from '../engine/engine-model';
import { beginTag, endTag, removeStaleTemps, syncDirectory, tempName, writeDurably } from './durable-write';
import { nodeFileSystem, type FileSystem } from './file-system';
import type { SaveResult } from './format';
import { isJsonObject } from './json-value';
import { checkModelJson, type RawModel } from './model-json';
import { isInside, MAX_MODEL_JSON_BYTES, MissingFileError, readRegularFile, readRegularFileWithIdentity, realPathInside, regularFileSize } from './safe-read';
import { serializeModel, type SaveOptions } from './save';
import { acquireSaveLock, inProcessQueue } from './save-lock';
import { byteCountProblem, concatBuffers, groupBytes } from './weights';

export type { FileSystem } from './file-system';

const MODEL_JSON = 'model.json';
/** What the Node-only error suggests instead. */
const BROWSER_HINT = 'in a browser, use model.toJSON() and fromJSON()';
/**
 * How many times a load rereads `model.json` when a save replaced it while the weights were being
 * read. A retry happens only after a save committed meanwhile, so this bounds progress, not time:
 * 5 lost to a process saving in a tight loop on a loaded CI machine (every attempt raced a save).
 */
const LOAD_ATTEMPTS = 50;

/** Where a save goes or a load comes from: the directory and the `model.json` path in it. */
async function resolveTarget(pathOrUrl: string, what: string): Promise<{ dir: string; jsonPath: string }> {
  // An empty path (or bare 'file://') would mean the working directory; a NUL byte is refused by every file system.
  if (typeof pathOrUrl !== 'string' || /^(file:\/\/)?$/i.test(pathOrUrl) || pathOrUrl.includes('\0')) {
    throw new ConfigError(`${what}: expected a directory path or 'file://' URL, got ${formatJson(pathOrUrl)}`);
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(pathOrUrl);
  if (scheme && scheme[1].toLowerCase() !== 'file') {
    throw new ConfigError(`${what}: ${formatValue(`${scheme[1]}://`)} is not supported; use a directory path or 'file://' in Node.js, and model.toJSON()/fromJSON in browsers`);
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

/**
 * The name pattern of the weights files a save of `target` (`model.json`'s name) writes:
 * `weights.<16 hex>.bin` beside `model.json`, `<stem>.weights.<16 hex>.bin` beside any other
 * `<stem>.json`, so that two models in one folder never share (or delete) each other's files.
 */
function weightsPattern(target: string): { prefix: string; test(name: string): boolean } {
  const prefix = target === MODEL_JSON ? 'weights' : `${target.replace(/\.json$/, '')}.weights`;
  return { prefix, test: (name) => name.startsWith(`${prefix}.`) && /^[0-9a-f]{16}\.bin$/.test(name.slice(prefix.length + 1)) };
}

/**
 * The files the current `jsonPath` names that this save may delete: its manifest's paths that
 * have the weights file pattern of {@link weightsPattern} (never `model.json`, never a user's file).
 */
async function ownWeightFiles(fs: FileSystem, jsonPath: string, isOwn: (name: string) => boolean): Promise<string[]> {
  try {
    const bytes = await readRegularFile(fs, jsonPath, jsonPath, { atMost: MAX_MODEL_JSON_BYTES }, 'the model');
    const json = JSON.parse(new TextDecoder().decode(bytes)) as { weightsManifest?: { paths?: unknown[] }[] };
    return (json.weightsManifest ?? []).flatMap((g) => g.paths ?? []).filter((p): p is string => typeof p === 'string' && isOwn(p));
  } catch {
    return [];
  }
}

/**
 * Saves `model` as `model.json` and a weights binary in a directory (created if needed).
 *
 * The weights file is named after its content's SHA-256 (`weights.<16 hex>.bin`), so a new
 * save never overwrites the file the current `model.json` names. A save first takes the
 * folder's save lock (`.model.json.lock`: saves in this process queue, saves from other
 * processes wait up to 30 s, a lock left by a killed process is broken). Both files are written
 * to temporary files and flushed, then the weights are renamed into place, then `model.json`
 * (the commit point: one atomic rename), then the folder is flushed and the weights files the
 * previous `model.json` named are removed (only files of the weights pattern), as well as what
 * killed saves left (their temporary files and uncommitted weights). A crash before the commit
 * leaves the previous checkpoint intact; a crash after it leaves the new one complete.
 *
 * @param fileSystem - the file operations; tests pass one that fails on purpose.
 * @throws StateError for a model that is not built, or when another process holds the save
 * lock for 30 s; ConfigError for an unsupported URL scheme or outside Node;
 * the file system's error when writing fails (temporary files are removed first).
 */
export async function saveToDirectory(model: SavableModel, pathOrUrl: string, options: SaveOptions = {}, fileSystem?: FileSystem): Promise<SaveResult> {
  assertNode('save to a path', BROWSER_HINT);
  const fs = fileSystem ?? (await nodeFileSystem());
  const path = await import('path');
  const { createHash } = await import('crypto');
  const { dir, jsonPath } = await resolveTarget(pathOrUrl, 'save');
  const target = path.basename(jsonPath);
  const own = weightsPattern(target);
  const { modelJson, weightData, warnings } = serializeModel(model, options);
  const bytes = new Uint8Array(weightData);
  const weightsFile = `${own.prefix}.${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.bin`;
  modelJson.weightsManifest[0].paths = [weightsFile];
  const weightsPath = path.join(dir, weightsFile);
  await fs.mkdir(dir, { recursive: true });
  return inProcessQueue(jsonPath, async () => {
    const lock = await acquireSaveLock(fs, dir, target, weightsFile);
    const tag = beginTag();
    try {
      await removeStaleTemps(fs, dir, target);
      const previous = await ownWeightFiles(fs, jsonPath, own.test);
      await lock.addPending(previous);
      const tmpWeights = path.join(dir, tempName(target, tag, 'weights'));
      const tmpJson = path.join(dir, tempName(target, tag, 'json'));
      let committed = false;
      try {
        await writeDurably(fs, tmpWeights, bytes);
        await writeDurably(fs, tmpJson, JSON.stringify(modelJson));
        await fs.rename(tmpWeights, weightsPath);
        if (!(await lock.isHeld())) throw new DataError(`save: the save lock of ${jsonPath} was taken by another process during this save; nothing was committed, try again`);
        await fs.rename(tmpJson, jsonPath);
        committed = true;
      } finally {
        if (!committed) {
          const leftovers = [tmpWeights, tmpJson, ...(previous.includes(weightsFile) ? [] : [weightsPath])];
          await Promise.all(leftovers.map((p) => fs.unlink(p).catch(() => undefined)));
        }
      }
      await syncDirectory(fs, dir);
      const stale = new Set([...previous, ...lock.inherited].filter((p) => p !== weightsFile && own.test(p)));
      await Promise.all([...stale].map((p) => fs.unlink(path.join(dir, p)).catch(() => undefined)));
    } finally {
      endTag(tag);
      await lock.release();
    }
    return { modelJsonPath: jsonPath, weightsPath, weightBytes: bytes.byteLength, warnings };
  });
}

/**
 * Reads a model saved by {@link saveToDirectory} or by TensorFlow.js: `model.json` and the
 * weights files its manifest names (relative to it), shards concatenated per group.
 *
 * Every file is untrusted: a weights path must lie inside the model's folder after resolving
 * symbolic links, and each file must be a regular file whose size (taken before reading) fits
 * the manifest: a device, a FIFO, or a file longer than its manifest says is refused unread,
 * as is a manifest that names one file many times once past the bytes it describes. A load
 * that races a save gets the old or the new checkpoint: when a weights file vanished because a
 * save replaced `model.json` meanwhile, the load starts again (up to 50 times).
 *
 * @param fileSystem - the file operations; tests may pass their own.
 * @throws DataError naming the file for a missing or unreadable file, invalid JSON, a file that
 * is not regular, lies outside the folder or has the wrong size, or a malformed manifest;
 * ConfigError for a bad path or outside Node.
 */
export async function readFromDirectory(pathOrUrl: string, fileSystem?: FileSystem): Promise<RawModel> {
  assertNode('loadModel from a path', BROWSER_HINT);
  const fs = fileSystem ?? (await nodeFileSystem());
  const { dir, jsonPath } = await resolveTarget(pathOrUrl, 'loadModel');
  for (let attempt = 1; ; attempt++) {
    const { bytes, identity } = await readModelJson(fs, jsonPath);
    try {
      return await readOnce(fs, dir, jsonPath, bytes);
    } catch (error) {
      if (!(error instanceof MissingFileError) || attempt === LOAD_ATTEMPTS) throw error;
      // Identity, not content: after saves of B then A, model.json has A's content again but is a new file.
      const now = await readModelJson(fs, jsonPath).catch(() => null);
      if (now === null || now.identity === identity) throw error;
    }
  }
}

/** The bytes of `model.json` (a regular file of at most 256 MiB) and its identity. */
async function readModelJson(fs: FileSystem, jsonPath: string): Promise<{ bytes: Uint8Array; identity: string }> {
  const real = await realPathInside(fs, jsonPath, null, 'the model');
  return readRegularFileWithIdentity(fs, real, jsonPath, { atMost: MAX_MODEL_JSON_BYTES }, 'the model');
}

/** One attempt of {@link readFromDirectory} with `model.json`'s bytes in hand. */
async function readOnce(fs: FileSystem, dir: string, jsonPath: string, jsonBytes: Uint8Array): Promise<RawModel> {
  const path = await import('path');
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(jsonBytes));
  } catch (error) {
    throw new DataError(`${jsonPath}: invalid JSON: ${(error as Error).message}`);
  }
  const { manifest } = checkModelJson(json, jsonPath);
  const realDir = await realPathInside(fs, dir, null, 'the model\'s folder');
  const what = `the weights named in ${jsonPath}`;
  const data: ArrayBuffer[] = [];
  const files: string[] = [];
  for (const group of manifest) {
    if (group.paths.length === 0) throw new DataError(`${jsonPath}: a weights manifest group has no paths; it names ${group.weights.length} weight(s) but no file to read them from`);
    const paths = group.paths.map((p) => {
      const resolved = path.resolve(dir, p);
      // A manifest names files beside model.json; never read outside the model's folder.
      if (!isInside(path, dir, resolved)) throw new DataError(`${jsonPath}: weights path ${formatValue(p)} must name a file inside ${dir}`);
      return resolved;
    });
    const shown = [...new Set(paths)].join(', ');
    const expected = groupBytes(group);
    // First every shard's size, on the open file, before reading a byte.
    const sized: { real: string; shown: string; size: number }[] = [];
    let found = 0;
    for (const [k, p] of paths.entries()) {
      const real = await realPathInside(fs, p, realDir, what);
      const size = await regularFileSize(fs, real, p, what);
      found += size;
      sized.push({ real, shown: p, size });
      if (found > expected) {
        const atLeast = k < paths.length - 1 ? `at least ${found} (after ${k + 1} of ${paths.length} files)` : String(found);
        throw new DataError(`${shown}: ${byteCountProblem(group, found, atLeast)}`);
      }
    }
    const problem = byteCountProblem(group, found);
    if (problem !== null) throw new DataError(`${shown}: ${problem}`);
    const shards: ArrayBuffer[] = [];
    for (const s of sized) shards.push(copyOf(await readRegularFile(fs, s.real, s.shown, { exactly: s.size }, what)));
    data.push(concatBuffers(shards));
    files.push(paths.join(', '));
  }
  return { json, data, files, source: jsonPath };
}

/** The bytes of a (possibly pooled) Node buffer, copied into an ArrayBuffer of their own. */
function copyOf(bytes: Uint8Array): ArrayBuffer {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer as ArrayBuffer : new Uint8Array(bytes).buffer;
}

/**
 * True when `text` is a model's JSON text rather than a path: it parses as a JSON object and,
 * in Node, names no existing file or folder (a folder may be called `{run}`).
 */
export async function isSerializedText(text: string): Promise<boolean> {
  if (!text.trimStart().startsWith('{')) return false;
  try {
    if (!isJsonObject(JSON.parse(text))) return false;
  } catch {
    return false;
  }
  if (!isNode()) return true;
  const { promises } = await import('fs');
  return promises.stat(text).then(() => false, () => true);
}
