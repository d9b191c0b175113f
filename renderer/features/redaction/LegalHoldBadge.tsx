// "On legal hold" beside the recording's title while a hold is active (only legal staff can list holds).
import { formatDateTime } from '../../lib/format';
import { useRedaction } from './store';

export function LegalHoldBadge({ recordingId }: { recordingId: string }) {
  const holds = useRedaction((s) => (s.recordingId === recordingId ? s.holds : null));
  const active = holds?.filter((h) => !h.releasedAt) ?? [];
  if (!active.length) return null;
  const title = active.map((h) => `Case ${h.caseRef}: ${h.reason} (placed by ${h.placedBy}, ${formatDateTime(h.placedAt)})`).join('\n');
  return (
    <span className="chip rd-hold-badge" title={title} data-testid="legal-hold-badge">
      <svg viewBox="0 0 16 16" width="11" height="11" aria-hidden="true">
        <rect x="3.5" y="7" width="9" height="7" rx="1.5" fill="currentColor" />
        <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" fill="none" stroke="currentColor" strokeWidth="1.6" />
      </svg>
      On legal hold{active.length === 1 ? ` · ${active[0]!.caseRef}` : ` · ${active.length} cases`}
    </span>
  );
}
