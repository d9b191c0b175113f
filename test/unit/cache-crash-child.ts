// Child process for the crash test in cache-crash.test.ts: caches one entry completely, then writes a
// big one slowly, announcing each batch, until the parent kills it with SIGKILL.
import crypto from 'node:crypto';
import { openDatabase } from '../../electron/core/db/database';
import { RecordingCache } from '../../electron/core/cache/recording-cache';
import { bufferSource } from './cache-fixtures';

async function main(): Promise<void> {
  const [dbFile, cacheDir] = process.argv.slice(2);
  const db = openDatabase(dbFile!, Buffer.from(process.env.EARMARK_TEST_DB_KEY!, 'hex'));
  let batches = 0;
  const cache = new RecordingCache({
    dir: cacheDir!,
    db,
    masterKey: Buffer.from(process.env.EARMARK_TEST_CACHE_KEY!, 'hex'),
    afterBatch: async () => {
      if (++batches > 1) process.stdout.write(`batch ${batches}\n`);
      await new Promise((r) => setTimeout(r, 5));
    },
  });
  const seed = Buffer.from(process.env.EARMARK_TEST_SEED!, 'hex');
  await cache.ensure('DONE', bufferSource(Buffer.concat(Array.from({ length: 256 }, () => seed))));
  process.stdout.write('done written\n');
  await cache.ensure('HALF', bufferSource(crypto.randomBytes(64 * 1024 * 1024)));
  process.stdout.write('HALF finished (the parent was too slow)\n');
}

void main();
