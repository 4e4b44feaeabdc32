/**
 * The lock that lets one save at a time write a model's files, across processes: a file
 * `.<model.json>.lock` beside `model.json`, created atomically (written to a temporary file,
 * then hard-linked into place, which fails if the lock exists) and holding its owner's process
 * id, host and the weights files its save may leave behind. A lock whose owner process has died
 * (a `kill -9`) is broken by the next save, which inherits the files to clean up.
 */
import { StateError } from '../errors';
import { beginTag, endTag, tempName, writeDurably } from './durable-write';
import { errorCode, isProcessAlive, type FileSystem } from './file-system';
import { MissingFileError, readRegularFile } from './safe-read';

/** How long a save waits for another process's save to the same model before giving up (30 s). */
export const LOCK_WAIT_MS = 30_000;

/** What a lock file holds. */
interface LockContent {
  pid: number;
  host: string;
  tag: string;
  /** Weights files (names in the folder) that the owner's save may have put in place without committing. */
  pending: string[];
}

/** A held lock. */
export interface SaveLock {
  /** The weights files that saves which died holding the lock may have left behind. */
  readonly inherited: readonly string[];
  /** True while the lock file is still this lock's (nobody broke it). */
  isHeld(): Promise<boolean>;
  /**
   * Records more files this save will delete once committed (the previous checkpoint's weights),
   * so that a save which breaks this lock after this process died deletes them instead: a save
   * killed between its commit and its cleanup leaves files no manifest names any more.
   */
  addPending(files: readonly string[]): Promise<void>;
  /** Removes the lock file. */
  release(): Promise<void>;
}

/** Saves in this process by `model.json` path, so that they queue instead of polling the lock. */
const queues = new Map<string, Promise<unknown>>();

/**
 * Runs `task` after every earlier save of this process to `jsonPath` has finished.
 */
export async function inProcessQueue<T>(jsonPath: string, task: () => Promise<T>): Promise<T> {
  const before = queues.get(jsonPath) ?? Promise.resolve();
  const run = before.then(task, task);
  const settled = run.catch(() => undefined);
  queues.set(jsonPath, settled);
  try {
    return await run;
  } finally {
    if (queues.get(jsonPath) === settled) queues.delete(jsonPath);
  }
}

/**
 * Takes the save lock of `dir/<target>` (`target` is `model.json`'s name), waiting up to
 * {@link LOCK_WAIT_MS} for a live owner to release it and breaking a dead owner's.
 *
 * @param pending - the weights file this save may put in place before its commit.
 * @throws StateError naming the lock file and its owner when a live process holds it that long.
 */
export async function acquireSaveLock(fs: FileSystem, dir: string, target: string, pending: string, waitMs = LOCK_WAIT_MS): Promise<SaveLock> {
  const path = await import('path');
  const os = await import('os');
  const lockPath = path.join(dir, `.${target}.lock`);
  const tag = beginTag();
  const inherited: string[] = [];
  const started = Date.now();
  let pause = 2;
  try {
    for (;;) {
      const content: LockContent = { pid: process.pid, host: os.hostname(), tag, pending: [pending, ...inherited] };
      if (await tryCreate(fs, path.join(dir, tempName(target, tag, 'lock')), lockPath, content)) {
        return {
          inherited,
          isHeld: async () => (await readLock(fs, lockPath))?.tag === tag,
          addPending: async (files) => {
            // The lock is ours: its content is replaced atomically (readers see the old or the new).
            const tmp = path.join(dir, tempName(target, tag, 'pending'));
            await writeDurably(fs, tmp, JSON.stringify({ ...content, pending: [...content.pending, ...files] }));
            await fs.rename(tmp, lockPath).catch(async (error: unknown) => {
              await fs.unlink(tmp).catch(() => undefined);
              throw error;
            });
          },
          release: async () => {
            if ((await readLock(fs, lockPath))?.tag === tag) await fs.unlink(lockPath).catch(() => undefined);
            endTag(tag);
          },
        };
      }
      const owner = await readLock(fs, lockPath);
      if (owner === null) continue; // released meanwhile
      if (owner.host === os.hostname() && !isProcessAlive(owner.pid)) {
        if (await breakLock(fs, lockPath, path.join(dir, tempName(target, tag, 'broken')), owner)) inherited.push(...owner.pending);
        continue;
      }
      if (Date.now() - started > waitMs) {
        throw new StateError(`save: ${path.join(dir, target)} is being saved by process ${owner.pid} on ${owner.host} (lock file ${lockPath}) and was not released within ${waitMs / 1000} s; try again, or delete the lock file if that process no longer runs`);
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, 50);
    }
  } catch (error) {
    endTag(tag);
    throw error;
  }
}

/** Creates the lock file atomically with `content`; false if it exists. */
async function tryCreate(fs: FileSystem, tmp: string, lockPath: string, content: LockContent): Promise<boolean> {
  await writeDurably(fs, tmp, JSON.stringify(content));
  try {
    await fs.link(tmp, lockPath);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  } finally {
    await fs.unlink(tmp).catch(() => undefined);
  }
}

/** What an unreadable lock file is taken for: a live owner that cannot be identified, so it is waited for, never broken. */
const UNKNOWN_OWNER: LockContent = { pid: 0, host: 'an unknown host (the lock file is unreadable)', tag: '', pending: [] };

/** The lock file's content; null when there is none. */
async function readLock(fs: FileSystem, lockPath: string): Promise<LockContent | null> {
  try {
    const value = JSON.parse(new TextDecoder().decode(await readRegularFile(fs, lockPath, lockPath, { atMost: 64 * 1024 }, 'the lock'))) as Partial<LockContent>;
    if (typeof value.pid !== 'number' || typeof value.host !== 'string' || typeof value.tag !== 'string' || !Array.isArray(value.pending)) return UNKNOWN_OWNER;
    return { pid: value.pid, host: value.host, tag: value.tag, pending: value.pending.filter((p): p is string => typeof p === 'string') };
  } catch (error) {
    return error instanceof MissingFileError ? null : UNKNOWN_OWNER;
  }
}

/**
 * Removes a dead owner's lock: renames it aside (only one of several breakers succeeds), then
 * checks that what it moved is still that owner's lock; if another save took the lock in
 * between, puts that one back. True when the dead owner's lock was removed.
 */
async function breakLock(fs: FileSystem, lockPath: string, aside: string, owner: LockContent): Promise<boolean> {
  try {
    await fs.rename(lockPath, aside);
  } catch {
    return false; // another save broke it first
  }
  const isOwners = (await readLock(fs, aside))?.tag === owner.tag;
  if (!isOwners) await fs.link(aside, lockPath).catch(() => undefined);
  await fs.unlink(aside).catch(() => undefined);
  return isOwners;
}
