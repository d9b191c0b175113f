// Through the whole backend: every format opens with a waveform, plays through the media handler
// (64-bit float WAV as its 16-bit PCM view), and a recording whose audio went bad shows why.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createBackend } from '../../electron/core/backend';
import { parseWavHeader } from '../../electron/core/audio/wav';
import type { OpenedRecording } from '../../shared/types';
import { TOOLS_MISSING, audioFixtures, cleanupFixtures } from './audio-fixtures';
import { memoryVault } from './memory-vault';
import { tempStore, writeCall } from './store-fixtures';

describe('recording.open and playback for every format', { skip: TOOLS_MISSING }, () => {
  after(cleanupFixtures);
  const fixtures = TOOLS_MISSING ? {} : audioFixtures();

  test('peaks for MP3, Opus, FLAC and WAV; float64 served as PCM; damaged audio explained', async () => {
    const t = tempStore('earmark-open-formats-');
    const backend = await createBackend({ dataDir: path.join(t.dir, 'data'), storeRoot: t.root, openVault: memoryVault() });
    try {
      const day = '2026/11/05';
      const calls: Record<string, string> = { M1: 'cbr.mp3', O1: 'stereo.opus', F1: 'stereo.flac', W1: 'pcm_f64le.wav', W2: 'extensible24.wav' };
      for (const [id, name] of Object.entries(calls)) writeCall(t.root, day, id, { audio: fs.readFileSync(fixtures[name].path), ext: name.split('.')[1] });
      await backend.indexAsSystem();
      assert.equal((await backend.dispatch('profile.create', { displayName: 'Quinn', role: 'qa_supervisor' })).ok, true);

      for (const id of Object.keys(calls)) {
        const r = await backend.dispatch('recording.open', { id });
        assert.ok(r.ok, `${id}: ${JSON.stringify(r)}`);
        const opened = r.value as OpenedRecording;
        assert.equal(opened.peaksUnavailable, null, id);
        assert.equal(opened.peaks?.channels.length, 2);
        assert.ok(opened.peaks!.channels[0][100] > 0.4 && opened.peaks!.channels[1][100] < 0.05, `${id} peaks`);
        assert.ok(Math.abs(opened.recording.durationSec - 3.3) < 0.2);
      }

      // Compressed files are served as stored; the float64 WAV as a 16-bit PCM view of the same audio.
      const mp3 = fs.readFileSync(fixtures['cbr.mp3'].path);
      const served = await backend.media(new Request('earmark-media://recording/M1'));
      assert.equal(served.headers.get('content-type'), 'audio/mpeg');
      assert.deepEqual(Buffer.from(await served.arrayBuffer()), mp3);
      const pcm = await backend.media(new Request('earmark-media://recording/W1'));
      assert.equal(pcm.status, 200);
      const bytes = Buffer.from(await pcm.arrayBuffer());
      const info = parseWavHeader(bytes, bytes.length);
      assert.equal(info.codec, 'pcm_s16le');
      assert.equal(info.frames, Math.round(3.3 * 8000));
      assert.equal(bytes.length, 44 + info.frames * 4);
      const range = await backend.media(new Request('earmark-media://recording/W1', { headers: { range: 'bytes=1000-1999' } }));
      assert.equal(range.status, 206);
      assert.deepEqual(Buffer.from(await range.arrayBuffer()), bytes.subarray(1000, 2000));

      // The MP3 is overwritten with noise after indexing, and the local cache (which still holds the
      // good copy) is cleared: the recording still opens, and says why there is no waveform.
      const mp3Path = path.join(t.root, ...day.split('/'), 'M1.mp3');
      fs.writeFileSync(mp3Path, Buffer.alloc(mp3.length, 0x20));
      assert.equal((await backend.dispatch('cache.clear', {})).ok, true);
      const broken = await backend.dispatch('recording.open', { id: 'M1' });
      assert.ok(broken.ok);
      const value = broken.value as OpenedRecording;
      assert.equal(value.peaks, null);
      assert.match(value.peaksUnavailable ?? '', /^The waveform cannot be drawn: not a recognised audio file/);
    } finally {
      backend.close();
      t.done();
    }
  });
});
