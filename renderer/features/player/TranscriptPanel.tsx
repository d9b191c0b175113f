// The transcript beside the waveform: turns by speaker, the word under the playhead highlighted and
// kept in view while playing, click any word (or a turn's time) to seek, and search with next/prev.
// Only the turn holding the active word re-renders as playback moves.
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RecordingDetail } from '../../../shared/types';
import type { Transcript, TranscriptSegment } from '../../../shared/player-types';
import { isCommandError } from '../../api/client';
import { formatClock } from '../../lib/format';
import { loadTranscript } from './player-data';
import { activeSegmentAt, activeWordAt, indexTranscript, searchTranscript, type SearchHit } from './transcript-model';
import { useMediaTime } from './useMediaTime';
// Issue 6: words under accepted redactions are highlighted; "Show redacted" swaps in the redacted text.
import { REDACTION_PLACEHOLDER, type RedactionReason } from '../../../shared/redaction-types';
import { RedactedToggle, useTranscriptRedaction } from '../redaction/transcript-redaction';

const PLACEHOLDERS = new Set<string>(Object.values(REDACTION_PLACEHOLDER));

type Load = { status: 'loading' } | { status: 'ok'; transcript: Transcript } | { status: 'none' } | { status: 'error'; message: string };

interface Props {
  recording: RecordingDetail;
  media: HTMLAudioElement | null;
  onSeek(t: number): void;
  /** Bumped to focus the search box (Ctrl+F). */
  focusSearchTick: number;
}

export function TranscriptPanel({ recording, media, onSeek, focusSearchTick }: Props) {
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    setLoad({ status: 'loading' });
    loadTranscript(recording).then(
      (r) => live && setLoad(r.status === 'ok' ? { status: 'ok', transcript: r.transcript } : r),
      (e: unknown) => live && setLoad({ status: 'error', message: isCommandError(e) || e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
    // The recording's id and transcript flag decide what to load.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [recording.id, recording.hasTranscript]);

  if (load.status !== 'ok') {
    const message =
      load.status === 'loading'
        ? null
        : load.status === 'none'
          ? 'This recording has no transcript.'
          : `The transcript could not be loaded: ${load.message}`;
    return (
      <div className="transcript transcript-empty" data-testid="transcript" data-state={load.status}>
        {load.status === 'loading' ? (
          <div className="vt-state">
            <span className="spinner" aria-hidden="true" /> Loading the transcript…
          </div>
        ) : (
          <p className="subtle">{message}</p>
        )}
      </div>
    );
  }
  return <TranscriptBody key={recording.id} transcript={load.transcript} recording={recording} media={media} onSeek={onSeek} focusSearchTick={focusSearchTick} />;
}

function speakerKind(t: Transcript, speaker: string, map: RecordingDetail['channelMap']): string {
  const sp = t.speakers.find((s) => s.id === speaker);
  if (sp?.channel === map.agent) return 'agent';
  if (sp?.channel === map.customer) return 'customer';
  if (/agent/i.test(speaker)) return 'agent';
  if (/customer|caller/i.test(speaker)) return 'customer';
  return 'other';
}

function TranscriptBody({ transcript: original, recording, media, onSeek, focusSearchTick }: { transcript: Transcript } & Omit<Props, 'recording'> & { recording: RecordingDetail }) {
  const { transcript, covered, redacted } = useTranscriptRedaction(recording.id, original);
  const index = useMemo(() => indexTranscript(transcript), [transcript]);
  const hasWords = index.words.length > 0;
  // One number changes as playback moves: the active flat word (or segment, without word timings).
  const active = useMediaTime(media, (t) => (hasWords ? activeWordAt(index.words, t) : -1 - activeSegmentAt(transcript, t)));
  const activeWord = hasWords && active >= 0 ? index.words[active]! : null;
  const activeSegment = hasWords ? (activeWord ? activeWord.segment : -1) : -1 - active;

  const [query, setQuery] = useState('');
  const [hitIndex, setHitIndex] = useState(0);
  const hits = useMemo(() => (query.trim().length >= 2 ? searchTranscript(transcript, query) : []), [transcript, query]);
  const currentHit: SearchHit | null = hits.length ? hits[Math.min(hitIndex, hits.length - 1)]! : null;
  const hitsBySegment = useMemo(() => {
    const m = new Map<number, Set<number>>();
    for (const h of hits) {
      const set = m.get(h.segment) ?? new Set<number>();
      h.words.forEach((w) => set.add(w));
      if (!h.words.length) set.add(-1);
      m.set(h.segment, set);
    }
    return m;
  }, [hits]);

  const listRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const followPausedUntil = useRef(0);
  const [following, setFollowing] = useState(true);

  useEffect(() => {
    if (focusSearchTick > 0) {
      searchRef.current?.focus();
      searchRef.current?.select();
    }
  }, [focusSearchTick]);

  const scrollToElement = useCallback((el: Element | null, force: boolean) => {
    const list = listRef.current;
    if (!list || !el) return;
    const box = list.getBoundingClientRect();
    const r = el.getBoundingClientRect();
    const inView = r.top >= box.top + 8 && r.bottom <= box.bottom - 8;
    if (inView && !force) return;
    list.scrollTop += r.top - box.top - list.clientHeight / 3;
  }, []);

  // Keep the active word in view while playing, unless the reader scrolled away recently.
  useEffect(() => {
    if (activeSegment < 0 || performance.now() < followPausedUntil.current) return;
    const el = listRef.current?.querySelector('.tw.tw-active') ?? listRef.current?.querySelector(`[data-seg="${activeSegment}"]`);
    scrollToElement(el ?? null, false);
  }, [active, activeSegment, scrollToElement]);

  const pauseFollow = () => {
    followPausedUntil.current = performance.now() + 6000;
    setFollowing(false);
  };
  useEffect(() => {
    if (following) return;
    const t = setTimeout(() => setFollowing(true), 6000);
    return () => clearTimeout(t);
  }, [following]);

  const navigated = useRef(false);
  const goToHit = (i: number) => {
    if (!hits.length) return;
    navigated.current = true;
    const next = ((i % hits.length) + hits.length) % hits.length;
    setHitIndex(next);
    followPausedUntil.current = performance.now() + 8000;
    setFollowing(false);
    const h = hits[next]!;
    requestAnimationFrame(() => {
      const sel = h.words.length ? `[data-seg="${h.segment}"] [data-w="${h.words[0]}"]` : `[data-seg="${h.segment}"]`;
      scrollToElement(listRef.current?.querySelector(sel) ?? null, true);
    });
  };

  const onListClick = (e: React.MouseEvent) => {
    const target = (e.target as HTMLElement).closest<HTMLElement>('[data-t]');
    if (!target) return;
    const t = Number(target.dataset.t);
    if (Number.isFinite(t)) {
      followPausedUntil.current = 0;
      setFollowing(true);
      onSeek(t);
    }
  };

  const speakers = useMemo(() => new Map(transcript.speakers.map((s) => [s.id, s.label])), [transcript]);

  return (
    <div className="transcript" data-testid="transcript" data-state="ok">
      <div className="transcript-search">
        <div className="search-box">
          <svg viewBox="0 0 16 16" width="13" height="13" aria-hidden="true">
            <circle cx="7" cy="7" r="4.6" fill="none" stroke="currentColor" strokeWidth="1.6" />
            <path d="M10.5 10.5 14 14" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
          </svg>
          <input
            ref={searchRef}
            className="input"
            type="search"
            placeholder="Search the transcript"
            aria-label="Search the transcript"
            data-testid="transcript-search"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setHitIndex(0);
              navigated.current = false;
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                // The first Enter shows the first match; later ones move on.
                goToHit(navigated.current ? hitIndex + (e.shiftKey ? -1 : 1) : hitIndex);
              } else if (e.key === 'Escape') {
                e.preventDefault();
                e.stopPropagation();
                if (query) setQuery('');
                else (e.target as HTMLInputElement).blur();
              }
            }}
          />
        </div>
        <span className="search-count" data-testid="transcript-search-count" aria-live="polite">
          {query.trim().length >= 2 ? (hits.length ? `${Math.min(hitIndex, hits.length - 1) + 1} of ${hits.length}` : 'No matches') : ''}
        </span>
        <button type="button" className="btn btn-sm btn-icon" onClick={() => goToHit(hitIndex - 1)} disabled={!hits.length} aria-label="Previous match" title="Previous match (Shift+Enter)">
          <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
            <path d="M4 10l4-4 4 4" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        </button>
        <button type="button" className="btn btn-sm btn-icon" onClick={() => goToHit(hitIndex + 1)} disabled={!hits.length} aria-label="Next match" title="Next match (Enter)" data-testid="transcript-search-next">
          <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
            <path d="M4 6l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        </button>
      </div>
      <RedactedToggle recordingId={recording.id} />
      <div className="transcript-list" ref={listRef} onClick={onListClick} onWheel={pauseFollow} onTouchMove={pauseFollow} data-testid="transcript-list">
        {transcript.segments.map((seg, s) => (
          <Turn
            key={s}
            seg={seg}
            index={s}
            label={speakers.get(seg.speaker) ?? seg.speaker}
            kind={speakerKind(transcript, seg.speaker, recording.channelMap)}
            activeWord={activeWord && activeWord.segment === s ? activeWord.word : -1}
            segmentActive={activeSegment === s}
            hits={hitsBySegment.get(s)}
            currentHit={currentHit && currentHit.segment === s ? currentHit : null}
            covered={covered.get(s)}
            redactedView={redacted}
          />
        ))}
      </div>
      {!following && media && !media.paused && (
        <button
          type="button"
          className="btn btn-sm follow-btn"
          onClick={() => {
            followPausedUntil.current = 0;
            setFollowing(true);
            scrollToElement(listRef.current?.querySelector('.tw.tw-active') ?? listRef.current?.querySelector('.turn.turn-active') ?? null, true);
          }}
        >
          Follow playback
        </button>
      )}
    </div>
  );
}

interface TurnProps {
  seg: TranscriptSegment;
  index: number;
  label: string;
  kind: string;
  activeWord: number;
  segmentActive: boolean;
  hits: Set<number> | undefined;
  currentHit: SearchHit | null;
  covered?: Map<number, RedactionReason>;
  redactedView?: boolean;
}

const Turn = memo(function Turn({ seg, index, label, kind, activeWord, segmentActive, hits, currentHit, covered, redactedView }: TurnProps) {
  const current = new Set(currentHit?.words ?? []);
  return (
    <div className={`turn turn-${kind}${segmentActive ? ' turn-active' : ''}${hits?.has(-1) ? ' turn-hit' : ''}`} data-seg={index} data-testid="transcript-turn">
      <div className="turn-head">
        <span className="turn-speaker">{label}</span>
        <button type="button" className="turn-time" data-t={seg.start} title="Play from here">
          {formatClock(seg.start).replace(/\.\d$/, '')}
        </button>
      </div>
      <p className="turn-text">
        {seg.words.length
          ? seg.words.map((w, k) => (
              <span key={k}>
                <span
                  className={`tw${k === activeWord ? ' tw-active' : ''}${hits?.has(k) ? ' tw-hit' : ''}${current.has(k) ? ' tw-hit-current' : ''}${covered?.has(k) ? ' tw-redacted' : ''}${redactedView && PLACEHOLDERS.has(w.w) ? ' tw-placeholder' : ''}`}
                  data-t={w.start}
                  data-w={k}
                  data-testid={k === activeWord ? 'transcript-active-word' : undefined}
                >
                  {w.w}
                </span>{' '}
              </span>
            ))
          : <span data-t={seg.start}>{seg.text}</span>}
      </p>
    </div>
  );
});
