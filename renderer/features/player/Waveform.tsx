// Two-lane waveform (agent / customer) drawn by wavesurfer from precomputed peaks. Wavesurfer is
// handed our own <audio preload="metadata"> element plus the peaks and duration, so it never fetches
// or decodes the recording itself; the media element streams it from the recording: scheme.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import WaveSurfer from 'wavesurfer.js';
import { formatDuration } from '../../lib/format';
import type { Peaks, RecordingDetail } from '../../../shared/types';

/** Taller lanes when the window has the room. */
const LANE_HEIGHT = typeof window !== 'undefined' && window.innerHeight >= 940 ? 104 : 78;
const TIMELINE_HEIGHT = 22;
const NICE_SECONDS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200];

/** Tick and label spacing that suit the width: ticks ≥ 10 px apart, labels ≥ 72 px apart. */
function timelineSpacing(durationSec: number, widthPx: number): { tick: number; label: number } {
  const pxPerSec = widthPx / Math.max(1, durationSec);
  const pick = (minPx: number) => NICE_SECONDS.find((s) => s * pxPerSec >= minPx) ?? NICE_SECONDS[NICE_SECONDS.length - 1]!;
  const label = pick(72);
  let tick = pick(10);
  while (label % tick !== 0) tick = NICE_SECONDS[NICE_SECONDS.indexOf(tick) + 1] ?? label;
  return { tick, label };
}

export interface Lane {
  label: string;
  kind: 'agent' | 'customer' | 'mixed' | 'other';
}

/** Which lane shows whom, in channel order. */
export function lanesFor(peaks: Peaks, map: RecordingDetail['channelMap']): Lane[] {
  if (peaks.channels.length === 1) return [{ label: 'Agent + customer', kind: 'mixed' }];
  return peaks.channels.map((_, i) =>
    i === map.agent ? { label: 'Agent', kind: 'agent' } : i === map.customer ? { label: 'Customer', kind: 'customer' } : { label: `Channel ${i + 1}`, kind: 'other' },
  );
}

function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

const COLORS: Record<Lane['kind'], { wave: string; progress: string; fallbackWave: string; fallbackProgress: string }> = {
  agent: { wave: '--agent', progress: '--agent-progress', fallbackWave: '#4c5bd4', fallbackProgress: '#2d3899' },
  customer: { wave: '--customer', progress: '--customer-progress', fallbackWave: '#0f9384', fallbackProgress: '#0a5f55' },
  mixed: { wave: '--agent', progress: '--agent-progress', fallbackWave: '#4c5bd4', fallbackProgress: '#2d3899' },
  other: { wave: '--text-3', progress: '--text-2', fallbackWave: '#858c98', fallbackProgress: '#545c69' },
};

interface Props {
  media: HTMLAudioElement;
  peaks: Peaks;
  channelMap: RecordingDetail['channelMap'];
  onReady?: () => void;
  onError?: (e: Error) => void;
}

export function Waveform({ media, peaks, channelMap, onReady, onError }: Props) {
  const containerRef = useRef<HTMLDivElement>(null);
  const lanes = lanesFor(peaks, channelMap);
  const [width, setWidth] = useState(800);
  useLayoutEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth || 800));
    ro.observe(el);
    setWidth(el.clientWidth || 800);
    return () => ro.disconnect();
  }, []);
  const spacing = timelineSpacing(peaks.durationSec, width);
  const ticks: number[] = [];
  for (let t = 0; t <= peaks.durationSec && ticks.length < 2000; t += spacing.tick) ticks.push(t);
  const readyRef = useRef(onReady);
  readyRef.current = onReady;
  const errorRef = useRef(onError);
  errorRef.current = onError;

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const laneOptions = lanes.map((lane) => {
      const c = COLORS[lane.kind];
      return { waveColor: cssVar(c.wave, c.fallbackWave) + 'b3', progressColor: cssVar(c.progress, c.fallbackProgress), height: LANE_HEIGHT };
    });
    const ws = WaveSurfer.create({
      container,
      media,
      peaks: peaks.channels,
      duration: peaks.durationSec,
      height: LANE_HEIGHT,
      splitChannels: lanes.length > 1 ? laneOptions : undefined,
      waveColor: laneOptions[0]!.waveColor,
      progressColor: laneOptions[0]!.progressColor,
      cursorColor: '#1b1f26',
      cursorWidth: 2,
      barWidth: 2,
      barGap: 1,
      barRadius: 1,
      interact: true,
      dragToSeek: true,
      hideScrollbar: true,
      autoScroll: false,
    });
    const unsubs = [ws.on('ready', () => readyRef.current?.()), ws.on('error', (e) => errorRef.current?.(e))];
    return () => {
      unsubs.forEach((u) => u());
      // The media element is external: destroy() leaves it (and its src) alone.
      ws.destroy();
    };
    // lanes derive from peaks/channelMap
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [media, peaks, channelMap.agent, channelMap.customer]);

  return (
    <div className="waveform" data-testid="player-waveform" data-lanes={lanes.length}>
      <div className="lane-labels" aria-hidden="true">
        {lanes.map((lane, i) => (
          <div key={i} className={`lane-label lane-${lane.kind}`} style={{ height: LANE_HEIGHT }}>
            <span className="lane-swatch" />
            {lane.label}
          </div>
        ))}
        <div className="lane-label lane-axis" style={{ height: TIMELINE_HEIGHT }} />
      </div>
      <div className="waveform-canvas">
        <div ref={containerRef} aria-label="Waveform: click to seek" />
        <div className="axis" aria-hidden="true" style={{ height: TIMELINE_HEIGHT }}>
          {ticks.map((t) => {
            const major = t % spacing.label === 0;
            return (
              <span key={t} className={`axis-tick${major ? ' major' : ''}`} style={{ left: `${(t / peaks.durationSec) * 100}%` }}>
                {major && t < peaks.durationSec - (spacing.label * 0.4) ? formatDuration(t) : null}
              </span>
            );
          })}
        </div>
      </div>
    </div>
  );
}
