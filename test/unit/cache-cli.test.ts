// `earmark cache stats|verify` against a data directory opened with the real OS keychain (skipped
// without a D-Bus session bus; npm test provides one with a throwaway gnome-keyring).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../electron/cli/earmark';
import { UsageError } from '../../electron/cli/cli-kit';
import { createBackend } from '../../electron/core/backend';
import { writeDemoStore } from '../../electron/core/demo/demo-writer';
import type { Page, RecordingRow } from '../../shared/types';
import { cacheFiles } from './cache-fixtures';

const bus = process.platform !== 'linux' || !!process.env.DBUS_SESSION_BUS_ADDRESS;
const skip = bus ? false : 'no D-Bus session bus: run under dbus-run-session with gnome-keyring (npm test does)';

test('earmark cache stats and verify: exit 0 when intact, 1 naming the bad entry', { skip }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'earmark-cache-cli-'));
  const dataDir = path.join(dir, 'data');
  const storeRoot = path.join(dir, 'store');
  try {
    await writeDemoStore(storeRoot, { count: 2, seed: 3, now: new Date('2026-11-20T12:00:00Z') });
    const b = await createBackend({ dataDir, storeRoot });
    let ids: string[];
    try {
      await b.indexAsSystem();
      assert.ok((await b.dispatch('profile.create', { displayName: 'Quinn', role: 'qa_supervisor' })).ok);
      const rows = (((await b.dispatch('library.search', {})) as { value: Page<RecordingRow> }).value).rows;
      ids = rows.map((r) => r.id);
      for (const id of ids) {
        await b.dispatch('recording.open', { id });
        await (await b.media(new Request(`earmark-media://recording/${id}`, { headers: { range: 'bytes=0-9' } }))).arrayBuffer();
      }
    } finally {
      b.close();
    }

    const lines: string[] = [];
    assert.equal(await main(['cache', 'stats', '--data', dataDir, '--json'], (s) => lines.push(s)), 0);
    const stats = JSON.parse(lines[0]!) as { items: number; sizeBytes: number; diskBytes: number; capBytes: number; ttlSec: number; pinned: number };
    assert.equal(stats.items, 2);
    assert.ok(stats.diskBytes > stats.sizeBytes && stats.sizeBytes > 0);
    assert.equal(stats.pinned, 0);

    lines.length = 0;
    assert.equal(await main(['cache', 'stats', '--data', dataDir], (s) => lines.push(s)), 0);
    assert.match(lines.join('\n'), /2 recordings cached/);

    lines.length = 0;
    assert.equal(await main(['cache', 'verify', '--data', dataDir], (s) => lines.push(s)), 0);
    assert.match(lines[0]!, /cache intact: 2 entries authenticate/);

    // Flip one byte of one entry: verify fails and names that recording only.
    // Two recordings, each with its waveform peaks beside it; the audio entries are the large files.
    const files = cacheFiles(path.join(dataDir, 'cache')).sort((a, b) => fs.statSync(b).size - fs.statSync(a).size);
    assert.equal(files.length, 4);
    const bytes = fs.readFileSync(files[0]!);
    bytes[bytes.length - 100] ^= 0x01;
    fs.writeFileSync(files[0]!, bytes);
    lines.length = 0;
    assert.equal(await main(['cache', 'verify', '--data', dataDir], (s) => lines.push(s)), 1);
    assert.match(lines[0]!, /CORRUPT: 1 of 2/);
    assert.equal(lines.length, 2);
    assert.ok(ids.some((id) => lines[1]!.includes(id)), lines[1]);
    lines.length = 0;
    assert.equal(await main(['cache', 'verify', '--data', dataDir, '--json'], (s) => lines.push(s)), 1);
    const report = JSON.parse(lines[0]!) as { checked: number; bad: { id: string; reason: string }[] };
    assert.equal(report.checked, 2);
    assert.equal(report.bad.length, 1);
    assert.match(report.bad[0]!.reason, /does not authenticate/);

    await assert.rejects(main(['cache', 'purge', '--data', dataDir], () => undefined), UsageError);
    await assert.rejects(main(['cache', 'stats'], () => undefined), UsageError);
  } finally {
    // Leave nothing in the keychain: crypto-shred this installation's keys.
    try {
      const b = await createBackend({ dataDir });
      await b.services.vault.destroyAll();
      b.close();
    } catch {
      /* never opened */
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
