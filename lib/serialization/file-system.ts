/**
 * The file operations that saving and loading use (a subset of Node's `fs.promises`, replaceable
 * in tests to inject failures), and the two facts about processes they need: this process's
 * id and whether another process still runs.
 */

/** An open file: the subset of `fs.promises.FileHandle` used. */
export interface FileHandle {
  stat(): Promise<{ isFile(): boolean; size: number; ino: number; mtimeMs: number }>;
  read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  writeFile(data: Uint8Array | string): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** The file operations saving and loading use: a subset of `fs.promises`, replaceable in tests to inject failures. */
export interface FileSystem {
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
  open(path: string, flags: string | number): Promise<FileHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  link(existing: string, created: string): Promise<void>;
  realpath(path: string): Promise<string>;
  readdir(path: string): Promise<string[]>;
}

/** The default file system: Node's `fs.promises`. */
export async function nodeFileSystem(): Promise<FileSystem> {
  return (await import('fs')).promises as unknown as FileSystem;
}

/**
 * The flags that open a file for reading without following a symbolic link in its last
 * component and without blocking on a FIFO: `O_RDONLY | O_NOFOLLOW | O_NONBLOCK` where the
 * platform has them (Windows has neither of the last two, nor FIFOs).
 */
export async function safeReadFlags(): Promise<number> {
  const { constants } = await import('fs');
  return constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
}

/**
 * Whether process `pid` of this machine still runs (`kill(pid, 0)`: `ESRCH` means no such
 * process; `EPERM` means it runs as another user).
 */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The error code of a file-system error (`'ENOENT'`, `'EEXIST'`, …), or undefined. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
