// Scoring one call: the form's questions with a live score (the same pure scoring the backend
// stores), autosaved drafts, time-stamped comments pinned on the waveform, submit, amend with a
// reason, agent review and its resolution, and the history of it all.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AnswerValue, Answers, EvaluationComment, EvaluationDetail } from '../../../shared/qa-types';
import { scoreEvaluation } from '../../../shared/qa-scoring';
import { call } from '../../api/client';
import { useApp } from '../../app/store';
import { formatClock, formatDateTime } from '../../lib/format';
import { isTypingTarget } from '../../lib/keys';
import { playerHandle, usePlayerOverlays } from '../player/overlays';
import { Dialog } from '../../components/Dialog';
import { bandClass, formatScore, formatTime, REVIEW_LABELS } from '../qa-common/qa-format';
import { CommentComposer, CommentList, type Draft } from './Comments';
import { QuestionRow } from './QuestionRow';
import { ReviewBox } from './ReviewBox';
import { useEvaluation } from './store';

/** The catalogue asks for ~1.5 s after the last change: every save is an audited command. */
const AUTOSAVE_MS = 1500;

type Mode = 'draft' | 'view' | 'amend' | 'resolve';
type SaveState = { state: 'saved' | 'dirty' | 'saving' | 'error'; at: string | null; message?: string };
type Pending = null | 'submit' | 'amend' | 'resolve' | 'discard';

function modeFor(d: EvaluationDetail): Mode {
  return d.summary.status === 'draft' ? 'draft' : 'view';
}

export function EvaluationEditor({ detail, onDetail, onClose, active }: { detail: EvaluationDetail; onDetail: (d: EvaluationDetail | null) => void; onClose: () => void; active: boolean }) {
  const reportError = useApp((s) => s.reportError);
  const notifyChanged = useEvaluation((s) => s.changed);
  const def = detail.form.definition;
  const evaluationId = detail.summary.id;
  const recordingId = detail.summary.recordingId;

  const [mode, setMode] = useState<Mode>(() => modeFor(detail));
  const [answers, setAnswers] = useState<Answers>(detail.answers);
  const [comments, setComments] = useState<EvaluationComment[]>(detail.comments);
  const [save, setSave] = useState<SaveState>({ state: 'saved', at: detail.summary.updatedAt });
  const [pending, setPending] = useState<Pending>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [composer, setComposer] = useState<Draft | null>(null);
  const [commentBusy, setCommentBusy] = useState(false);
  const [highlighted, setHighlighted] = useState<string | null>(null);
  const [focusedQ, setFocusedQ] = useState<string | null>(null);

  const editable = (mode === 'draft' && detail.can.edit) || mode === 'amend' || mode === 'resolve';
  const result = useMemo(() => scoreEvaluation(def, answers), [def, answers]);
  const order = useMemo(() => def.sections.flatMap((s) => s.questions.map((q) => q.id)), [def]);
  const questionLabels = useMemo(() => {
    const m = new Map<string, string>();
    def.sections.forEach((s, si) => s.questions.forEach((q, qi) => m.set(q.id, `${si + 1}.${qi + 1}`)));
    return m;
  }, [def]);
  const questionScores = useMemo(() => new Map(result.questions.map((q) => [q.questionId, q])), [result]);
  const commentCounts = useMemo(() => {
    const m = new Map<string, number>();
    for (const c of comments) if (c.questionId) m.set(c.questionId, (m.get(c.questionId) ?? 0) + 1);
    return m;
  }, [comments]);

  // Reset when the backend hands over a new state of the evaluation (submitted, amended, reviewed).
  useEffect(() => {
    setMode(modeFor(detail));
    setAnswers(detail.answers);
    setComments(detail.comments);
    savedJson.current = JSON.stringify(detail.answers);
    revision.current = detail.summary.revision;
    answersRef.current = detail.answers;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [detail]);

  // ── Autosave (drafts only) ──
  const answersRef = useRef(answers);
  answersRef.current = answers;
  const savedJson = useRef(JSON.stringify(detail.answers));
  const revision = useRef(detail.summary.revision);
  const inflight = useRef<Promise<boolean> | null>(null);
  const modeRef = useRef(mode);
  modeRef.current = mode;

  /** Saves what is on screen if it differs from what is stored; resolves true when stored. */
  const flush = useCallback(async (): Promise<boolean> => {
    if (modeRef.current !== 'draft') return true;
    while (inflight.current) await inflight.current;
    const snapshot = answersRef.current;
    const json = JSON.stringify(snapshot);
    if (json === savedJson.current) return true;
    setSave((s) => ({ ...s, state: 'saving' }));
    const p = call('qa.evaluations.saveDraft', { evaluationId, answers: snapshot, baseRevision: revision.current }).then(
      (r) => {
        revision.current = r.revision;
        savedJson.current = json;
        setSave({ state: JSON.stringify(answersRef.current) === json ? 'saved' : 'dirty', at: r.savedAt });
        return true;
      },
      (e: unknown) => {
        setSave((s) => ({ ...s, state: 'error', message: e instanceof Error ? e.message : String(e) }));
        reportError(e, 'qa.evaluations.saveDraft');
        return false;
      },
    );
    inflight.current = p;
    try {
      return await p;
    } finally {
      inflight.current = null;
    }
  }, [evaluationId, reportError]);

  useEffect(() => {
    if (mode !== 'draft') return;
    if (JSON.stringify(answers) === savedJson.current) return;
    setSave((s) => (s.state === 'saving' ? s : { ...s, state: 'dirty' }));
    const t = setTimeout(() => void flush(), AUTOSAVE_MS);
    return () => clearTimeout(t);
  }, [answers, mode, flush]);

  // Leaving the panel or closing the window saves at once.
  useEffect(() => {
    const onLeave = () => void flush();
    window.addEventListener('pagehide', onLeave);
    window.addEventListener('beforeunload', onLeave);
    return () => {
      window.removeEventListener('pagehide', onLeave);
      window.removeEventListener('beforeunload', onLeave);
      void flush();
    };
  }, [flush]);

  // ── Question focus ──
  const rowRefs = useRef(new Map<string, HTMLDivElement>());
  const focusQuestion = useCallback((id: string | undefined) => {
    if (!id) return;
    const el = rowRefs.current.get(id);
    el?.focus();
    el?.scrollIntoView({ block: 'nearest' });
  }, []);
  const move = useCallback(
    (from: string, delta: number) => {
      const i = order.indexOf(from);
      focusQuestion(order[Math.max(0, Math.min(order.length - 1, i + delta))]);
    },
    [order, focusQuestion],
  );

  const setAnswer = (questionId: string, value: AnswerValue | null, advance: boolean) => {
    setAnswers((prev) => {
      const next = { ...prev };
      if (value) next[questionId] = value;
      else delete next[questionId];
      return next;
    });
    if (advance) {
      const i = order.indexOf(questionId);
      if (i < order.length - 1) focusQuestion(order[i + 1]);
    }
  };

  // ── Comments, pinned on the waveform ──
  const setLayer = usePlayerOverlays((s) => s.setLayer);
  useEffect(() => {
    setLayer('comments', {
      recordingId,
      markers: comments.map((c) => ({
        id: c.id,
        time: c.positionSec,
        kind: 'comment' as const,
        label: `${formatClock(c.positionSec)}${c.questionId ? ` · ${questionLabels.get(c.questionId) ?? ''}` : ''} · ${c.text}`,
      })),
      onActivate: ({ marker }) => marker && setHighlighted(marker.id),
    });
  }, [comments, recordingId, questionLabels, setLayer]);
  useEffect(() => () => setLayer('comments', null), [setLayer]);

  const openComposer = useCallback(() => {
    if (!detail.can.comment) return;
    const t = playerHandle()?.recordingId === recordingId ? playerHandle()!.getTime() : 0;
    setComposer({ positionSec: Math.max(0, t), questionId: focusedQ });
  }, [detail.can.comment, recordingId, focusedQ]);

  const addComment = async (text: string, questionId: string | null) => {
    if (!composer) return;
    setCommentBusy(true);
    try {
      const c = await call('qa.comments.add', { evaluationId, positionSec: composer.positionSec, text, questionId });
      setComments((list) => [...list, c]);
      setHighlighted(c.id);
      setComposer(null);
      if (questionId) focusQuestion(questionId);
    } catch (e) {
      reportError(e, 'qa.comments.add');
    } finally {
      setCommentBusy(false);
    }
  };

  const deleteComment = async (c: EvaluationComment) => {
    try {
      await call('qa.comments.delete', { commentId: c.id });
      setComments((list) => list.filter((x) => x.id !== c.id));
    } catch (e) {
      reportError(e, 'qa.comments.delete');
    }
  };

  const seekTo = (c: EvaluationComment) => {
    setHighlighted(c.id);
    const h = playerHandle();
    if (h && h.recordingId === recordingId) h.seek(c.positionSec, { play: true });
  };

  // ── Submit, amend, resolve, discard ──
  const openPending = useCallback(
    (p: Pending) => {
      setReason('');
      setPending(p);
    },
    [],
  );

  const finish = async (p: Exclude<Pending, null>) => {
    setBusy(true);
    try {
      if (p === 'submit') {
        while (inflight.current) await inflight.current;
        onDetail(await call('qa.evaluations.submit', { evaluationId, answers: answersRef.current, baseRevision: revision.current }));
      } else if (p === 'amend') {
        onDetail(await call('qa.evaluations.amend', { evaluationId, answers, reason: reason.trim() }));
      } else if (p === 'resolve') {
        onDetail(await call('qa.review.resolve', { evaluationId, resolution: 'amended', note: reason.trim(), answers }));
      } else {
        await call('qa.evaluations.discard', { evaluationId });
        onDetail(null);
      }
      notifyChanged();
      setPending(null);
    } catch (e) {
      reportError(e, p === 'submit' ? 'qa.evaluations.submit' : p === 'amend' ? 'qa.evaluations.amend' : p === 'resolve' ? 'qa.review.resolve' : 'qa.evaluations.discard');
    } finally {
      setBusy(false);
    }
  };

  const canFinish = mode === 'draft' ? detail.can.submit && result.complete : mode === 'amend' || mode === 'resolve';
  const finishAction: Pending = mode === 'draft' ? 'submit' : mode === 'amend' ? 'amend' : mode === 'resolve' ? 'resolve' : null;

  // Panel shortcuts while the player is showing: P pins a comment, Ctrl+Enter submits.
  useEffect(() => {
    if (!active || pending) return;
    const onKey = (e: KeyboardEvent) => {
      if (composer) return;
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter' && finishAction) {
        e.preventDefault();
        if (!canFinish && mode === 'draft') {
          focusQuestion(result.missingRequired[0]);
          return;
        }
        openPending(finishAction);
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return;
      // P ("pin"): C is the player's next-comment key, M marks a redaction.
      if (e.key === 'p' || e.key === 'P') {
        e.preventDefault();
        openComposer();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, pending, composer, finishAction, canFinish, mode, openComposer, openPending, focusQuestion, result.missingRequired]);

  // Open on the first unanswered question so scoring can start at once.
  useEffect(() => {
    if (!editable) return;
    const first = order.find((id) => !answersRef.current[id]) ?? order[0];
    const t = setTimeout(() => focusQuestion(first), 0);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [evaluationId, mode]);

  // A new state (submitted, amended, reviewed) starts at the top, where its status is.
  const bodyRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (mode === 'view') bodyRef.current?.scrollTo({ top: 0 });
  }, [mode, detail]);

  const summary = detail.summary;
  const total = order.length;
  const autoFailText = result.autoFailReasons
    .map((r) => `${questionLabels.get(r.questionId) ?? '?'} (${r.scope === 'form' ? 'whole evaluation' : 'section'})`)
    .join(', ');

  return (
    <div className="evalp-editor" data-testid="evaluation-editor" data-status={summary.status} data-mode={mode}>
      <header className="evalp-head">
        <div className="evalp-head-row">
          <div className="evalp-form">
            <span className="evalp-form-title">{def.title}</span>
            <span className="subtle">
              v{detail.form.version}
              {summary.calibrationSessionId ? ' · calibration (blind)' : ''}
            </span>
          </div>
          <button type="button" className="btn btn-ghost btn-sm" onClick={onClose} title="Close the evaluation (it stays saved)" aria-label="Close evaluation">
            ✕
          </button>
        </div>
        <div className="evalp-scoreline">
          <span className={`evalp-score${result.autoFailed ? ' failed' : ''}`} data-testid="eval-score" data-score={result.score ?? ''}>
            {formatScore(result.score)}
            {result.score !== null && <span className="score-unit">%</span>}
          </span>
          <div className="evalp-score-side">
            {result.band ? <span className={`band ${bandClass(result.band)}`}>{result.band.label}</span> : <span className="band">Not scored yet</span>}
            <span className="subtle" data-testid="eval-progress">
              {result.answered} of {total} answered
            </span>
          </div>
          <span className="topbar-spacer" />
          <span className={`evalp-status evalp-status-${mode === 'draft' ? save.state : mode}`} title={save.state === 'error' ? save.message : save.at ? `Last saved ${formatDateTime(save.at)}` : undefined} data-testid="eval-save-state" data-state={mode === 'draft' ? save.state : mode}>
            {mode === 'draft'
              ? save.state === 'saving'
                ? 'Saving…'
                : save.state === 'dirty'
                  ? 'Unsaved changes'
                  : save.state === 'error'
                    ? 'Not saved'
                    : `Saved ${formatTime(save.at)}`
              : mode === 'amend'
                ? 'Amending'
                : mode === 'resolve'
                  ? 'Resolving dispute'
                  : summary.amendments > 0
                    ? `Amended ${summary.amendments}×`
                    : 'Submitted'}
          </span>
        </div>
        <div className="evalp-sections">
          {result.sections.map((s) => (
            <span key={s.sectionId} className={`evalp-section-chip${s.autoFailed ? ' failed' : ''}`} title={`${s.title}: ${formatScore(s.score)}${s.autoFailed ? ' (auto-failed)' : ''} · weight ${s.weight}`}>
              <span className="evalp-section-name">{s.title}</span>
              <strong>{formatScore(s.score)}</strong>
            </span>
          ))}
        </div>
      </header>

      <div className="evalp-body" ref={bodyRef}>
        {result.autoFailed || result.autoFailReasons.length > 0 ? (
          <div className="evalp-alert" role="status" data-testid="eval-autofail">
            <strong>{result.autoFailed ? 'Auto-fail: the evaluation scores 0' : 'Section auto-fail'}</strong>
            <span>Critical answer on {autoFailText}.</span>
          </div>
        ) : null}

        {summary.status === 'submitted' && mode === 'view' && (
          <ReviewBox detail={detail} onDetail={onDetail} onAmend={() => setMode('amend')} onResolveByAmending={() => setMode('resolve')} />
        )}
        {(mode === 'amend' || mode === 'resolve') && (
          <div className="evalp-note">
            {mode === 'amend' ? 'Change the answers, then save the amendment with a reason. The submitted version stays in the history.' : 'Correct the answers, then save with a note on how the dispute was resolved.'}
          </div>
        )}

        {def.sections.map((s, si) => {
          const ss = result.sections[si];
          return (
            <section key={s.id} className="evalp-section">
              <h3 className="evalp-section-title">
                <span>
                  {si + 1}. {s.title}
                </span>
                <span className={`evalp-section-score${ss?.autoFailed ? ' failed' : ''}`}>{formatScore(ss?.score ?? null)}</span>
              </h3>
              {s.description && <p className="evalp-section-desc subtle">{s.description}</p>}
              {s.questions.map((q) => (
                <QuestionRow
                  key={q.id}
                  ref={(el) => {
                    if (el) rowRefs.current.set(q.id, el);
                    else rowRefs.current.delete(q.id);
                  }}
                  index={questionLabels.get(q.id) ?? ''}
                  question={q}
                  answer={answers[q.id]}
                  score={questionScores.get(q.id)}
                  editable={editable}
                  commentCount={commentCounts.get(q.id) ?? 0}
                  onAnswer={(v, advance) => setAnswer(q.id, v, advance)}
                  onMove={(d) => move(q.id, d)}
                  onFocus={() => setFocusedQ(q.id)}
                />
              ))}
            </section>
          );
        })}

        <section className="evalp-section">
          <h3 className="evalp-section-title">
            <span>Comments</span>
            {detail.can.comment && !composer && (
              <button type="button" className="btn btn-sm" onClick={openComposer} data-testid="comment-add" title="Pin a comment at the current play position (P)">
                + Pin comment <kbd>P</kbd>
              </button>
            )}
          </h3>
          {composer && (
            <CommentComposer
              draft={composer}
              form={def}
              questionLabels={questionLabels}
              busy={commentBusy}
              onSave={(t, q) => void addComment(t, q)}
              onCancel={() => {
                setComposer(null);
                focusQuestion(composer.questionId ?? undefined);
              }}
            />
          )}
          <CommentList
            comments={comments}
            questionLabels={questionLabels}
            highlighted={highlighted}
            canDelete={detail.can.comment && summary.status === 'draft'}
            onSeek={seekTo}
            onDelete={(c) => void deleteComment(c)}
          />
          {comments.length === 0 && !composer && <p className="subtle evalp-empty">No comments yet. Press P while listening to pin one to that moment; C jumps between pins.</p>}
        </section>

        {(detail.versions.length > 0 || detail.reviewEvents.length > 0) && <History detail={detail} />}
      </div>

      <footer className="evalp-foot">
        {editable ? (
          <>
            <span className="subtle evalp-hint">
              <kbd>1</kbd>–<kbd>9</kbd> · <kbd>N</kbd> N/A · <kbd>P</kbd> pin comment
            </span>
            {mode === 'draft' && detail.can.discard && (
              <button type="button" className="btn btn-ghost btn-sm" onClick={() => openPending('discard')}>
                Discard
              </button>
            )}
            {mode !== 'draft' && (
              <button
                type="button"
                className="btn btn-sm"
                onClick={() => {
                  setAnswers(detail.answers);
                  setMode('view');
                }}
              >
                Cancel
              </button>
            )}
            <button
              type="button"
              className="btn btn-primary"
              disabled={!canFinish}
              onClick={() => openPending(finishAction)}
              title={mode === 'draft' && !result.complete ? `${result.missingRequired.length} required question(s) unanswered` : 'Ctrl+Enter'}
              data-testid="eval-submit"
            >
              {mode === 'draft' ? 'Submit' : mode === 'amend' ? 'Save amendment…' : 'Resolve…'}
            </button>
          </>
        ) : (
          <span className="subtle evalp-hint">
            {summary.status === 'submitted'
              ? `Submitted ${formatDateTime(summary.submittedAt)} by ${summary.evaluator.name}${summary.reviewStatus ? ` · ${REVIEW_LABELS[summary.reviewStatus]}` : ''}`
              : `Draft by ${summary.evaluator.name} (read only)`}
          </span>
        )}
      </footer>

      {pending === 'submit' && (
        <Dialog title="Submit this evaluation?" confirmLabel="Submit" busy={busy} onConfirm={() => void finish('submit')} onCancel={() => setPending(null)} testId="submit-dialog">
          <p>
            Score <strong>{formatScore(result.score)}</strong>
            {result.band ? ` · ${result.band.label}` : ''}
            {result.autoFailed ? ' (auto-fail)' : ''}. {comments.length} comment{comments.length === 1 ? '' : 's'}.
          </p>
          <p>Submitting makes it final. Later changes are amendments with a reason, and the agent can acknowledge or dispute it.</p>
        </Dialog>
      )}
      {(pending === 'amend' || pending === 'resolve') && (
        <Dialog
          title={pending === 'amend' ? 'Save the amendment' : 'Resolve the dispute by amending'}
          confirmLabel={pending === 'amend' ? 'Save amendment' : 'Resolve'}
          confirmDisabled={reason.trim().length < 5}
          busy={busy}
          onConfirm={() => void finish(pending)}
          onCancel={() => setPending(null)}
          testId="amend-dialog"
        >
          <p>
            New score <strong>{formatScore(result.score)}</strong> (was {formatScore(summary.score)}).
          </p>
          <label className="field">
            <span className="field-label">{pending === 'amend' ? 'Reason for the amendment (required)' : 'Note on the resolution (required)'}</span>
            <textarea className="textarea" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} data-testid="amend-reason" />
          </label>
        </Dialog>
      )}
      {pending === 'discard' && (
        <Dialog title="Discard this draft?" confirmLabel="Discard draft" danger busy={busy} onConfirm={() => void finish('discard')} onCancel={() => setPending(null)} testId="discard-dialog">
          <p>Its answers and comments are removed. The call goes back to “to do”.</p>
        </Dialog>
      )}
    </div>
  );
}

function History({ detail }: { detail: EvaluationDetail }) {
  const items = [
    ...detail.versions.map((v) => ({
      at: v.at,
      key: `v${v.seq}`,
      title: v.kind === 'submission' ? `Submitted · ${formatScore(v.score)}` : `Amended · ${formatScore(v.score)}${v.resolvesDispute ? ' (resolves the dispute)' : ''}`,
      who: v.author.name,
      text: v.reason,
    })),
    ...detail.reviewEvents.map((r) => ({
      at: r.at,
      key: `r${r.seq}`,
      title: r.action === 'acknowledged' ? 'Agent acknowledged' : r.action === 'disputed' ? 'Agent disputed' : r.action === 'upheld' ? 'Dispute upheld' : 'Dispute resolved by amendment',
      who: r.recordedBy.name,
      text: r.reason,
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <section className="evalp-section" data-testid="eval-history">
      <h3 className="evalp-section-title">
        <span>History</span>
      </h3>
      <ol className="history">
        {items.map((i) => (
          <li key={i.key} className="history-item">
            <span className="history-title">{i.title}</span>
            <span className="subtle">
              {formatDateTime(i.at)} · {i.who}
            </span>
            {i.text && <span className="history-text">“{i.text}”</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
