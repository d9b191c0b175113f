// The page bench/player drives in Chromium. Two ways to open the same call:
//  - earmark: what the player does — peaks + duration arrive with the open (here as JSON, in the app
//    through recording.open), the real <Waveform> draws them on a streaming <audio preload=metadata>;
//  - naive: wavesurfer.js the default way — given the URL, it fetches the whole file and decodes it.
// window.__open(mode, name) resolves with the timings; window.__seek(n) measures seeks.
import { createRoot } from 'react-dom/client';
import WaveSurfer from 'wavesurfer.js';
import type { Peaks } from '../shared/types';
import { lanesFor } from '../renderer/features/player/player-model';
import { Waveform } from '../renderer/features/player/Waveform';
import '../renderer/styles/base.css';
import '../renderer/features/player/player.css';

interface OpenResult {
  drawMs: number;
  playingMs: number;
  durationSec: number;
}

declare global {
  interface Window {
    __open(mode: 'earmark' | 'naive', name: string): Promise<OpenResult>;
    __seek(count: number, seed: number): Promise<number[]>;
    __media: HTMLMediaElement | null;
    __buffered(): string;
    __close(): void;
  }
}

const until = (pred: () => boolean) =>
  new Promise<void>((resolve) => {
    const tick = () => (pred() ? resolve() : requestAnimationFrame(tick));
    tick();
  });

/** Resolves when the media is audibly playing: past its start position and advancing. */
async function playing(media: HTMLMediaElement): Promise<void> {
  const from = media.currentTime;
  await media.play();
  await until(() => !media.paused && !media.seeking && media.currentTime > from + 0.01);
}

function canvasesDrawn(root: ParentNode): boolean {
  const host = root.querySelector('.wf-host > div, #naive > div');
  const shadow = (host as HTMLElement | null)?.shadowRoot;
  return !!shadow && shadow.querySelectorAll('canvas').length > 0;
}

window.__media = null;
let closeCurrent: (() => void) | null = null;
window.__close = () => {
  closeCurrent?.();
  closeCurrent = null;
  window.__media = null;
};
window.__buffered = () => {
  const m = window.__media;
  if (!m) return '';
  const out: string[] = [];
  for (let i = 0; i < m.buffered.length; i++) out.push(`${m.buffered.start(i).toFixed(0)}-${m.buffered.end(i).toFixed(0)}`);
  return out.join(',');
};

window.__open = async (mode, name) => {
  const root = document.getElementById('root')!;
  const t0 = performance.now();
  if (mode === 'earmark') {
    const peaks = (await (await fetch(`/peaks/${name}`)).json()) as Peaks;
    const media = document.createElement('audio');
    media.preload = 'metadata';
    media.src = `/audio/${name}`;
    document.body.appendChild(media);
    const lanes = lanesFor(peaks.channels.length, { agent: 0, customer: 1 });
    const reactRoot = createRoot(root);
    closeCurrent = () => {
      reactRoot.unmount();
      media.pause();
      media.removeAttribute('src');
      media.load();
      media.remove();
    };
    reactRoot.render(
      <div style={{ width: 1100 }}>
        <Waveform media={media} peaks={peaks} lanes={lanes} laneHeight={80} zoom={{ pxPerSec: null }} onZoomRequest={() => {}} loop={null} onLoopChange={() => {}} />
      </div>,
    );
    await until(() => canvasesDrawn(root));
    const drawMs = performance.now() - t0;
    await playing(media);
    window.__media = media;
    return { drawMs, playingMs: performance.now() - t0, durationSec: peaks.durationSec };
  }
  const box = document.createElement('div');
  box.id = 'naive';
  box.style.width = '1100px';
  root.appendChild(box);
  const ws = WaveSurfer.create({
    container: box,
    url: `/audio/${name}`,
    height: 80,
    splitChannels: [
      { waveColor: '#4c5bd4', progressColor: '#2d3899' },
      { waveColor: '#0f9384', progressColor: '#0a5f55' },
    ],
    barWidth: 2,
    barGap: 1,
  });
  closeCurrent = () => {
    ws.destroy();
    box.remove();
  };
  await new Promise<void>((resolve, reject) => {
    ws.once('ready', () => resolve());
    ws.once('error', (e) => reject(e));
  });
  await until(() => canvasesDrawn(document));
  const drawMs = performance.now() - t0;
  const media = ws.getMediaElement();
  await playing(media);
  window.__media = media;
  return { drawMs, playingMs: performance.now() - t0, durationSec: ws.getDuration() };
};

window.__seek = async (count, seed) => {
  const media = window.__media!;
  let x = seed;
  const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const target = rnd() * (media.duration - 5);
    const t0 = performance.now();
    media.currentTime = target;
    await until(() => !media.seeking && !media.paused && media.currentTime > target + 0.01);
    out.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 150));
  }
  return out;
};
