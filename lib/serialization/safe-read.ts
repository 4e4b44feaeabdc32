/**
 * Reading the files of a saved model as untrusted input: only regular files, only inside the
 * model's folder (after resolving every symbolic link), and only of the size expected, which is
 * checked on the open file before a byte is read. A device (`/dev/zero`), a FIFO or a file far
 * larger than its manifest says is refused at once instead of being read without end.
 */
import { DataError } from '../errors';
import { formatValue } from '../safe-format';
import { errorCode, safeReadFlags, type FileHandle, type FileSystem } from './file-system';

/** The most bytes a `model.json` may have (256 MiB); a longer file is refused before it is read. */
export const MAX_MODEL_JSON_BYTES = 256 * 1024 * 1024;

/** What a read accepts: an exact size, or at most a size. */
export type SizeRule = { exactly: number } | { atMost: number };

/** A file that could not be read because it does not exist (its message names it); loading retries these when `model.json` changed meanwhile. */
export class MissingFileError extends DataError {}

/**
 * `file`'s real path (every link resolved), which must lie inside `realDir` (a real path) when
 * it is given.
 * @throws MissingFileError for a file that does not exist; DataError for one outside `realDir`.
 */
export async function realPathInside(fs: FileSystem, file: string, realDir: string | null, what: string): Promise<string> {
  const path = await import('path');
  let real: string;
  try {
    real = await fs.realpath(file);
  } catch (error) {
    const Cls = errorCode(error) === 'ENOENT' ? MissingFileError : DataError;
    throw new Cls(`${file}: cannot read ${what}: ${(error as Error).message}`);
  }
  if (realDir !== null && !isInside(path, realDir, real)) {
    throw new DataError(`${file}: ${what} resolves to ${formatValue(real)}, outside the model's folder ${realDir}; a model's files must lie inside its folder`);
  }
  return real;
}

/** True when `file` lies strictly inside `dir` (both absolute); `..w.bin` is a name inside, `../w.bin` is not. */
export function isInside(path: typeof import('path'), dir: string, file: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

/** Opens `real` for reading without following a link or blocking; the size of the regular file it is and its identity (inode and time of last change). */
async function openRegular(fs: FileSystem, real: string, shown: string, what: string): Promise<{ handle: FileHandle; size: number; identity: string }> {
  let handle: FileHandle;
  try {
    handle = await fs.open(real, await safeReadFlags());
  } catch (error) {
    const Cls = errorCode(error) === 'ENOENT' ? MissingFileError : DataError;
    throw new Cls(`${shown}: cannot read ${what}: ${(error as Error).message}`);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new DataError(`${shown}: ${what} must be a regular file, not a device, FIFO, socket or folder`);
    return { handle, size: stat.size, identity: `${stat.ino}:${stat.mtimeMs}:${stat.size}` };
  } catch (error) {
    await handle.close().catch(() => undefined);
    if (error instanceof DataError) throw error;
    throw new DataError(`${shown}: cannot read ${what}: ${(error as Error).message}`);
  }
}

/**
 * The size in bytes of the regular file `real` (a real path from {@link realPathInside}), from
 * the open file.
 * @throws DataError naming the file for anything other than a regular file.
 */
export async function regularFileSize(fs: FileSystem, real: string, shown: string, what: string): Promise<number> {
  const { handle, size } = await openRegular(fs, real, shown, what);
  await handle.close().catch(() => undefined);
  return size;
}

/**
 * The bytes of the regular file `real` (a real path from {@link realPathInside}), opened without
 * following links and without blocking, sized by `fstat` against `size` before reading.
 *
 * @param shown - how messages name the file (the path the manifest gave).
 * @throws DataError naming the file for anything other than a regular file, a size `size`
 * refuses, a file that shrinks while read, or a read error.
 */
export async function readRegularFile(fs: FileSystem, real: string, shown: string, size: SizeRule, what: string): Promise<Uint8Array> {
  return (await readRegularFileWithIdentity(fs, real, shown, size, what)).bytes;
}

/**
 * {@link readRegularFile}, with the file's identity: its inode, time of last change and size,
 * which differ after a save replaced the file (a rename gives a new inode).
 */
export async function readRegularFileWithIdentity(fs: FileSystem, real: string, shown: string, size: SizeRule, what: string): Promise<{ bytes: Uint8Array; identity: string }> {
  const { handle, size: found, identity } = await openRegular(fs, real, shown, what);
  try {
    if ('exactly' in size && found !== size.exactly) {
      throw new DataError(`${shown}: ${what}: expected ${size.exactly} bytes, found a file of ${found} (it changed while it was read?)`);
    }
    if ('atMost' in size && found > size.atMost) {
      throw new DataError(`${shown}: ${what}: the file has ${found} bytes, more than the ${size.atMost} allowed`);
    }
    const bytes = new Uint8Array(found);
    let at = 0;
    while (at < bytes.length) {
      const { bytesRead } = await handle.read(bytes, at, bytes.length - at, at);
      if (bytesRead === 0) throw new DataError(`${shown}: ${what}: the file shrank to ${at} bytes while it was read (${found} at the start)`);
      at += bytesRead;
    }
    return { bytes, identity };
  } catch (error) {
    if (error instanceof DataError) throw error;
    throw new DataError(`${shown}: cannot read ${what}: ${(error as Error).message}`);
  } finally {
    await handle.close().catch(() => undefined);
  }
}
