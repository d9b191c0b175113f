// After submission: the agent's review (acknowledged, or disputed with their reason) as recorded by
// the supervisor, the supervisor's resolution (uphold or amend), and amending in general.
import { useState } from 'react';
import type { EvaluationDetail } from '../../../shared/qa-types';
import { call } from '../../api/client';
import { useApp } from '../../app/store';
import { Dialog } from '../../components/Dialog';
import { REVIEW_LABELS } from '../qa-common/qa-format';
import { useEvaluation } from './store';

type Ask = null | 'dispute' | 'uphold';

export function ReviewBox({ detail, onDetail, onAmend, onResolveByAmending }: { detail: EvaluationDetail; onDetail: (d: EvaluationDetail) => void; onAmend: () => void; onResolveByAmending: () => void }) {
  const reportError = useApp((s) => s.reportError);
  const notifyChanged = useEvaluation((s) => s.changed);
  const [ask, setAsk] = useState<Ask>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const status = detail.summary.reviewStatus ?? 'pending';
  const lastDispute = [...detail.reviewEvents].reverse().find((e) => e.action === 'disputed');

  const run = async (what: 'acknowledged' | 'disputed' | 'upheld') => {
    setBusy(true);
    try {
      const next =
        what === 'upheld'
          ? await call('qa.review.resolve', { evaluationId: detail.summary.id, resolution: 'upheld', note: text.trim() })
          : await call('qa.review.record', { evaluationId: detail.summary.id, outcome: what, ...(what === 'disputed' ? { reason: text.trim() } : {}) });
      onDetail(next);
      notifyChanged();
      setAsk(null);
    } catch (e) {
      reportError(e, what === 'upheld' ? 'qa.review.resolve' : 'qa.review.record');
    } finally {
      setBusy(false);
    }
  };

  const open = (a: Ask) => {
    setText('');
    setAsk(a);
  };

  return (
    <div className={`review review-${status}`} data-testid="review-box" data-review={status}>
      <div className="review-head">
        <span className={`status-dot status-${status === 'pending' ? 'draft' : status}`}>{REVIEW_LABELS[status]}</span>
        <span className="topbar-spacer" />
        {detail.can.amend && status !== 'disputed' && (
          <button type="button" className="btn btn-sm" onClick={onAmend} data-testid="eval-amend">
            Amend…
          </button>
        )}
      </div>
      {status === 'disputed' && lastDispute?.reason && (
        <p className="review-reason">
          <span className="subtle">Agent’s reason:</span> “{lastDispute.reason}”
        </p>
      )}
      {detail.can.review && status === 'pending' && (
        <div className="review-actions">
          <span className="subtle">Agent’s response:</span>
          <button type="button" className="btn btn-sm" disabled={busy} onClick={() => void run('acknowledged')} data-testid="review-ack">
            Acknowledged
          </button>
          <button type="button" className="btn btn-sm" disabled={busy} onClick={() => open('dispute')} data-testid="review-dispute">
            Disputed…
          </button>
        </div>
      )}
      {detail.can.review && status === 'disputed' && (
        <div className="review-actions">
          <span className="subtle">Resolve:</span>
          <button type="button" className="btn btn-sm" disabled={busy} onClick={() => open('uphold')} data-testid="review-uphold">
            Uphold…
          </button>
          <button type="button" className="btn btn-sm" disabled={busy} onClick={onResolveByAmending} data-testid="review-amend">
            Amend the answers…
          </button>
        </div>
      )}
      {ask === 'dispute' && (
        <Dialog title="The agent disputes this evaluation" confirmLabel="Record dispute" confirmDisabled={text.trim().length < 5} busy={busy} onConfirm={() => void run('disputed')} onCancel={() => setAsk(null)} testId="dispute-dialog">
          <label className="field">
            <span className="field-label">The agent’s reason (required)</span>
            <textarea className="textarea" rows={3} value={text} onChange={(e) => setText(e.target.value)} maxLength={2000} data-testid="dispute-reason" />
          </label>
        </Dialog>
      )}
      {ask === 'uphold' && (
        <Dialog title="Uphold the evaluation" confirmLabel="Uphold" confirmDisabled={text.trim().length < 5} busy={busy} onConfirm={() => void run('upheld')} onCancel={() => setAsk(null)} testId="uphold-dialog">
          <p>The score stays as submitted. Tell the agent why.</p>
          <label className="field">
            <span className="field-label">Note on the resolution (required)</span>
            <textarea className="textarea" rows={3} value={text} onChange={(e) => setText(e.target.value)} maxLength={2000} data-testid="uphold-note" />
          </label>
        </Dialog>
      )}
    </div>
  );
}
