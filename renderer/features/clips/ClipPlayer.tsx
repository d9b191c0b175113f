// Plays training clips in the app, one after another for a class. Accepted redactions are muted as
// they pass, so a projector never plays a card number even from an unredacted recording.
import { useEffect, useRef, useState } from 'react';
import type { Clip, RedactionMark } from '../../../shared/redaction-types';
import { call, mediaUrl } from '../../api/client';
import { useApp } from '../../app/store';
import { formatClock } from '../../lib/format';

interface Props {
  clips: Clip[];
  /** Which clip to start with. */
  startIndex: number;
  onClose(): void;
}

export function ClipPlayer({ clips, startIndex, onClose }: Props) {
  const reportError = useApp((s) => s.reportError);
  const audio = useRef<HTMLAudioElement>(null);
  const [index, setIndex] = useState(startIndex);
  const [marks, setMarks] = useState<RedactionMark[]>([]);
  const [position, setPosition] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [ready, setReady] = useState(false);
  const clip = clips[index];

  useEffect(() => {
    let live = true;
    setReady(false);
    // Opening grants this session the recording's audio (and is audited like any listen).
    Promise.all([call('recording.open', { id: clip.recordingId }), call('redaction.list', { recordingId: clip.recordingId })]).then(
      ([, m]) => {
        if (!live) return;
        setMarks(m.filter((x) => x.status === 'accepted'));
        const el = audio.current;
        if (!el) return;
        el.src = mediaUrl(clip.recordingId);
        el.currentTime = clip.start;
        setReady(true);
        void el.play().catch(() => undefined);
        void call('recording.play', { id: clip.recordingId, positionSec: clip.start }).catch(() => undefined);
      },
      (e) => reportError(e, 'recording.open'),
    );
    return () => {
      live = false;
    };
  }, [clip, reportError]);

  const onTime = () => {
    const el = audio.current;
    if (!el) return;
    const t = el.currentTime;
    setPosition(t);
    el.muted = marks.some((m) => t >= m.start - 0.02 && t <= m.end + 0.02);
    if (t >= clip.end) {
      if (index + 1 < clips.length) setIndex(index + 1);
      else {
        el.pause();
        el.currentTime = clip.start;
      }
    }
  };

  const toggle = () => {
    const el = audio.current;
    if (!el) return;
    if (el.paused) void el.play();
    else el.pause();
  };

  const length = clip.end - clip.start;
  return (
    <div className="clip-player" data-testid="clip-player">
      <audio ref={audio} onTimeUpdate={onTime} onPlay={() => setPlaying(true)} onPause={() => setPlaying(false)} preload="auto" />
      <button type="button" className="btn btn-primary" onClick={toggle} disabled={!ready} aria-label={playing ? 'Pause' : 'Play'} data-testid="clip-play">
        {playing ? 'Pause' : 'Play'}
      </button>
      <div className="clip-player-info">
        <strong>{clip.title}</strong>
        <span className="subtle">
          {clips.length > 1 ? `${index + 1} of ${clips.length} · ` : ''}
          {formatClock(Math.max(0, Math.min(length, position - clip.start)))} / {formatClock(length)}
          {marks.some((m) => m.end > clip.start && m.start < clip.end) ? ' · redactions muted' : ''}
        </span>
        <div className="clip-player-track" aria-hidden="true">
          <div className="clip-player-fill" style={{ width: `${Math.max(0, Math.min(100, ((position - clip.start) / length) * 100))}%` }} />
        </div>
      </div>
      {clips.length > 1 && (
        <div className="clip-player-skip">
          <button type="button" className="btn btn-sm" disabled={index === 0} onClick={() => setIndex(index - 1)}>
            Previous
          </button>
          <button type="button" className="btn btn-sm" disabled={index + 1 >= clips.length} onClick={() => setIndex(index + 1)}>
            Next
          </button>
        </div>
      )}
      <button type="button" className="btn btn-ghost btn-sm" onClick={onClose}>
        Close
      </button>
    </div>
  );
}
