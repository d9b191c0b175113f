// The player: opens a recording through recording.open, plays it from the recording: scheme through
// a plain <audio preload="metadata">, and draws the precomputed peaks with wavesurfer.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { OpenedRecording } from '../../../shared/types';
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from '../../../shared/permissions';
import { call, isCommandError, mediaUrl } from '../../api/client';
import { deniedMessage, useApp } from '../../app/store';
import { capitalize, formatClock, formatDateTime, formatDuration } from '../../lib/format';
import { isInteractiveTarget, isTypingTarget } from '../../lib/keys';
import { MetadataPanel } from './MetadataPanel';
import { Waveform } from './Waveform';
import './player.css';

type LoadState =
  | { status: 'idle' }
  | { status: 'loading'; id: string }
  | { status: 'ready'; id: string; opened: OpenedRecording }
  | { status: 'denied'; id: string; message: string }
  | { status: 'error'; id: string; message: string };

export function PlayerScreen({ active }: { active: boolean }) {
  const id = useApp((s) => s.openRecordingId);
  const reportError = useApp((s) => s.reportError);
  const setScreen = useApp((s) => s.setScreen);
  const role = useApp((s) => s.session?.profile?.role ?? null);
  const [state, setState] = useState<LoadState>({ status: 'idle' });

  useEffect(() => {
    if (!id) {
      setState({ status: 'idle' });
      return;
    }
    let live = true;
    setState({ status: 'loading', id });
    call('recording.open', { id }).then(
      (opened) => live && setState({ status: 'ready', id, opened }),
      (e) => {
        if (!live) return;
        reportError(e, 'recording.open');
        if (isCommandError(e) && e.code === 'denied') setState({ status: 'denied', id, message: e.message });
        else setState({ status: 'error', id, message: e instanceof Error ? e.message : String(e) });
      },
    );
    return () => {
      live = false;
    };
  }, [id, reportError]);

  if (state.status === 'idle') {
    return (
      <div className="player-empty">
        <div className="empty">
          <h2>No recording open</h2>
          <p>Pick a call in the Library and press Enter, or double-click it.</p>
          <button type="button" className="btn" onClick={() => setScreen('library')}>
            Go to Library
          </button>
        </div>
      </div>
    );
  }
  if (state.status === 'loading') {
    return (
      <div className="player-empty">
        <div className="vt-state">
          <span className="spinner" aria-hidden="true" /> Opening {state.id}…
        </div>
      </div>
    );
  }
  if (state.status === 'denied') {
    return (
      <div className="player-empty">
        <div className="denied-card" data-testid="player-denied" role="alert">
          <span className="denied-icon" aria-hidden="true">
            <svg viewBox="0 0 20 20" width="20" height="20">
              <rect x="4" y="9" width="12" height="9" rx="2" fill="currentColor" />
              <path d="M6.5 9V6.5a3.5 3.5 0 0 1 7 0V9" fill="none" stroke="currentColor" strokeWidth="1.8" />
            </svg>
          </span>
          <h2>{deniedMessage(role ? ROLE_LABELS[role] : ROLE_LABELS.guest)}</h2>
          <p>Listening to recordings is not part of the {role ? ROLE_LABELS[role] : 'current'} role.</p>
          {role && (
            <p className="denied-role">
              <strong>{ROLE_LABELS[role]}:</strong> {ROLE_DESCRIPTIONS[role]}
            </p>
          )}
          <p className="subtle">
            Recording <span className="mono">{state.id}</span> was not opened. The attempt is recorded in the audit trail.
          </p>
          <div className="denied-actions">
            <button type="button" className="btn" onClick={() => setScreen('library')}>
              Back to Library
            </button>
            <button type="button" className="btn btn-ghost" onClick={() => setScreen('audit')}>
              Open the audit trail
            </button>
          </div>
        </div>
      </div>
    );
  }
  if (state.status === 'error') {
    return (
      <div className="player-empty">
        <div className="empty">
          <h2>The recording could not be opened</h2>
          <p>{state.message}</p>
          <button type="button" className="btn" onClick={() => setScreen('library')}>
            Back to Library
          </button>
        </div>
      </div>
    );
  }
  return <PlayerView key={state.id} opened={state.opened} active={active} />;
}

function PlayerView({ opened, active }: { opened: OpenedRecording; active: boolean }) {
  const r = opened.recording;
  const reportError = useApp((s) => s.reportError);
  const [media, setMedia] = useState<HTMLAudioElement | null>(null);
  const [playing, setPlaying] = useState(false);
  const [time, setTime] = useState(0);
  const [duration, setDuration] = useState(opened.peaks?.durationSec || r.durationSec || 0);
  const [mediaError, setMediaError] = useState<string | null>(null);
  const src = useRef(mediaUrl(r.id));

  // Wire the media element: play/pause state, one recording.play per start, duration, errors.
  useEffect(() => {
    if (!media) return;
    const onPlay = () => {
      setPlaying(true);
      call('recording.play', { id: r.id, positionSec: Math.max(0, media.currentTime || 0) }).catch((e) => {
        reportError(e, 'recording.play');
        if (isCommandError(e) && e.code === 'denied') media.pause();
      });
    };
    const onPause = () => setPlaying(false);
    const onTime = () => setTime(media.currentTime);
    const onDuration = () => {
      if (Number.isFinite(media.duration) && media.duration > 0 && !opened.peaks) setDuration(media.duration);
    };
    const onError = () => {
      const err = media.error;
      setMediaError(err ? err.message || `media error ${err.code}` : 'the audio could not be loaded');
      setPlaying(false);
    };
    media.addEventListener('play', onPlay);
    media.addEventListener('pause', onPause);
    media.addEventListener('ended', onPause);
    media.addEventListener('timeupdate', onTime);
    media.addEventListener('seeked', onTime);
    media.addEventListener('durationchange', onDuration);
    media.addEventListener('error', onError);
    return () => {
      media.removeEventListener('play', onPlay);
      media.removeEventListener('pause', onPause);
      media.removeEventListener('ended', onPause);
      media.removeEventListener('timeupdate', onTime);
      media.removeEventListener('seeked', onTime);
      media.removeEventListener('durationchange', onDuration);
      media.removeEventListener('error', onError);
      media.pause();
    };
  }, [media, r.id, opened.peaks, reportError]);

  // A smooth clock while playing (timeupdate alone ticks only ~4×/s).
  useEffect(() => {
    if (!media || !playing) return;
    let raf = 0;
    const tick = () => {
      setTime(media.currentTime);
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [media, playing]);

  const toggle = useCallback(() => {
    if (!media) return;
    if (media.paused) {
      media.play().catch((e: unknown) => {
        if (e instanceof DOMException && e.name === 'AbortError') return;
        setMediaError(e instanceof Error ? e.message : String(e));
      });
    } else media.pause();
  }, [media]);

  const seekTo = useCallback(
    (sec: number) => {
      if (!media) return;
      media.currentTime = Math.max(0, Math.min(duration || 0, sec));
      setTime(media.currentTime);
    },
    [media, duration],
  );

  // Space toggles, ←/→ skip 5 s — only while the player is the visible screen.
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === ' ' || e.code === 'Space') {
        if (isInteractiveTarget(e.target)) return;
        e.preventDefault();
        toggle();
      } else if ((e.key === 'ArrowLeft' || e.key === 'ArrowRight') && !isTypingTarget(e.target)) {
        e.preventDefault();
        seekTo((media?.currentTime ?? 0) + (e.key === 'ArrowLeft' ? -5 : 5));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, toggle, seekTo, media]);

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
            </div>
          </div>
        </header>

        <section className="transport-card">
          {opened.peaks ? (
            media ? (
              <Waveform media={media} peaks={opened.peaks} channelMap={r.channelMap} />
            ) : (
              <div className="waveform" data-lanes={0} />
            )
          ) : (
            <div className="waveform waveform-missing" data-testid="player-waveform" data-lanes={0}>
              <div className="no-peaks">
                <strong>Waveform unavailable</strong>
                <span>{opened.peaksUnavailable ?? 'No waveform was computed for this recording.'} Playback still works.</span>
              </div>
              <input
                className="seek"
                type="range"
                min={0}
                max={duration || 0}
                step={0.1}
                value={Math.min(time, duration || 0)}
                onChange={(e) => seekTo(Number(e.target.value))}
                aria-label="Playback position"
                data-testid="player-seek"
              />
            </div>
          )}
          <div className="controls">
            <button
              type="button"
              className={`play-btn${playing ? ' playing' : ''}`}
              onClick={toggle}
              disabled={!media}
              aria-label={playing ? 'Pause' : 'Play'}
              data-testid="player-play"
              data-state={playing ? 'playing' : 'paused'}
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
            <div className="clock">
              <span data-testid="player-time">{formatClock(time)}</span>
              <span className="clock-sep">/</span>
              <span data-testid="player-duration" className="clock-total">
                {formatClock(duration)}
              </span>
            </div>
            <span className="topbar-spacer" />
            <span className="subtle controls-hint">
              <kbd>Space</kbd> play / pause · <kbd>←</kbd> <kbd>→</kbd> 5 s{opened.peaks ? ' · click the waveform to seek' : ''}
            </span>
          </div>
          {mediaError && (
            <p className="media-error" role="alert">
              The audio could not be played: {mediaError}
            </p>
          )}
          {/* Our own element: wavesurfer only borrows it. preload="metadata" — never the whole file up front. */}
          <audio ref={setMedia} src={src.current} preload="metadata" className="sr-only" data-testid="player-audio" />
        </section>
        <p className="access-note">
          <svg viewBox="0 0 16 16" width="13" height="13" aria-hidden="true">
            <circle cx="8" cy="8" r="6.3" fill="none" stroke="currentColor" strokeWidth="1.4" />
            <path d="M8 4.6V8l2.2 1.6" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" />
          </svg>
          Opening and playing this recording is logged in the audit trail under your profile.
        </p>
      </div>
      <MetadataPanel r={r} />
    </div>
  );
}
