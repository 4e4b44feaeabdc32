/** The peak resident memory of the current process, in MiB. */
import { readFileSync } from 'fs';

/**
 * Peak resident set size of this process in MiB: Linux's `VmHWM`, else `process.resourceUsage().maxRSS`.
 *
 * On Linux `getrusage`'s maxRSS survives `exec`: a child forked from a large parent reports at
 * least the parent's size at fork time. `VmHWM` belongs to the child's own address space.
 */
export function peakRssMiB(): number {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) / 1024;
  } catch {
    // No /proc (macOS, Windows): fall through.
  }
  return process.resourceUsage().maxRSS / 1024;
}
