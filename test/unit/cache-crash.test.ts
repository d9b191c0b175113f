import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { RecordingCache } from '../../electron/core/cache/recording-cache';
import { cacheDir, cacheFiles, collect, filesUnder } from './cache-fixtures';

test('a process killed with SIGKILL mid-write leaves no entry that could be served', { timeout: 60_000 }, async () => {
  const d = cacheDir();
  d.db.close(); // the child owns the database while it runs
  const seed = crypto.randomBytes(4096);
  try {
    const child = spawn(process.execPath, [path.join(__dirname, 'cache-crash-child.js'), d.dbFile, d.cacheDir], {
      env: { ...process.env, EARMARK_TEST_DB_KEY: d.dbKey.toString('hex'), EARMARK_TEST_CACHE_KEY: d.masterKey.toString('hex'), EARMARK_TEST_SEED: seed.toString('hex') },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        // Several batches of HALF are on disk in the temp file: kill it now.
        if (/batch 6\n/.test(out) && child.exitCode === null) {
          child.kill('SIGKILL');
        }
      });
      child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited ${code} ${signal}: ${out}`))));
    });
    assert.match(out, /done written/);
    const tmpBefore = filesUnder(path.join(d.cacheDir, 'tmp'));
    assert.equal(tmpBefore.length, 1, 'the half-written entry exists only as a temp file');
    assert.ok(fs.statSync(tmpBefore[0]!).size > 5 * 1024 * 1024);

    const { openDatabase } = await import('../../electron/core/db/database');
    const db = openDatabase(d.dbFile, d.dbKey);
    try {
      const cache = new RecordingCache({ dir: d.cacheDir, db, masterKey: d.masterKey });
      assert.deepEqual(cache.list().map((e) => e.id), ['DONE'], 'only the complete entry is indexed');
      assert.deepEqual(filesUnder(path.join(d.cacheDir, 'tmp')), [], 'the temp file of the dead process is swept');
      assert.equal(cacheFiles(d.cacheDir).length, 1);
      assert.deepEqual(await cache.verify(), { checked: 1, bad: [] });
      assert.equal(cache.read('HALF'), null, 'nothing to serve for the interrupted recording');
      const done = await collect(cache.read('DONE')!);
      assert.deepEqual(done, Buffer.concat(Array.from({ length: 256 }, () => seed)));
      cache.close();
    } finally {
      db.close();
    }
  } finally {
    d.cleanup();
  }
});
