// The call's waveform: one lane per channel (agent / customer), drawn by wavesurfer from precomputed
// peaks on our own streaming <audio>, so nothing is fetched or decoded here. Wavesurfer draws lazily
// (only the canvases in view), which keeps an hours-long call fluid from "whole call" down to 10 ms
// per pixel. Around it: a minimap of the whole call, a timeline, hover time, a drag-to-select loop
// region, and an overlay layer (outside wavesurfer's shadow DOM, so it can use our CSS and React
// events) for analytics bands, redactions per channel and comment pins.
import { memo, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import WaveSurfer from 'wavesurfer.js';
import MinimapPlugin from 'wavesurfer.js/dist/plugins/minimap.esm.js';
import RegionsPlugin, { type Region } from 'wavesurfer.js/dist/plugins/regions.esm.js';
import TimelinePlugin from 'wavesurfer.js/dist/plugins/timeline.esm.js';
import HoverPlugin from 'wavesurfer.js/dist/plugins/hover.esm.js';
import type { Peaks } from '../../../shared/types';
import { formatClock } from '../../lib/format';
import { clampZoom, fitPxPerSec, formatTimelineLabel, MAX_PX_PER_SEC, timelineSpacing, type Lane } from './player-model';
import type { WaveformMarker, WaveformRegion } from './overlays';

export const TIMELINE_HEIGHT = 20;
export const MINIMAP_HEIGHT = 30;

export interface LoopSpan {
  start: number;
  end: number;
}

export interface ZoomRequest {
  /** Pixels per second, or null for the whole call. */
  pxPerSec: number | null;
  /** Keep this moment under this x (px from the left edge of the view), e.g. the mouse pointer. */
  anchor?: { time: number; x: number };
}

export interface WaveformMetrics {
  /** Pixels per second that show the whole call. */
  fitPxPerSec: number;
  /** Width of the visible waveform, in px. */
  viewWidth: number;
}

export interface WaveformProps {
  media: HTMLAudioElement;
  peaks: Peaks;
  lanes: Lane[];
  laneHeight: number;
  /** Rendered in each lane's label (mute/solo buttons, level meter). */
  laneControls?: (lane: Lane) => ReactNode;
  /** Lanes shown veiled (muted or not soloed). */
  silencedChannels?: readonly number[];
  zoom: ZoomRequest;
  onZoomRequest(req: ZoomRequest): void;
  onMetrics?(m: WaveformMetrics): void;
  regions?: readonly WaveformRegion[];
  markers?: readonly WaveformMarker[];
  loop: LoopSpan | null;
  onLoopChange(loop: LoopSpan | null): void;
  onMarkerClick?(m: WaveformMarker): void;
  onRegionClick?(r: WaveformRegion): void;
  onReady?(): void;
}

function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

const LANE_COLORS: Record<Lane['kind'], [string, string, string, string]> = {
  agent: ['--agent', '#4c5bd4', '--agent-progress', '#2d3899'],
  customer: ['--customer', '#0f9384', '--customer-progress', '#0a5f55'],
  mixed: ['--agent', '#4c5bd4', '--agent-progress', '#2d3899'],
  other: ['--text-3', '#858c98', '--text-2', '#545c69'],
};

function laneColors(kind: Lane['kind']): { wave: string; progress: string } {
  const [w, wf, p, pf] = LANE_COLORS[kind];
  return { wave: cssVar(w, wf) + 'b3', progress: cssVar(p, pf) };
}

function WaveformImpl(props: WaveformProps) {
  const { media, peaks, lanes, laneHeight, zoom, loop } = props;
  const containerRef = useRef<HTMLDivElement>(null);
  const minimapRef = useRef<HTMLDivElement>(null);
  const trackRef = useRef<HTMLDivElement>(null);
  const wsRef = useRef<WaveSurfer | null>(null);
  const regionsRef = useRef<RegionsPlugin | null>(null);
  const loopRegionRef = useRef<Region | null>(null);
  const [ready, setReady] = useState(false);
  const [viewWidth, setViewWidth] = useState(0);
  const cb = useRef(props);
  cb.current = props;
  const duration = peaks.durationSec;
  const lanesHeight = laneHeight * lanes.length;

  // Keep the overlay track aligned with wavesurfer's scrolled wrapper.
  const syncOverlay = useRef(() => {});
  syncOverlay.current = () => {
    const ws = wsRef.current;
    const track = trackRef.current;
    if (!ws || !track) return;
    const wrapper = ws.getWrapper();
    track.style.width = `${wrapper.clientWidth}px`;
    track.style.transform = `translateX(${-ws.getScroll()}px)`;
  };

  // Create wavesurfer once per media/peaks.
  useEffect(() => {
    const container = containerRef.current;
    const minimapBox = minimapRef.current;
    if (!container || !minimapBox) return;
    const laneOptions = lanes.map((lane) => {
      const c = laneColors(lane.kind);
      return { waveColor: c.wave, progressColor: c.progress, height: laneHeight };
    });
    const regions = RegionsPlugin.create();
    const ws = WaveSurfer.create({
      container,
      media,
      peaks: peaks.channels,
      duration,
      height: laneHeight,
      splitChannels: lanes.length > 1 ? laneOptions : undefined,
      waveColor: laneOptions[0]!.waveColor,
      progressColor: laneOptions[0]!.progressColor,
      cursorColor: '#1b1f26',
      cursorWidth: 2,
      barWidth: 2,
      barGap: 1,
      barRadius: 1,
      interact: true,
      // Dragging selects a loop region instead (wavesurfer cannot do both at once).
      dragToSeek: false,
      hideScrollbar: false,
      autoScroll: true,
      autoCenter: true,
      minPxPerSec: 0,
      plugins: [
        regions,
        MinimapPlugin.create({
          container: minimapBox,
          height: MINIMAP_HEIGHT,
          waveColor: cssVar('--border-strong', '#cdd2da'),
          progressColor: cssVar('--text-3', '#858c98'),
          overlayColor: 'rgba(76, 91, 212, 0.14)',
          cursorColor: '#1b1f26',
          cursorWidth: 1,
          barWidth: undefined,
          splitChannels: undefined,
          normalize: false,
        }),
        HoverPlugin.create({
          lineColor: 'rgba(27, 31, 38, 0.45)',
          lineWidth: 1,
          labelBackground: '#1b1f26',
          labelColor: '#fff',
          labelSize: 11,
          formatTimeCallback: (s) => formatClock(s),
        }),
      ],
    });
    wsRef.current = ws;
    regionsRef.current = regions;

    regions.enableDragSelection({ color: 'rgba(245, 166, 35, 0.16)', id: 'loop' }, 4);
    const applyRegion = (r: Region) => {
      // One loop region at a time: a new selection replaces the old one.
      for (const other of regions.getRegions()) if (other !== r) other.remove();
      loopRegionRef.current = r;
      r.element?.setAttribute('part', `${r.element.getAttribute('part') ?? ''} loop-region`.trim());
      r.element?.setAttribute('data-testid', 'loop-region');
      if (r.end - r.start < 0.05) {
        r.remove();
        return;
      }
      cb.current.onLoopChange({ start: r.start, end: r.end });
    };
    const unsubs = [
      ws.on('ready', () => {
        setReady(true);
        cb.current.onReady?.();
      }),
      ws.on('redraw', () => syncOverlay.current()),
      ws.on('scroll', () => syncOverlay.current()),
      ws.on('zoom', () => syncOverlay.current()),
      regions.on('region-created', applyRegion),
      regions.on('region-updated', (r) => {
        if (r === loopRegionRef.current) cb.current.onLoopChange({ start: r.start, end: r.end });
      }),
      regions.on('region-removed', (r) => {
        if (r === loopRegionRef.current) {
          loopRegionRef.current = null;
        }
      }),
    ];
    return () => {
      unsubs.forEach((u) => u());
      wsRef.current = null;
      regionsRef.current = null;
      loopRegionRef.current = null;
      setReady(false);
      // The media element is ours: destroy() leaves it (and its src) alone.
      ws.destroy();
    };
    // Lanes and height derive from peaks/channel map; colours come from CSS once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [media, peaks, laneHeight, lanes.length]);

  // Track the visible width (for "fit" and the zoom limits).
  useLayoutEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const measure = () => setViewWidth(el.clientWidth);
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    measure();
    return () => ro.disconnect();
  }, []);

  const fit = fitPxPerSec(duration, viewWidth);
  useEffect(() => {
    if (viewWidth > 0) cb.current.onMetrics?.({ fitPxPerSec: fit, viewWidth });
  }, [fit, viewWidth]);

  // Apply zoom (0 = fill the width) and keep the anchor, or the playhead, in view.
  const effectivePx = zoom.pxPerSec === null ? fit : clampZoom(zoom.pxPerSec, fit);
  const zoomed = zoom.pxPerSec !== null && effectivePx > fit * 1.001;
  useEffect(() => {
    const ws = wsRef.current;
    if (!ws || !ready || viewWidth <= 0) return;
    ws.zoom(zoomed ? effectivePx : 0);
    const anchor = zoom.anchor;
    const t = anchor ? anchor.time : ws.getCurrentTime();
    const x = anchor ? anchor.x : viewWidth / 2;
    if (zoomed) ws.setScroll(Math.max(0, t * effectivePx - x));
    // A new timeline for the new scale (its intervals are fixed at creation).
    const spacing = timelineSpacing(zoomed ? effectivePx : fit);
    const timeline = TimelinePlugin.create({
      height: TIMELINE_HEIGHT,
      timeInterval: spacing.tick,
      primaryLabelInterval: spacing.label,
      secondaryLabelInterval: spacing.label,
      formatTimeCallback: (s) => formatTimelineLabel(s, spacing.label),
      secondaryLabelOpacity: 0.6,
      style: { fontSize: '10.5px', color: '#858c98' },
    });
    ws.registerPlugin(timeline);
    syncOverlay.current();
    return () => {
      try {
        ws.unregisterPlugin(timeline);
      } catch {
        // wavesurfer already destroyed with its plugins
      }
    };
    // zoom.anchor is consumed with the zoom it came with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, zoomed, effectivePx, viewWidth, fit]);

  // Ctrl/⌘ + wheel zooms around the pointer; plain wheel scrolls the page, Shift+wheel pans.
  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      const ws = wsRef.current;
      if (!ws || !(e.ctrlKey || e.metaKey)) return;
      e.preventDefault();
      const rect = el.getBoundingClientRect();
      const x = e.clientX - rect.left;
      const current = cb.current.zoom.pxPerSec === null ? fitPxPerSec(duration, el.clientWidth) : cb.current.zoom.pxPerSec;
      const time = (ws.getScroll() + x) / current;
      const factor = Math.pow(2, -e.deltaY / 240);
      const next = Math.min(MAX_PX_PER_SEC, current * factor);
      const fitNow = fitPxPerSec(duration, el.clientWidth);
      cb.current.onZoomRequest({ pxPerSec: next <= fitNow * 1.001 ? null : next, anchor: { time, x } });
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [duration]);

  // Parent-driven loop changes (cleared, or set from the keyboard).
  useEffect(() => {
    const regions = regionsRef.current;
    if (!regions || !ready) return;
    const current = loopRegionRef.current;
    if (!loop) {
      if (current) current.remove();
      return;
    }
    if (current && Math.abs(current.start - loop.start) < 1e-3 && Math.abs(current.end - loop.end) < 1e-3) return;
    if (current) current.setOptions({ start: loop.start, end: loop.end });
    else regions.addRegion({ id: 'loop', start: loop.start, end: loop.end, color: 'rgba(245, 166, 35, 0.16)' });
  }, [loop, ready]);

  const silenced = new Set(props.silencedChannels ?? []);
  const laneIndex = new Map(lanes.map((l, i) => [l.channel, i]));
  const pct = (t: number) => `${(Math.max(0, Math.min(duration, t)) / duration) * 100}%`;
  const width = (a: number, b: number) => `${(Math.max(0, Math.min(duration, b) - Math.max(0, a)) / duration) * 100}%`;
  const bands = props.regions ?? [];
  const markers = props.markers ?? [];

  return (
    <div
      className="waveform"
      data-testid="player-waveform"
      data-lanes={lanes.length}
      data-ready={ready ? 'true' : 'false'}
      data-px-per-sec={ready ? effectivePx.toFixed(4) : ''}
      data-zoomed={zoomed ? 'true' : 'false'}
    >
      <div className="lane-labels">
        <div className="lane-label lane-minimap" style={{ height: MINIMAP_HEIGHT }}>
          Overview
        </div>
        {lanes.map((lane) => (
          <div
            key={lane.channel}
            className={`lane-label lane-${lane.kind}${silenced.has(lane.channel) ? ' lane-silenced' : ''}`}
            style={{ height: laneHeight }}
            data-testid={`lane-${lane.kind}`}
          >
            <div className="lane-name">
              <span className="lane-swatch" aria-hidden="true" />
              {lane.label}
            </div>
            {props.laneControls?.(lane)}
          </div>
        ))}
        <div className="lane-label lane-axis" style={{ height: TIMELINE_HEIGHT + 1 }} />
      </div>
      <div className="waveform-canvas">
        <div className="minimap" ref={minimapRef} style={{ height: MINIMAP_HEIGHT }} aria-label="Overview of the whole call: click to seek, drag the window to scroll">
          <div className="minimap-bands" aria-hidden="true">
            {bands
              .filter((b) => b.kind === 'dead-air' || b.kind === 'overtalk' || b.kind === 'redaction')
              .map((b) => (
                <span key={b.id} className={`minimap-band band-${b.kind}`} style={{ left: pct(b.start), width: width(b.start, b.end) }} />
              ))}
            {markers.map((m) => (
              <span key={m.id} className={`minimap-pin pin-${m.kind}`} style={{ left: pct(m.time) }} />
            ))}
          </div>
        </div>
        <div className="wf-stage">
          <div ref={containerRef} className="wf-host" aria-label="Waveform: click to seek, drag to select a loop, Ctrl+wheel to zoom" />
          <div className="wf-overlay" style={{ height: lanesHeight }} aria-hidden={bands.length === 0 && markers.length === 0}>
            <div className="wf-track" ref={trackRef}>
              {lanes.map((lane, i) =>
                silenced.has(lane.channel) ? (
                  <div key={`veil-${lane.channel}`} className="lane-veil" style={{ top: i * laneHeight, height: laneHeight }} />
                ) : null,
              )}
              {bands.map((b) => {
                const li = b.channel === null ? undefined : laneIndex.get(b.channel);
                const top = li === undefined ? 0 : li * laneHeight;
                const h = li === undefined ? lanesHeight : laneHeight;
                return (
                  <div
                    key={b.id}
                    className={`wf-band band-${b.kind}${props.onRegionClick && b.kind === 'redaction' ? ' clickable' : ''}${b.className ? ` ${b.className}` : ''}`}
                    style={{ left: pct(b.start), width: width(b.start, b.end), top, height: h, background: b.color }}
                    title={b.label}
                    data-kind={b.kind}
                    data-region-id={b.id}
                    data-channel={b.channel ?? 'all'}
                    onClick={b.kind === 'redaction' && props.onRegionClick ? () => props.onRegionClick!(b) : undefined}
                  />
                );
              })}
              {markers.map((m) => (
                <button
                  key={m.id}
                  type="button"
                  className={`wf-pin pin-${m.kind}`}
                  style={{ left: pct(m.time), ['--pin-color' as string]: m.color }}
                  title={`${formatClock(m.time)} · ${m.label}`}
                  aria-label={`${m.kind === 'comment' ? 'Comment' : 'Bookmark'} at ${formatClock(m.time)}: ${m.label}`}
                  data-testid="wf-pin"
                  onClick={() => props.onMarkerClick?.(m)}
                >
                  <span className="wf-pin-head" />
                </button>
              ))}
            </div>
          </div>
        </div>
      </div>
    </div>
  );
}

export const Waveform = memo(WaveformImpl);
