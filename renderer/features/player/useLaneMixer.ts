// Per-lane mute/solo through Web Audio: the media element (still streaming, still doing rate and
// pitch) feeds MediaElementAudioSourceNode → ChannelSplitter → one GainNode per channel → both
// inputs of a ChannelMerger (each lane heard in both ears) → master volume → speakers.
//
// Web Audio only hears a cross-origin element whose response allowed CORS; otherwise the source node
// outputs silence. The player therefore asks for CORS on cross-origin media (crossOrigin=anonymous)
// and, if that load fails, reloads without it and reports the mixer as unavailable instead of
// silently muting everything. The graph is built on first play (a user gesture), never before.
import { useCallback, useEffect, useRef, useState } from 'react';
import { laneGains, type LaneMix } from './player-model';

export interface LaneMixer {
  /** False when the audio cannot be routed through Web Audio (see `reason`). */
  available: boolean;
  reason: string | null;
  /** True once the graph is running. */
  active: boolean;
  /** The gain each channel should have (mute/solo), applied once the graph runs. */
  gains: number[];
  /** The gains the running graph actually has right now (empty before the first play). */
  appliedGains(): number[];
  /** Per-channel output level 0..1 (post-gain), sampled on demand. */
  levels(): number[];
}

type AudioContextCtor = typeof AudioContext;

interface Graph {
  ctx: AudioContext;
  gains: GainNode[];
  master: GainNode;
  meters: AnalyserNode[];
  buf: Float32Array<ArrayBuffer>;
}

export function useLaneMixer(
  media: HTMLAudioElement | null,
  channels: number,
  mix: readonly LaneMix[],
  volume: number,
  unavailableReason: string | null,
): LaneMixer {
  const graph = useRef<Graph | null>(null);
  const [active, setActive] = useState(false);
  const wanted = laneGains(mix);
  const wantedRef = useRef(wanted);
  wantedRef.current = wanted;
  const volumeRef = useRef(volume);
  volumeRef.current = volume;
  const Ctor: AudioContextCtor | undefined = typeof window !== 'undefined' ? window.AudioContext : undefined;
  const reason = unavailableReason ?? (Ctor ? null : 'Web Audio is not available in this window.');

  // Build the graph on the first play.
  useEffect(() => {
    if (!media || reason || !Ctor) return;
    const build = () => {
      if (graph.current) {
        if (graph.current.ctx.state === 'suspended') void graph.current.ctx.resume();
        return;
      }
      const ctx = new Ctor({ latencyHint: 'playback' });
      const source = ctx.createMediaElementSource(media);
      const n = Math.max(1, channels);
      const splitter = ctx.createChannelSplitter(n);
      const merger = ctx.createChannelMerger(2);
      const master = ctx.createGain();
      const gains: GainNode[] = [];
      const meters: AnalyserNode[] = [];
      source.connect(splitter);
      for (let ch = 0; ch < n; ch++) {
        const g = ctx.createGain();
        g.gain.value = wantedRef.current[ch] ?? 1;
        splitter.connect(g, ch);
        g.connect(merger, 0, 0);
        g.connect(merger, 0, 1);
        const meter = ctx.createAnalyser();
        meter.fftSize = 512;
        g.connect(meter);
        gains.push(g);
        meters.push(meter);
      }
      // Mono recordings: the single lane already sits in both ears. Several lanes summed: keep
      // the level of one lane, so soloing does not make the call suddenly quieter.
      master.gain.value = volumeRef.current / Math.max(1, Math.min(2, n));
      merger.connect(master);
      master.connect(ctx.destination);
      // The element's own volume would be applied before the graph in some engines and not in
      // others; keep it at 1 and do volume in the graph.
      media.volume = 1;
      graph.current = { ctx, gains, master, meters, buf: new Float32Array(512) };
      setActive(true);
      if (ctx.state === 'suspended') void ctx.resume();
    };
    media.addEventListener('play', build);
    return () => media.removeEventListener('play', build);
  }, [media, channels, reason, Ctor]);

  useEffect(
    () => () => {
      const g = graph.current;
      graph.current = null;
      if (g) void g.ctx.close().catch(() => undefined);
    },
    [media],
  );

  // Apply mute/solo with a short ramp (no clicks).
  const key = wanted.join(',');
  useEffect(() => {
    const g = graph.current;
    if (!g) return;
    const now = g.ctx.currentTime;
    g.gains.forEach((node, ch) => {
      const target = wantedRef.current[ch] ?? 1;
      node.gain.cancelScheduledValues(now);
      node.gain.setValueAtTime(node.gain.value, now);
      node.gain.linearRampToValueAtTime(target, now + 0.03);
    });
  }, [key, active]);

  useEffect(() => {
    const g = graph.current;
    if (g) {
      g.master.gain.setTargetAtTime(volume / Math.max(1, Math.min(2, g.gains.length)), g.ctx.currentTime, 0.01);
    } else if (media) {
      media.volume = Math.max(0, Math.min(1, volume));
    }
  }, [volume, media, active]);

  const levels = useCallback((): number[] => {
    const g = graph.current;
    if (!g) return [];
    return g.meters.map((m) => {
      m.getFloatTimeDomainData(g.buf);
      let peak = 0;
      for (let i = 0; i < g.buf.length; i++) {
        const v = Math.abs(g.buf[i]!);
        if (v > peak) peak = v;
      }
      return peak;
    });
  }, []);

  const appliedGains = useCallback((): number[] => graph.current?.gains.map((g) => Math.round(g.gain.value * 1000) / 1000) ?? [], []);

  return { available: !reason, reason, active, gains: wanted, appliedGains, levels };
}
