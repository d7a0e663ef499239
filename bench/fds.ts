// Open file descriptors of a process, from /proc/<pid>/fd (Linux). Used to prove that aborted
// downloads close their file (a `.pipe()`-based server leaks one fd per abort).
import { readdirSync, readlinkSync } from 'node:fs';

export interface FdCount {
  total: number;
  /** Descriptors open on regular files (not sockets, pipes, eventfds…). */
  files: number;
}

export function countFds(pid: number): FdCount {
  const dir = `/proc/${pid}/fd`;
  let files = 0;
  const fds = readdirSync(dir);
  for (const fd of fds) {
    try {
      if (readlinkSync(`${dir}/${fd}`).startsWith('/')) files++;
    } catch {
      // closed between readdir and readlink
    }
  }
  return { total: fds.length, files };
}

export const fdsSupported = (): boolean => process.platform === 'linux';
