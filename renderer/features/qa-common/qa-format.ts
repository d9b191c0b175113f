// Labels and classes the QA screens share.
import type { BandTone, PerformanceBand, ReviewStatus, SampleItemStatus } from '../../../shared/qa-types';

export const BAND_CLASS: Record<BandTone, string> = { fail: 'band-bad', warn: 'band-mid', ok: 'band-ok', good: 'band-good' };

export function bandClass(band: PerformanceBand | null): string {
  return band ? BAND_CLASS[band.tone] : '';
}

/** 84.5 → "84.5", 100 → "100", null → "—". */
export function formatScore(score: number | null | undefined): string {
  if (score == null || !Number.isFinite(score)) return '—';
  return Number.isInteger(score) ? String(score) : score.toFixed(1);
}

export const SAMPLE_STATUS_LABELS: Record<SampleItemStatus, string> = { todo: 'To do', draft: 'Draft', submitted: 'Submitted' };

export const REVIEW_LABELS: Record<ReviewStatus, string> = {
  pending: 'Awaiting agent review',
  acknowledged: 'Acknowledged by agent',
  disputed: 'Disputed by agent',
  upheld: 'Dispute resolved: upheld',
  amended: 'Dispute resolved: amended',
};

/** yyyy-mm-dd of a local day, `days` from today. */
export function localDay(days = 0): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const timeFmt = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
/** The local time of day of an ISO instant, e.g. "10:02". */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : timeFmt.format(d);
}

/** The form last used to score, offered first next time (a preference, not data: kept in the page). */
/** Forms an evaluator can start with now: published and not archived. */
export const isUsableForm = (f: { publishedVersion: unknown; archived: boolean }) => f.publishedVersion !== null && !f.archived;

export const LAST_FORM_KEY = 'earmark.qa.lastFormId';
