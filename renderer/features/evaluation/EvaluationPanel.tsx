// The evaluation panel beside the player: start or resume scoring the open call (E), or open one
// of its earlier evaluations; requests from the evaluation queue and calibration arrive through the
// evaluation store.
import { useCallback, useEffect, useState } from 'react';
import type { EvaluationDetail, EvaluationSummary, FormSummary } from '../../../shared/qa-types';
import { call } from '../../api/client';
import { useApp } from '../../app/store';
import { formatDateTime } from '../../lib/format';
import { isTypingTarget } from '../../lib/keys';
import { Dialog } from '../../components/Dialog';
import { bandClass, formatScore, LAST_FORM_KEY, isUsableForm } from '../qa-common/qa-format';
import '../qa-common/qa.css';
import { EvaluationEditor } from './EvaluationEditor';
import { useEvaluation, type EvaluationIntent } from './store';
import './evaluation.css';


export function EvaluationPanel({ recordingId, active }: { recordingId: string; active: boolean }) {
  const allowed = useApp((s) => s.session?.permissions.includes('qa.evaluate') ?? false);
  if (!allowed) return null;
  return <Panel recordingId={recordingId} active={active} />;
}

function Panel({ recordingId, active }: { recordingId: string; active: boolean }) {
  const reportError = useApp((s) => s.reportError);
  const profileId = useApp((s) => s.session?.profile?.id ?? null);
  const intent = useEvaluation((s) => s.intent);
  const changedTick = useEvaluation((s) => s.changedTick);
  const [detail, setDetail] = useState<EvaluationDetail | null>(null);
  const [loading, setLoading] = useState<string | null>(null);
  const [list, setList] = useState<EvaluationSummary[] | null>(null);
  const [forms, setForms] = useState<FormSummary[] | null>(null);
  const [formId, setFormId] = useState<string>(() => localStorage.getItem(LAST_FORM_KEY) ?? '');

  const load = useCallback(
    async (what: string, run: () => Promise<EvaluationDetail>) => {
      setLoading(what);
      try {
        setDetail(await run());
      } catch (e) {
        reportError(e);
      } finally {
        setLoading(null);
      }
    },
    [reportError],
  );

  const openIntent = useCallback(
    (i: EvaluationIntent) => {
      if (i.evaluationId) void load('Opening the evaluation…', () => call('qa.evaluations.get', { evaluationId: i.evaluationId! }));
      else if (i.calibrationSessionId) void load('Opening your calibration evaluation…', () => call('qa.calibration.join', { sessionId: i.calibrationSessionId! }));
      else if (i.formId)
        void load('Starting the evaluation…', () => call('qa.evaluations.start', { recordingId: i.recordingId, formId: i.formId!, ...(i.sampleItemId ? { sampleItemId: i.sampleItemId } : {}) }));
    },
    [load],
  );

  // A request from another screen for this recording.
  useEffect(() => {
    if (!intent || intent.recordingId !== recordingId) return;
    const taken = useEvaluation.getState().take(recordingId);
    if (taken) openIntent(taken);
  }, [intent, recordingId, openIntent]);

  // What can be started here, and what exists already.
  useEffect(() => {
    if (detail) return;
    let live = true;
    call('qa.evaluations.list', { recordingId, limit: 50 }).then(
      (p) => live && setList(p.rows),
      (e) => live && reportError(e, 'qa.evaluations.list'),
    );
    call('qa.forms.list', {}).then(
      (all) => {
        if (!live) return;
        const usable = all.filter(isUsableForm);
        setForms(usable);
        setFormId((cur) => (usable.some((f) => f.id === cur) ? cur : (usable[0]?.id ?? '')));
      },
      (e) => live && reportError(e, 'qa.forms.list'),
    );
    return () => {
      live = false;
    };
  }, [recordingId, detail, changedTick, reportError]);

  const myDraft = list?.find((e) => e.status === 'draft' && e.evaluator.id === profileId && !e.calibrationSessionId) ?? null;

  const start = useCallback(() => {
    setChoosing(false);
    if (myDraft) {
      void load('Opening your draft…', () => call('qa.evaluations.get', { evaluationId: myDraft.id }));
      return;
    }
    if (!formId) return;
    localStorage.setItem(LAST_FORM_KEY, formId);
    void load('Starting the evaluation…', () => call('qa.evaluations.start', { recordingId, formId }));
  }, [myDraft, formId, recordingId, load]);

  // E resumes one's draft, or asks which form to score with (arrows choose, Enter starts).
  const [choosing, setChoosing] = useState(false);
  useEffect(() => {
    if (choosing && forms && (forms.length <= 1 || myDraft)) {
      if (forms.length === 1 || myDraft) start();
      else setChoosing(false);
    }
  }, [choosing, forms, myDraft, start]);
  useEffect(() => {
    if (!active || detail || loading || choosing) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return;
      if (e.key === 'e' || e.key === 'E') {
        e.preventDefault();
        if (myDraft || (forms && forms.length === 1)) start();
        // Still loading the forms: ask once they are there.
        else if (!forms || forms.length > 1) setChoosing(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, detail, loading, choosing, myDraft, forms, start]);

  return (
    <aside className="evalp" aria-label="Evaluation" data-testid="evaluation-panel">
      {choosing && forms && forms.length > 1 && !myDraft && (
        <Dialog title="Score this call with…" confirmLabel="Start evaluation" confirmDisabled={!formId} onConfirm={start} onCancel={() => setChoosing(false)} testId="eval-choose-form">
          <select className="select" value={formId} onChange={(e) => setFormId(e.target.value)} aria-label="Form" data-testid="eval-choose-form-select">
            {forms.map((f) => (
              <option key={f.id} value={f.id}>
                {f.title} (v{f.publishedVersion})
              </option>
            ))}
          </select>
          <p className="subtle">
            <kbd>↑</kbd> <kbd>↓</kbd> choose · <kbd>Enter</kbd> start
          </p>
        </Dialog>
      )}
      {loading ? (
        <div className="evalp-loading">
          <span className="spinner" aria-hidden="true" /> {loading}
        </div>
      ) : detail ? (
        <EvaluationEditor
          key={detail.summary.id}
          detail={detail}
          onDetail={setDetail}
          onClose={() => setDetail(null)}
          active={active}
        />
      ) : (
        <div className="evalp-start">
          <div className="evalp-start-card">
            <h2>Evaluate this call</h2>
            {forms && forms.length === 0 ? (
              <p className="muted">No evaluation form is published yet. An administrator or QA lead publishes one in Forms.</p>
            ) : myDraft ? (
              <p className="muted">
                You have a draft on <strong>{myDraft.formTitle}</strong> from {formatDateTime(myDraft.updatedAt)}.
              </p>
            ) : (
              <label className="field">
                <span className="field-label">Form</span>
                <select className="select" value={formId} onChange={(e) => setFormId(e.target.value)} data-testid="eval-form-select" disabled={!forms}>
                  {(forms ?? []).map((f) => (
                    <option key={f.id} value={f.id}>
                      {f.title} (v{f.publishedVersion})
                    </option>
                  ))}
                </select>
              </label>
            )}
            <button type="button" className="btn btn-primary" onClick={start} disabled={!myDraft && !formId} data-testid="eval-start">
              {myDraft ? 'Resume draft' : 'Start evaluation'} <kbd className="kbd-on-accent">E</kbd>
            </button>
            <p className="subtle evalp-start-hint">
              Score with the keyboard: number keys answer, <kbd>N</kbd> is N/A, <kbd>Tab</kbd> moves on, <kbd>P</kbd> pins a comment at the play position, <kbd>Ctrl</kbd>+<kbd>Enter</kbd> submits.
            </p>
          </div>
          <div className="evalp-existing">
            <h3 className="qa-section-title">Evaluations of this call</h3>
            {list === null ? (
              <p className="subtle">Loading…</p>
            ) : list.length === 0 ? (
              <p className="subtle">None yet.</p>
            ) : (
              <ul className="evalp-existing-list">
                {list.map((e) => (
                  <li key={e.id}>
                    <button type="button" className="qa-list-item" onClick={() => void load('Opening the evaluation…', () => call('qa.evaluations.get', { evaluationId: e.id }))} data-testid="eval-existing">
                      <span className="qa-list-title">
                        <span>{e.evaluator.name}</span>
                        <span className={`status-dot status-${e.status}`}>{e.status === 'draft' ? 'Draft' : 'Submitted'}</span>
                        <span className="topbar-spacer" />
                        {e.score !== null && <span className={`band ${bandClass(e.band)}`}>{formatScore(e.score)}</span>}
                      </span>
                      <span className="qa-list-sub">
                        {e.formTitle} v{e.formVersion} · {formatDateTime(e.submittedAt ?? e.updatedAt)}
                        {e.calibrationSessionId ? ' · calibration' : ''}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      )}
    </aside>
  );
}
