// Every supported format plays in Chromium through the real media handler and playable view: the
// files Chromium takes as stored, and 64-bit float WAV as the on-the-fly 16-bit PCM view, with seeking.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname } from 'node:path';
import { Readable } from 'node:stream';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CONTENT_TYPES, handleMediaRequest, type MediaSource } from '../../electron/core/media/media-handler';
import { playableView } from '../../electron/core/media/playable-view';
import { TOOLS_MISSING, audioFixtures, cleanupFixtures } from '../unit/audio-fixtures';
import { CHROMIUM, chromiumAvailable } from './harness';

const PLAYED = ['pcm_f64le.wav', 'pcm_s24le.wav', 'extensible24.wav', 'pcm_mulaw.wav', 'pcm_alaw.wav', 'rf64.wav', 'unfinalised-ff.wav', 'six-channel.wav', 'cbr.mp3', 'vbr-id3.mp3', 'stereo.opus', 'stereo.flac'];

/** The part of HTMLAudioElement used here (the Node-side tsconfig has no DOM types). */
interface AudioLike {
  muted: boolean;
  src: string;
  duration: number;
  currentTime: number;
  error: { code: number; message: string } | null;
  oncanplay: (() => void) | null;
  onerror: (() => void) | null;
  onseeked: (() => void) | null;
  play(): Promise<void>;
  pause(): void;
}

function fileSource(path: string): MediaSource {
  return {
    size: statSync(path).size,
    contentType: CONTENT_TYPES[extname(path).slice(1)] ?? 'application/octet-stream',
    open: (start, end) => createReadStream(path, { start, end }),
  };
}

const skip = !chromiumAvailable() ? `no Chromium at ${CHROMIUM}` : TOOLS_MISSING;

describe('playback of every format in Chromium', { skip }, () => {
  let server: Server;
  let browser: Browser;
  let page: Page;
  let base = '';
  const fixtures = skip ? {} : audioFixtures();

  before(async () => {
    const byId = new Map(PLAYED.map((name) => [name.replace(/\./g, '-'), fixtures[name].path]));
    server = createServer((req, res) => {
      const request = new Request(`http://x${req.url}`, { method: req.method, headers: req.headers.range ? { range: req.headers.range } : {} });
      void handleMediaRequest(request, async (id) => {
        const path = byId.get(id);
        return path ? playableView(fileSource(path)) : null;
      }).then((r) => {
        res.writeHead(r.status, Object.fromEntries(r.headers));
        if (r.body) Readable.fromWeb(r.body as import('node:stream/web').ReadableStream).pipe(res);
        else res.end();
      });
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--autoplay-policy=no-user-gesture-required'] });
    page = await browser.newPage();
    await page.goto(`${base}/`);
  });

  after(async () => {
    await browser?.close();
    server?.close();
    cleanupFixtures();
  });

  for (const name of PLAYED) {
    test(name, async () => {
      const result = await page.evaluate(async (url) => {
        const a = new (globalThis as unknown as { Audio: new () => AudioLike }).Audio();
        a.muted = true;
        a.src = url;
        const ready = await new Promise<string>((resolve) => {
          a.oncanplay = () => resolve('ok');
          a.onerror = () => resolve(`MediaError ${a.error?.code} ${a.error?.message ?? ''}`);
          setTimeout(() => resolve('timeout'), 8000);
        });
        if (ready !== 'ok') return { ready, duration: 0, advanced: 0, afterSeek: 0 };
        await a.play();
        await new Promise((r) => setTimeout(r, 400));
        const advanced = a.currentTime;
        a.currentTime = 2.5;
        await new Promise<void>((r) => (a.onseeked = () => r()));
        await new Promise((r) => setTimeout(r, 200));
        const out = { ready, duration: a.duration, advanced, afterSeek: a.currentTime };
        a.pause();
        return out;
      }, `${base}/${name.replace(/\./g, '-')}`);
      assert.equal(result.ready, 'ok', `${name} did not play: ${result.ready}`);
      assert.ok(Math.abs(result.duration - 3.3) < 0.1, `${name}: duration ${result.duration}`);
      assert.ok(result.advanced > 0.1, `${name}: playback did not advance (${result.advanced})`);
      assert.ok(result.afterSeek >= 2.5 && result.afterSeek < 3.3, `${name}: after seeking to 2.5 s the time is ${result.afterSeek}`);
    });
  }
});
