import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';

/** Write-then-rename, so a reader (or a crash) sees the old file or the new one, never half of one. */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}
