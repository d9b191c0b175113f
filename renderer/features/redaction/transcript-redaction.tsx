// The transcript side of redaction: which words accepted marks cover (highlighted in any case) and,
// when the person asks, the transcript as exports give it, with "[card number]" in place of the words.
import { useMemo } from 'react';
import type { Transcript } from '../../../shared/player-types';
import type { RedactionReason } from '../../../shared/redaction-types';
import { coveredWords } from './redaction-model';
import { useRedaction } from './store';

const NONE = new Map<number, Map<number, RedactionReason>>();

/** The transcript to show and the covered words of the shown one (none when it is already redacted). */
export function useTranscriptRedaction(recordingId: string, original: Transcript): { transcript: Transcript; covered: Map<number, Map<number, RedactionReason>>; redacted: boolean } {
  const marks = useRedaction((s) => (s.recordingId === recordingId ? s.marks : null));
  const show = useRedaction((s) => s.showRedacted);
  const redacted = useRedaction((s) => (s.recordingId === recordingId ? s.redacted : null));
  const covered = useMemo(() => (marks ? coveredWords(original, marks) : NONE), [original, marks]);
  if (show && redacted?.transcript) return { transcript: redacted.transcript, covered: NONE, redacted: true };
  return { transcript: original, covered, redacted: false };
}

export function RedactedToggle({ recordingId }: { recordingId: string }) {
  const show = useRedaction((s) => s.showRedacted);
  const setShow = useRedaction((s) => s.setShowRedacted);
  const count = useRedaction((s) => (s.recordingId === recordingId ? s.marks.filter((m) => m.status === 'accepted').length : 0));
  return (
    <div className={`rd-transcript-bar${show ? ' on' : ''}`}>
      <label className="rd-toggle" title="Show the transcript as exports give it: redacted words replaced by what they were">
        <input type="checkbox" checked={show} onChange={(e) => setShow(e.target.checked)} data-testid="transcript-show-redacted" />
        Show redacted
      </label>
      <span className="subtle">{count ? `${count} ${count === 1 ? 'redaction' : 'redactions'} · highlighted in red` : 'No redactions in this call'}</span>
    </div>
  );
}
