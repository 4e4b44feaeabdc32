/**
 * The one way layerwise writes a file: to a temporary file beside it, flushed to the disk, then
 * renamed over the target (atomic on every local file system), then the folder flushed. A crash
 * at any point leaves either the old file or the new one, never a truncated one; the temporary
 * files a crash leaves are removed by the next write to the same target.
 */
import { isProcessAlive, nodeFileSystem, type FileSystem } from './file-system';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** The tags of this process's writes in progress, whose temporary files are not stale. */
const activeTags = new Set<string>();

/**
 * A new tag for one write, `<pid>.<random>`, registered as in progress until {@link endTag}.
 * Temporary files carry it, so that a later write can tell whose they are.
 */
export function beginTag(): string {
  const tag = `${process.pid}.${Date.now().toString(36)}${math.random().toString(36).slice(2, 8)}`;
  activeTags.add(tag);
  return tag;
}

/** Marks a write's tag as finished: its temporary files, if any remain, are stale. */
export function endTag(tag: string): void {
  activeTags.delete(tag);
}

/** The temporary file of `target` (a file name in `dir`) for the write `tag`: `.<target>.<tag>.<kind>.tmp`. */
export function tempName(target: string, tag: string, kind: string): string {
  return `.${target}.${tag}.${kind}.tmp`;
}

/** True for a temporary file name of `target` whose writer is gone: its process has ended, or it is this process and the write is over. */
export function isStaleTemp(name: string, target: string): boolean {
  const prefix = `.${target}.`;
  if (!name.startsWith(prefix) || !name.endsWith('.tmp')) return false;
  const match = /^(\d+)\.([0-9a-z]+)\.[a-z-]+\.tmp$/.exec(name.slice(prefix.length));
  if (match === null) return false;
  const pid = Number(match[1]);
  return pid === process.pid ? !activeTags.has(`${match[1]}.${match[2]}`) : !isProcessAlive(pid);
}

/** Removes the stale temporary files of `target` in `dir` ({@link isStaleTemp}); never fails. */
export async function removeStaleTemps(fs: FileSystem, dir: string, target: string): Promise<void> {
  const path = await import('path');
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return;
  }
  await Promise.all(names.filter((n) => isStaleTemp(n, target)).map((n) => fs.unlink(path.join(dir, n)).catch(() => undefined)));
}

/** Creates `path` (which must not exist: a link planted there is never followed), writes `data` and flushes it to the disk. */
export async function writeDurably(fs: FileSystem, path: string, data: Uint8Array | string): Promise<void> {
  const handle = await fs.open(path, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Flushes a directory's entries (the renames) to the disk; not possible on every platform, so failures are ignored. */
export async function syncDirectory(fs: FileSystem, dir: string): Promise<void> {
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

/**
 * Writes `data` to `file` atomically and durably (see the module comment), creating its folder.
 * First removes the temporary files earlier writes to `file` left when they crashed.
 *
 * @throws the file system's error when writing fails (the temporary file is removed first).
 * @example
 * ```ts
 * await commitFile('checkpoints/best.json', JSON.stringify(weights));
 * ```
 */
export async function commitFile(file: string, data: Uint8Array | string, fileSystem?: FileSystem): Promise<void> {
  const fs = fileSystem ?? (await nodeFileSystem());
  const path = await import('path');
  const target = path.resolve(file);
  const dir = path.dirname(target);
  const base = path.basename(target);
  await fs.mkdir(dir, { recursive: true });
  await removeStaleTemps(fs, dir, base);
  const tag = beginTag();
  const tmp = path.join(dir, tempName(base, tag, 'data'));
  try {
    await writeDurably(fs, tmp, data);
    await fs.rename(tmp, target);
  } catch (error) {
    await fs.unlink(tmp).catch(() => undefined);
    throw error;
  } finally {
    endTag(tag);
  }
  await syncDirectory(fs, dir);
}

/**
 * {@link commitFile} for synchronous callers (plots written from a synchronous API): the same
 * temporary file, flush, rename and folder flush, with Node's synchronous file operations.
 * @throws the file system's error when writing fails (the temporary file is removed first).
 */
export function commitFileSync(file: string, data: Uint8Array | string): void {
  // Synchronous callers run in Node only (they check first), where require is available.
  const fs = require('fs') as typeof import('fs');
  const path = require('path') as typeof import('path');
  const target = path.resolve(file);
  const dir = path.dirname(target);
  const base = path.basename(target);
  fs.mkdirSync(dir, { recursive: true });
  for (const name of fs.readdirSync(dir)) if (isStaleTemp(name, base)) fs.rmSync(path.join(dir, name), { force: true });
  const tag = beginTag();
  const tmp = path.join(dir, tempName(base, tag, 'data'));
  try {
    const fd = fs.openSync(tmp, 'wx');
    try {
      fs.writeFileSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, target);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  } finally {
    endTag(tag);
  }
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Windows cannot open a directory for syncing; the rename is still atomic there.
  }
}
