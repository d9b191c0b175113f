// Shared set-up for the cache tests: a temp data folder with an encrypted database, and in-memory
// "store" sources that count how often they are fetched.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { openDatabase, type Db } from '../../electron/core/db/database';
import type { CacheSource } from '../../electron/core/cache/recording-cache';

export interface CacheDir {
  dir: string;
  cacheDir: string;
  dbFile: string;
  dbKey: Buffer;
  masterKey: Buffer;
  db: Db;
  cleanup(): void;
}

export function cacheDir(): CacheDir {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'earmark-cache-'));
  const dbFile = path.join(dir, 'earmark.db');
  const dbKey = crypto.randomBytes(32);
  const db = openDatabase(dbFile, dbKey);
  return {
    dir,
    cacheDir: path.join(dir, 'cache'),
    dbFile,
    dbKey,
    masterKey: crypto.randomBytes(32),
    db,
    cleanup() {
      try {
        db.close();
      } catch {
        /* already closed */
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface CountingSource extends CacheSource {
  opens: number;
}

/** A source serving `bytes` in `chunk`-sized pieces, optionally pausing between them. */
export function bufferSource(bytes: Buffer, opts: { version?: string; chunk?: number; delayMs?: number } = {}): CountingSource {
  const chunk = opts.chunk ?? 100_000;
  const src: CountingSource = {
    version: opts.version ?? 'v1',
    size: bytes.length,
    opens: 0,
    open() {
      src.opens++;
      async function* gen() {
        for (let i = 0; i < bytes.length; i += chunk) {
          if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
          yield bytes.subarray(i, Math.min(bytes.length, i + chunk));
        }
      }
      return Readable.from(gen(), { objectMode: false });
    },
  };
  return src;
}

export async function collect(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

/** Every regular file under `dir`, recursively. */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? filesUnder(p) : d.isFile() ? [p] : [];
  });
}

export const cacheFiles = (cacheDirPath: string) => filesUnder(cacheDirPath).filter((f) => f.endsWith('.emc'));
