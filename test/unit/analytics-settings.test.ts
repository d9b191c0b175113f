// The dead-air threshold is a device setting: administrators change it (audited), every call is
// analysed again with it, and the library filter and the player's bands follow.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBackend } from '../../electron/core/backend';
import { writeDemoStore } from '../../electron/core/demo/demo-writer';
import type { CommandEnvelope } from '../../shared/errors';
import type { AnalyticsSettings } from '../../shared/player-types';
import type { OpenedRecording, Page, RecordingRow } from '../../shared/types';
import { memoryVault } from './memory-vault';

async function ok<T>(p: Promise<CommandEnvelope<unknown>>): Promise<T> {
  const r = await p;
  assert.equal(r.ok, true, JSON.stringify(r));
  return (r as { ok: true; value: T }).value;
}

test('changing the dead-air threshold re-analyses every call; only administrators may change it', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'earmark-analytics-'));
  try {
    const storeRoot = path.join(dir, 'store');
    await writeDemoStore(storeRoot, { count: 8, seed: 9, now: new Date('2026-11-20T12:00:00Z') });
    const b = await createBackend({ dataDir: path.join(dir, 'data'), storeRoot, openVault: memoryVault() });
    try {
      await b.indexAsSystem();
      await ok(b.dispatch('profile.create', { displayName: 'Quinn', role: 'qa_supervisor' }));
      assert.deepEqual(await ok<AnalyticsSettings>(b.dispatch('analytics.settings', {})), { deadAirThresholdSec: 5 });
      const denied = await b.dispatch('analytics.configure', { deadAirThresholdSec: 2 });
      assert.equal(denied.ok, false);
      assert.equal((denied as { ok: false; error: { code: string } }).error.code, 'denied');

      const withFive = await ok<Page<RecordingRow>>(b.dispatch('library.search', { minDeadAirSec: 0.01, limit: 50 }));
      const id = (await ok<Page<RecordingRow>>(b.dispatch('library.search', { limit: 1 }))).rows[0].id;
      const before = await ok<OpenedRecording>(b.dispatch('recording.open', { id }));
      assert.equal(before.analytics?.deadAirThresholdSec, 5);

      await ok(b.dispatch('profile.create', { displayName: 'Ada Admin', role: 'administrator' }));
      assert.equal((await b.dispatch('analytics.configure', { deadAirThresholdSec: 0.2 })).ok, false, 'validated: at least 1 s');
      assert.deepEqual(await ok<AnalyticsSettings>(b.dispatch('analytics.configure', { deadAirThresholdSec: 1.5 })), { deadAirThresholdSec: 1.5 });
      await b.services.reindex(); // waits for the re-analysis the change started
      const after = await ok<OpenedRecording>(b.dispatch('recording.open', { id }));
      assert.equal(after.analytics?.deadAirThresholdSec, 1.5);
      assert.ok((after.analytics?.deadAir.length ?? 0) >= (before.analytics?.deadAir.length ?? 0));
      const withOneAndHalf = await ok<Page<RecordingRow>>(b.dispatch('library.search', { minDeadAirSec: 0.01, limit: 50 }));
      assert.ok(withOneAndHalf.total > withFive.total, `more calls have dead air over 1.5 s (${withOneAndHalf.total}) than over 5 s (${withFive.total})`);
      const entry = b.services.audit.list({ offset: 0, limit: 5, command: 'analytics.configure' }).rows[0];
      assert.equal(entry.outcome, 'ok');
      assert.match(entry.detail ?? '', /5 s → over 1\.5 s/);
    } finally {
      b.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
