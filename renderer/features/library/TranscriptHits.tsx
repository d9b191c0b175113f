// What was said: moments in call transcripts that match the library search, each with its snippet.
// Clicking one opens the call in the player at that moment.
import { useEffect, useState } from 'react';
import type { TranscriptSearchResult } from '../../../shared/player-types';
import { call } from '../../api/client';
import { useApp } from '../../app/store';
import { formatClock, formatDateTime, formatCount, plural } from '../../lib/format';

const LIMIT = 50;

export function TranscriptHits({ text }: { text: string }) {
  const canListen = useApp((s) => s.session?.permissions.includes('recording.listen') ?? false);
  const openRecording = useApp((s) => s.openRecording);
  const reportError = useApp((s) => s.reportError);
  const [result, setResult] = useState<{ text: string; value: TranscriptSearchResult } | null>(null);
  const [open, setOpen] = useState(true);
  const q = text.trim();

  useEffect(() => {
    if (!canListen || !q) {
      setResult(null);
      return;
    }
    let live = true;
    call('transcripts.search', { text: q, limit: LIMIT }).then(
      (value) => live && setResult({ text: q, value }),
      (e) => live && reportError(e, 'transcripts.search'),
    );
    return () => {
      live = false;
    };
  }, [q, canListen, reportError]);

  if (!result || result.text !== q || result.value.total === 0) return null;
  const { hits, total } = result.value;
  const calls = new Set(hits.map((h) => h.recordingId)).size;
  return (
    <section className="hits" aria-label="Said in calls" data-testid="transcript-hits" data-total={total}>
      <button type="button" className="hits-head" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="transcript-hits-toggle">
        <span className={`hits-caret${open ? ' open' : ''}`} aria-hidden="true">
          ▸
        </span>
        <span className="hits-title">Said in calls</span>
        <span className="subtle">
          {plural(total, 'moment')}
          {total > hits.length ? `, the best ${formatCount(hits.length)} shown` : ` in ${plural(calls, 'call')}`}
        </span>
      </button>
      {open && (
        <ul className="hits-list">
          {hits.map((h) => (
            <li key={`${h.recordingId}@${h.segmentStart}`}>
              <button
                type="button"
                className="hit"
                data-testid="transcript-hit"
                data-id={h.recordingId}
                data-at={h.atSec}
                title={`Open ${h.recordingId} at ${formatClock(h.atSec)}`}
                onClick={() => openRecording(h.recordingId, { atSec: h.atSec })}
              >
                <span className="hit-time">{formatClock(h.atSec)}</span>
                <span className={`hit-speaker hit-speaker-${h.speaker === 'agent' || h.speaker === 'customer' ? h.speaker : 'other'}`}>{h.speakerLabel}</span>
                <span className="hit-snippet">
                  {h.snippet.map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
                </span>
                <span className="hit-call">
                  <span className="mono">{h.recordingId}</span> · {h.agentName} · {formatDateTime(h.startTime)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
