// One open recording: the waveform with its lanes, transport, talk analytics and the transcript.
// Audio streams through our own <audio preload="metadata"> (never decoded here); wavesurfer only
// draws the precomputed peaks on it. The clock and transcript follow the playhead on their own, so
// this component re-renders only when something the listener changed (rate, lanes, zoom, loop).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { OpenedRecording } from '../../../shared/types';
import { call, isCommandError, mediaUrl } from '../../api/client';
import { useApp } from '../../app/store';
import { capitalize, formatClock, formatDateTime, formatDuration } from '../../lib/format';
import { isInteractiveTarget, isTypingTarget } from '../../lib/keys';
import { MetadataPanel } from './MetadataPanel';
import { setPlayerHandle, usePlayerOverlays, type WaveformMarker, type WaveformRegion } from './overlays';
import { analyticsOf } from './player-data';
import {
  clampRate,
  describeZoom,
  lanesFor,
  MAX_PX_PER_SEC,
  nextMoment,
  previousMoment,
  RATES,
  SHUTTLE_REVERSE,
  spanAt,
  stepRate,
  ZOOM_STEP,
  type Lane,
  type LaneMix,
  type Moment,
} from './player-model';
import { actionForKey, type PlayerAction } from './shortcuts';
import { ShortcutHelp } from './ShortcutHelp';
import { TalkSummary } from './TalkSummary';
import { TranscriptPanel } from './TranscriptPanel';
import { useLaneMixer } from './useLaneMixer';
import { useMediaTime } from './useMediaTime';
import { Waveform, type LoopSpan, type WaveformMetrics, type ZoomRequest } from './Waveform';
// Issue 6: redaction marks, clips, exports and legal holds plug in below the waveform.
import { LegalHoldBadge } from '../redaction/LegalHoldBadge';
import { RedactionPanel } from '../redaction/RedactionPanel';

const LANE_HEIGHT = typeof window !== 'undefined' && window.innerHeight >= 940 ? 96 : 80;
const EMPTY_MARKERS: WaveformMarker[] = [];

function isCrossOrigin(url: string): boolean {
  try {
    return new URL(url, window.location.href).origin !== window.location.origin;
  } catch {
    return true;
  }
}

function Clock({ media, duration }: { media: HTMLAudioElement | null; duration: number }) {
  const t = useMediaTime(media, (s) => Math.floor(s * 10));
  return (
    <div className="clock">
      <span data-testid="player-time">{formatClock(t / 10)}</span>
      <span className="clock-sep">/</span>
      <span data-testid="player-duration" className="clock-total">
        {formatClock(duration)}
      </span>
    </div>
  );
}

function SeekBar({ media, duration, onSeek }: { media: HTMLAudioElement | null; duration: number; onSeek(t: number): void }) {
  const t = useMediaTime(media, (s) => Math.round(s * 10) / 10);
  return (
    <input
      className="seek"
      type="range"
      min={0}
      max={duration || 0}
      step={0.1}
      value={Math.min(t, duration || 0)}
      onChange={(e) => onSeek(Number(e.target.value))}
      aria-label="Playback position"
      data-testid="player-seek"
    />
  );
}

export function PlayerView({ opened, active }: { opened: OpenedRecording; active: boolean }) {
  const r = opened.recording;
  const peaks = opened.peaks;
  const analytics = useMemo(() => analyticsOf(opened), [opened]);
  const reportError = useApp((s) => s.reportError);
  const [media, setMedia] = useState<HTMLAudioElement | null>(null);
  const [playing, setPlaying] = useState(false);
  const [duration, setDuration] = useState(peaks?.durationSec || r.durationSec || 0);
  const [mediaError, setMediaError] = useState<string | null>(null);
  const [rate, setRate] = useState(1);
  const [volume, setVolume] = useState(1);
  const lanes: Lane[] = useMemo(() => lanesFor(peaks?.channels.length ?? r.audio.channels ?? 1, r.channelMap), [peaks, r.audio.channels, r.channelMap]);
  const [mix, setMix] = useState<LaneMix[]>(() => lanes.map(() => ({ muted: false, solo: false })));
  const [loop, setLoop] = useState<LoopSpan | null>(null);
  const [loopOn, setLoopOn] = useState(false);
  const [skipDeadAir, setSkipDeadAir] = useState(false);
  const [zoom, setZoom] = useState<ZoomRequest>({ pxPerSec: null });
  const [metrics, setMetrics] = useState<WaveformMetrics | null>(null);
  const [help, setHelp] = useState(false);
  const [reverse, setReverse] = useState<number | null>(null);
  const [searchTick, setSearchTick] = useState(0);
  const [sideTab, setSideTab] = useState<'transcript' | 'details'>(r.hasTranscript ? 'transcript' : 'details');
  const src = useRef(mediaUrl(r.id));
  const crossOrigin = useMemo(() => isCrossOrigin(src.current), []);
  const [corsFailed, setCorsFailed] = useState(false);
  const mixer = useLaneMixer(
    media,
    lanes.length,
    mix,
    volume,
    corsFailed ? 'Lane mute and solo need the audio to allow Web Audio access (CORS); playback works without them.' : null,
  );

  // What other features (comments, redactions) publish for this recording, plus the analytics bands.
  const layers = usePlayerOverlays((s) => s.layers);
  const { markers, regions } = useMemo(() => {
    const ms: WaveformMarker[] = [];
    const rs: WaveformRegion[] = [];
    if (analytics) {
      analytics.deadAir.forEach((s, i) => rs.push({ id: `dead-air-${i}`, start: s.start, end: s.end, kind: 'dead-air', channel: null, label: `Dead air ${formatDuration(s.end - s.start)}` }));
      analytics.overtalk.forEach((s, i) => rs.push({ id: `overtalk-${i}`, start: s.start, end: s.end, kind: 'overtalk', channel: null, label: `Overtalk ${(s.end - s.start).toFixed(1)} s` }));
    }
    for (const layer of Object.values(layers)) {
      if (layer.recordingId !== r.id) continue;
      ms.push(...(layer.markers ?? []));
      rs.push(...(layer.regions ?? []));
    }
    return { markers: ms.length ? ms : EMPTY_MARKERS, regions: rs };
  }, [analytics, layers, r.id]);
  const moments = useMemo(() => {
    const comments: Moment[] = markers.filter((m) => m.kind === 'comment').map((m) => ({ start: m.time }));
    const redactions: Moment[] = regions.filter((x) => x.kind === 'redaction').map((x) => ({ start: x.start, end: x.end }));
    return { comments, redactions, silences: analytics?.deadAir ?? [] };
  }, [markers, regions, analytics]);

  // Wire the media element: play/pause state, one recording.play per start, duration, errors.
  useEffect(() => {
    if (!media) return;
    const onPlay = () => {
      setPlaying(true);
      setMediaError(null);
      call('recording.play', { id: r.id, positionSec: Math.max(0, media.currentTime || 0) }).catch((e) => {
        reportError(e, 'recording.play');
        if (isCommandError(e) && e.code === 'denied') media.pause();
      });
    };
    const onPause = () => setPlaying(false);
    const onDuration = () => {
      if (Number.isFinite(media.duration) && media.duration > 0 && !peaks) setDuration(media.duration);
    };
    const onError = () => {
      // A cross-origin load that asked for CORS and was refused: play without Web Audio instead.
      if (media.crossOrigin && !corsFailed) {
        setCorsFailed(true);
        return;
      }
      const err = media.error;
      setMediaError(err ? err.message || `media error ${err.code}` : 'the audio could not be loaded');
      setPlaying(false);
    };
    media.addEventListener('play', onPlay);
    media.addEventListener('pause', onPause);
    media.addEventListener('ended', onPause);
    media.addEventListener('durationchange', onDuration);
    media.addEventListener('error', onError);
    return () => {
      media.removeEventListener('play', onPlay);
      media.removeEventListener('pause', onPause);
      media.removeEventListener('ended', onPause);
      media.removeEventListener('durationchange', onDuration);
      media.removeEventListener('error', onError);
    };
  }, [media, r.id, peaks, reportError, corsFailed]);

  useEffect(() => () => media?.pause(), [media]);

  useEffect(() => {
    if (media && corsFailed) {
      media.removeAttribute('crossorigin');
      media.load();
    }
  }, [media, corsFailed]);

  // Rate with pitch preserved (a 2x supervisor still hears voices, not chipmunks).
  useEffect(() => {
    if (!media) return;
    media.preservesPitch = true;
    media.defaultPlaybackRate = rate;
    media.playbackRate = rate;
  }, [media, rate]);

  const seekTo = useCallback(
    (sec: number) => {
      if (!media) return;
      const t = Math.max(0, Math.min(duration || 0, sec));
      media.currentTime = t;
    },
    [media, duration],
  );

  // Opened at a moment (a transcript search hit, app store openRecording(id, { atSec })): seek there
  // once per request, half a second early so the first word is heard whole.
  const openAt = useApp((s) => s.openAt);
  const seekedFor = useRef(0);
  useEffect(() => {
    if (!media || openAt.atSec === null || seekedFor.current === openAt.seq) return;
    seekedFor.current = openAt.seq;
    const at = Math.max(0, openAt.atSec - 0.5);
    if (media.readyState >= 1) media.currentTime = at;
    else media.addEventListener('loadedmetadata', () => (media.currentTime = at), { once: true });
  }, [media, openAt]);

  const play = useCallback(() => {
    if (!media) return;
    setReverse(null);
    media.play().catch((e: unknown) => {
      if (e instanceof DOMException && e.name === 'AbortError') return;
      setMediaError(e instanceof Error ? e.message : String(e));
    });
  }, [media]);

  const toggle = useCallback(() => {
    if (!media) return;
    if (media.paused && reverse === null) play();
    else {
      setReverse(null);
      media.pause();
    }
  }, [media, play, reverse]);

  // While playing: hold the loop, skip dead air when asked.
  useEffect(() => {
    if (!media || !playing || (!(loopOn && loop) && !(skipDeadAir && analytics))) return;
    let raf = 0;
    if (loopOn && loop && (media.currentTime < loop.start - 0.05 || media.currentTime >= loop.end)) media.currentTime = loop.start;
    const tick = () => {
      const t = media.currentTime;
      if (loopOn && loop && t >= loop.end) media.currentTime = loop.start;
      else if (skipDeadAir && analytics) {
        const gap = spanAt(analytics.deadAir, t);
        // Leave a breath of the silence so the cut is audible as a cut.
        if (gap && gap.end - t > 0.8) media.currentTime = gap.end - 0.4;
      }
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [media, playing, loopOn, loop, skipDeadAir, analytics]);

  // J: the playhead runs backwards (audio cannot play in reverse; the view and position do).
  useEffect(() => {
    if (!media || reverse === null) return;
    media.pause();
    const speed = SHUTTLE_REVERSE[reverse] ?? SHUTTLE_REVERSE[0];
    const timer = setInterval(() => {
      const t = Math.max(0, media.currentTime - speed * 0.1);
      media.currentTime = t;
      if (t <= 0) setReverse(null);
    }, 100);
    return () => clearInterval(timer);
  }, [media, reverse]);

  // Lane level meters, straight into the DOM (no React render per frame).
  const meterRefs = useRef(new Map<number, HTMLElement>());
  useEffect(() => {
    if (!playing || !mixer.active) {
      meterRefs.current.forEach((el) => (el.style.transform = 'scaleX(0)'));
      return;
    }
    let raf = 0;
    const tick = () => {
      mixer.levels().forEach((lv, ch) => {
        const el = meterRefs.current.get(ch);
        if (el) el.style.transform = `scaleX(${Math.min(1, Math.sqrt(lv) * 1.2).toFixed(3)})`;
      });
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [playing, mixer.active, mixer]);

  // Let other features find the open player.
  useEffect(() => {
    if (!media) return;
    setPlayerHandle({
      recordingId: r.id,
      getTime: () => media.currentTime,
      getDuration: () => duration,
      seek: (t, opts) => {
        seekTo(t);
        if (opts?.play) play();
      },
      select: (span) => {
        setLoop(span);
        setLoopOn(span !== null);
      },
    });
    return () => setPlayerHandle(null);
  }, [media, r.id, duration, seekTo, play]);

  // Issue 6: the selection (loop region) is what redaction marks and clips are made from.
  useEffect(() => {
    usePlayerOverlays.getState().setSelection(loop ? { recordingId: r.id, start: loop.start, end: loop.end } : null);
  }, [loop, r.id]);
  useEffect(() => () => usePlayerOverlays.getState().setSelection(null), []);

  const fit = metrics?.fitPxPerSec ?? 0;
  const effectiveZoom = zoom.pxPerSec ?? fit;
  const zoomBy = useCallback(
    (factor: number) => {
      if (!fit) return;
      const current = zoom.pxPerSec ?? fit;
      const next = Math.min(MAX_PX_PER_SEC, current * factor);
      setZoom({ pxPerSec: next <= fit * 1.001 ? null : next });
    },
    [fit, zoom.pxPerSec],
  );

  const toggleLane = useCallback((i: number, what: 'muted' | 'solo') => {
    setMix((m) => m.map((x, k) => (k === i ? { ...x, [what]: !x[what] } : x)));
  }, []);

  const silenced = useMemo(() => {
    const anySolo = mix.some((m) => m.solo);
    return lanes.filter((_, i) => (anySolo ? !mix[i]?.solo : mix[i]?.muted)).map((l) => l.channel);
  }, [mix, lanes]);

  const jump = useCallback(
    (list: readonly Moment[], dir: 1 | -1) => {
      if (!media) return;
      const m = dir > 0 ? nextMoment(list, media.currentTime) : previousMoment(list, media.currentTime);
      if (m) seekTo(m.start);
    },
    [media, seekTo],
  );

  const run = useCallback(
    (action: PlayerAction) => {
      if (!media) return;
      const t = media.currentTime;
      switch (action) {
        case 'toggle':
          return toggle();
        case 'pause':
          setReverse(null);
          return media.pause();
        case 'shuttleForward':
          if (!media.paused && reverse === null) setRate((x) => stepRate(x, 1));
          return play();
        case 'shuttleReverse':
          return setReverse((x) => (x === null ? 0 : Math.min(SHUTTLE_REVERSE.length - 1, x + 1)));
        case 'back5':
          return seekTo(t - 5);
        case 'forward5':
          return seekTo(t + 5);
        case 'back1':
          return seekTo(t - 1);
        case 'forward1':
          return seekTo(t + 1);
        case 'start':
          return seekTo(0);
        case 'end':
          return seekTo(duration - 0.05);
        case 'zoomIn':
          return zoomBy(ZOOM_STEP);
        case 'zoomOut':
          return zoomBy(1 / ZOOM_STEP);
        case 'zoomFit':
          return setZoom({ pxPerSec: null });
        case 'slower':
          return setRate((x) => stepRate(x, -1));
        case 'faster':
          return setRate((x) => stepRate(x, 1));
        case 'nextComment':
          return jump(moments.comments, 1);
        case 'prevComment':
          return jump(moments.comments, -1);
        case 'nextRedaction':
          return jump(moments.redactions, 1);
        case 'prevRedaction':
          return jump(moments.redactions, -1);
        case 'nextSilence':
          return jump(moments.silences, 1);
        case 'prevSilence':
          return jump(moments.silences, -1);
        case 'loopIn':
          setLoop((l) => (l && l.end > t + 0.1 ? { start: t, end: l.end } : { start: t, end: Math.min(duration, t + 5) }));
          return setLoopOn(true);
        case 'loopOut':
          setLoop((l) => (l && l.start < t - 0.1 ? { start: l.start, end: t } : { start: Math.max(0, t - 5), end: t }));
          return setLoopOn(true);
        case 'toggleLoop':
          return setLoopOn((x) => !x);
        case 'clearLoop':
          setLoop(null);
          return setLoopOn(false);
        case 'muteLane1':
          return toggleLane(0, 'muted');
        case 'muteLane2':
          return lanes.length > 1 ? toggleLane(1, 'muted') : undefined;
        case 'soloLane1':
          return toggleLane(0, 'solo');
        case 'soloLane2':
          return lanes.length > 1 ? toggleLane(1, 'solo') : undefined;
        case 'findInTranscript':
          setSideTab('transcript');
          return setSearchTick((x) => x + 1);
        case 'help':
          return setHelp((x) => !x);
      }
    },
    [media, toggle, play, reverse, seekTo, duration, zoomBy, jump, moments, toggleLane, lanes.length],
  );

  // Player shortcuts, only while the player is the visible screen and nobody is typing.
  useEffect(() => {
    if (!active || help) return;
    const onKey = (e: KeyboardEvent) => {
      // Another part of the screen (an evaluation question, the redaction panel) already took it.
      if (e.defaultPrevented) return;
      const action = actionForKey(e);
      if (!action) return;
      if (action === 'findInTranscript') {
        e.preventDefault();
        run(action);
        return;
      }
      if (action === 'toggle' ? isInteractiveTarget(e.target) : isTypingTarget(e.target)) return;
      // A focused slider or menu keeps its own arrow keys.
      const el = e.target as HTMLElement | null;
      if (el && (el.tagName === 'SELECT' || (el.tagName === 'INPUT' && (el as HTMLInputElement).type === 'range')) && /^Arrow|^Home$|^End$/.test(e.key)) return;
      if (e.repeat && (action === 'shuttleForward' || action === 'shuttleReverse' || action === 'help')) return;
      e.preventDefault();
      run(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, help, run]);

  const onLoopChange = useCallback((l: LoopSpan | null) => {
    setLoop(l);
    if (l) setLoopOn(true);
  }, []);
  const onMarkerClick = useCallback(
    (m: WaveformMarker) => {
      seekTo(m.time);
      for (const layer of Object.values(usePlayerOverlays.getState().layers)) if (layer.markers?.includes(m)) layer.onActivate?.({ marker: m });
    },
    [seekTo],
  );
  const onRegionClick = useCallback(
    (x: WaveformRegion) => {
      seekTo(x.start);
      for (const layer of Object.values(usePlayerOverlays.getState().layers)) if (layer.regions?.includes(x)) layer.onActivate?.({ region: x });
    },
    [seekTo],
  );
  const onZoomRequest = useCallback((req: ZoomRequest) => setZoom(req), []);

  const laneControls = useCallback(
    (lane: Lane) => {
      const i = lanes.indexOf(lane);
      const m = mix[i] ?? { muted: false, solo: false };
      const disabled = !mixer.available || lanes.length < 2;
      const why = !mixer.available ? mixer.reason ?? undefined : lanes.length < 2 ? 'This recording has one channel.' : undefined;
      return (
        <div className="lane-controls">
          <button
            type="button"
            className={`lane-btn${m.muted ? ' on mute' : ''}`}
            aria-pressed={m.muted}
            disabled={disabled}
            title={why ?? `Mute ${lane.label.toLowerCase()} (${i + 1})`}
            onClick={() => toggleLane(i, 'muted')}
            data-testid={`mute-${lane.kind}`}
            data-gain={mixer.gains[i]}
          >
            M
          </button>
          <button
            type="button"
            className={`lane-btn${m.solo ? ' on solo' : ''}`}
            aria-pressed={m.solo}
            disabled={disabled}
            title={why ?? `Solo ${lane.label.toLowerCase()} (Shift+${i + 1})`}
            onClick={() => toggleLane(i, 'solo')}
            data-testid={`solo-${lane.kind}`}
          >
            S
          </button>
          <span className="lane-meter" aria-hidden="true">
            <span
              className="lane-meter-fill"
              ref={(el) => {
                if (el) meterRefs.current.set(lane.channel, el);
                else meterRefs.current.delete(lane.channel);
              }}
            />
          </span>
        </div>
      );
    },
    [lanes, mix, mixer.available, mixer.reason, mixer.gains, toggleLane],
  );

  const rateOptions = RATES.includes(rate as (typeof RATES)[number]) ? RATES : [...RATES, rate].sort((a, b) => a - b);

  return (
    <div className="player">
      <div className="player-main">
        <header className="player-head">
          <div className="player-title">
            <h1>
              {r.agentName}
              <span className="player-title-sep">·</span>
              <span className="player-title-sub">{formatDateTime(r.startTime)}</span>
            </h1>
            <div className="player-subline">
              <span className="mono">{r.id}</span>
              <span>{capitalize(r.direction)}</span>
              {r.queue && <span>{r.queue}</span>}
              <span>{formatDuration(r.durationSec)}</span>
              {r.consent && !r.consent.announcementPlayed && <span className="chip chip-warn">No announcement</span>}
              <LegalHoldBadge recordingId={r.id} />
            </div>
          </div>
          <span className="topbar-spacer" />
          <button type="button" className="btn btn-sm btn-ghost" onClick={() => setHelp(true)} data-testid="player-help-button" title="Keyboard shortcuts (?)">
            <kbd>?</kbd> Shortcuts
          </button>
        </header>

        <div className="player-body">
          <div className="player-stage">
            {peaks && lanes.length > 1 && <TalkSummary analytics={analytics} onSeek={seekTo} />}

            <section className="transport-card">
              {peaks ? (
                media ? (
                  <Waveform
                    media={media}
                    peaks={peaks}
                    lanes={lanes}
                    laneHeight={LANE_HEIGHT}
                    laneControls={laneControls}
                    silencedChannels={silenced}
                    zoom={zoom}
                    onZoomRequest={onZoomRequest}
                    onMetrics={setMetrics}
                    regions={regions}
                    markers={markers}
                    loop={loop}
                    onLoopChange={onLoopChange}
                    onMarkerClick={onMarkerClick}
                    onRegionClick={onRegionClick}
                  />
                ) : (
                  <div className="waveform" data-lanes={0} />
                )
              ) : (
                <div className="waveform waveform-missing" data-testid="player-waveform" data-lanes={0}>
                  <div className="no-peaks">
                    <strong>Waveform unavailable</strong>
                    <span>{opened.peaksUnavailable ?? 'No waveform was computed for this recording.'} Playback still works.</span>
                  </div>
                  <SeekBar media={media} duration={duration} onSeek={seekTo} />
                </div>
              )}
              <div className="controls">
                <button
                  type="button"
                  className={`play-btn${playing ? ' playing' : ''}`}
                  onClick={toggle}
                  disabled={!media}
                  aria-label={playing ? 'Pause' : 'Play'}
                  title={playing ? 'Pause (Space)' : 'Play (Space)'}
                  data-testid="player-play"
                  data-state={playing ? 'playing' : reverse !== null ? 'rewinding' : 'paused'}
                >
                  {playing ? (
                    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
                      <rect x="3" y="2" width="3.5" height="12" rx="1" />
                      <rect x="9.5" y="2" width="3.5" height="12" rx="1" />
                    </svg>
                  ) : (
                    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
                      <path d="M4 2.2v11.6a.8.8 0 0 0 1.2.7l9.3-5.8a.8.8 0 0 0 0-1.4L5.2 1.5A.8.8 0 0 0 4 2.2z" />
                    </svg>
                  )}
                </button>
                <Clock media={media} duration={duration} />
                {reverse !== null && (
                  <span className="chip chip-accent" data-testid="player-rewinding">
                    ◀◀ {SHUTTLE_REVERSE[reverse]}×
                  </span>
                )}
                <span className="controls-divider" />
                <label className="ctl" title="Playback speed, pitch preserved (< and >)">
                  <span className="ctl-label">Speed</span>
                  <select className="select select-sm" value={rate} onChange={(e) => setRate(clampRate(Number(e.target.value)))} data-testid="player-rate" aria-label="Playback speed">
                    {rateOptions.map((x) => (
                      <option key={x} value={x}>
                        {x}×
                      </option>
                    ))}
                  </select>
                </label>
                <label className="ctl" title="Volume">
                  <svg viewBox="0 0 16 16" width="15" height="15" aria-hidden="true" className="ctl-icon">
                    <path d="M2.5 6h2.3L8 3.2v9.6L4.8 10H2.5z" fill="currentColor" />
                    {volume > 0 && <path d="M10.3 5.6a3.4 3.4 0 0 1 0 4.8" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" />}
                    {volume > 0.5 && <path d="M12.1 3.8a6 6 0 0 1 0 8.4" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" />}
                  </svg>
                  <input
                    type="range"
                    className="volume"
                    min={0}
                    max={1}
                    step={0.05}
                    value={volume}
                    onChange={(e) => setVolume(Number(e.target.value))}
                    aria-label="Volume"
                    data-testid="player-volume"
                  />
                </label>
                <span className="controls-divider" />
                <button
                  type="button"
                  className={`btn btn-sm toggle${loopOn ? ' on' : ''}`}
                  aria-pressed={loopOn}
                  onClick={() => setLoopOn((x) => !x)}
                  disabled={!loop}
                  title={loop ? `Loop ${formatClock(loop.start)}–${formatClock(loop.end)} (Shift+L)` : 'Drag across the waveform (or press I and O) to choose a part to loop'}
                  data-testid="player-loop"
                >
                  <svg viewBox="0 0 16 16" width="13" height="13" aria-hidden="true">
                    <path d="M3 7.5V6.5a2 2 0 0 1 2-2h7M10 2.5l2 2-2 2M13 8.5v1a2 2 0 0 1-2 2H4M6 13.5l-2-2 2-2" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
                  </svg>
                  {loop ? `Loop ${formatDuration(loop.end - loop.start)}` : 'Loop'}
                </button>
                {analytics && analytics.deadAir.length > 0 && (
                  <button
                    type="button"
                    className={`btn btn-sm toggle${skipDeadAir ? ' on' : ''}`}
                    aria-pressed={skipDeadAir}
                    onClick={() => setSkipDeadAir((x) => !x)}
                    title="Jump over dead air while playing"
                    data-testid="player-skip-dead-air"
                  >
                    Skip dead air
                  </button>
                )}
                <span className="topbar-spacer" />
                {peaks && (
                  <div className="zoom" role="group" aria-label="Zoom">
                    <button type="button" className="btn btn-sm btn-icon" onClick={() => zoomBy(1 / ZOOM_STEP)} disabled={!fit || zoom.pxPerSec === null} aria-label="Zoom out" title="Zoom out (−)" data-testid="zoom-out">
                      −
                    </button>
                    <span className="zoom-level" data-testid="zoom-level">
                      {zoom.pxPerSec === null ? 'Whole call' : metrics ? describeZoom(effectiveZoom, metrics.viewWidth) : ''}
                    </span>
                    <button type="button" className="btn btn-sm btn-icon" onClick={() => zoomBy(ZOOM_STEP)} disabled={!fit || effectiveZoom >= MAX_PX_PER_SEC} aria-label="Zoom in" title="Zoom in (+)" data-testid="zoom-in">
                      +
                    </button>
                    <button type="button" className="btn btn-sm btn-ghost" onClick={() => setZoom({ pxPerSec: null })} disabled={zoom.pxPerSec === null} title="Show the whole call (0)">
                      Fit
                    </button>
                  </div>
                )}
              </div>
              {mediaError && (
                <p className="media-error" role="alert">
                  The audio could not be played: {mediaError}
                </p>
              )}
              {/* Our own element: wavesurfer only borrows it. preload="metadata": never the whole file up front. */}
              <audio
                ref={setMedia}
                src={src.current}
                preload="metadata"
                crossOrigin={crossOrigin && !corsFailed ? 'anonymous' : undefined}
                className="sr-only"
                data-testid="player-audio"
              />
            </section>
            <p className="access-note">
              <svg viewBox="0 0 16 16" width="13" height="13" aria-hidden="true">
                <circle cx="8" cy="8" r="6.3" fill="none" stroke="currentColor" strokeWidth="1.4" />
                <path d="M8 4.6V8l2.2 1.6" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" />
              </svg>
              Opening and playing this recording is logged in the audit trail under your profile.
              <span className="topbar-spacer" />
              <span className="subtle controls-hint">
                <kbd>Space</kbd> play · <kbd>J</kbd> <kbd>K</kbd> <kbd>L</kbd> shuttle · <kbd>←</kbd> <kbd>→</kbd> 5 s · <kbd>?</kbd> all shortcuts
              </span>
            </p>
            <RedactionPanel recording={r} lanes={lanes} active={active} />
          </div>
          <section className="side" aria-label="Transcript and details">
            <div className="side-tabs" role="tablist">
              <button type="button" role="tab" aria-selected={sideTab === 'transcript'} className={`side-tab${sideTab === 'transcript' ? ' active' : ''}`} onClick={() => setSideTab('transcript')} data-testid="tab-transcript">
                Transcript
              </button>
              <button type="button" role="tab" aria-selected={sideTab === 'details'} className={`side-tab${sideTab === 'details' ? ' active' : ''}`} onClick={() => setSideTab('details')} data-testid="tab-details">
                Details
              </button>
            </div>
            <div className="side-body" hidden={sideTab !== 'transcript'}>
              <TranscriptPanel recording={r} media={media} onSeek={seekTo} focusSearchTick={searchTick} />
            </div>
            <div className="side-body" hidden={sideTab !== 'details'}>
              <MetadataPanel r={r} />
            </div>
          </section>
        </div>
      </div>
      {help && <ShortcutHelp onClose={() => setHelp(false)} />}
    </div>
  );
}
