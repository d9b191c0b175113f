// Calibration: sessions in which several evaluators score one call blind, and the comparison once
// they have submitted — answer spread and agreement per question, each evaluator's deviation from
// the reference, and the overall score spread.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CalibrationSession, CalibrationView, FormSummary } from '../../../shared/qa-types';
import { call } from '../../api/client';
import { useApp } from '../../app/store';
import { formatDateTime } from '../../lib/format';
import { useEvaluation } from '../evaluation/store';
import { formatPercent } from '../../lib/format';
import { formatScore, SAMPLE_STATUS_LABELS, isUsableForm } from '../qa-common/qa-format';
import { CreateSession } from './CreateSession';
import './calibration.css';

export function CalibrationScreen({ active }: { active: boolean }) {
  const reportError = useApp((s) => s.reportError);
  const request = useEvaluation((s) => s.request);
  const changedTick = useEvaluation((s) => s.changedTick);
  const [sessions, setSessions] = useState<CalibrationSession[] | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [view, setView] = useState<CalibrationView | null>(null);
  const [forms, setForms] = useState<FormSummary[]>([]);
  const [creating, setCreating] = useState(false);
  const [tick, setTick] = useState(0);

  const load = useCallback(() => {
    call('qa.calibration.list', {}).then(
      (list) => {
        setSessions(list);
        setSelectedId((cur) => cur ?? list[0]?.id ?? null);
      },
      (e) => reportError(e, 'qa.calibration.list'),
    );
  }, [reportError]);

  useEffect(() => {
    load();
    call('qa.forms.list', {}).then((all) => setForms(all.filter(isUsableForm)), (e) => reportError(e, 'qa.forms.list'));
  }, [load, reportError, tick]);

  const selected = sessions?.find((s) => s.id === selectedId) ?? null;

  useEffect(() => {
    setView(null);
    if (!selected?.canView) return;
    let live = true;
    call('qa.calibration.view', { sessionId: selected.id }).then(
      (v) => live && setView(v),
      (e) => live && reportError(e, 'qa.calibration.view'),
    );
    return () => {
      live = false;
    };
  }, [selected?.id, selected?.canView, reportError, tick]);

  const wasActive = useRef(active);
  useEffect(() => {
    if (active && !wasActive.current) setTick((t) => t + 1);
    wasActive.current = active;
  }, [active]);
  useEffect(() => {
    if (changedTick > 0) setTick((t) => t + 1);
  }, [changedTick]);

  const close = async (s: CalibrationSession) => {
    try {
      await call('qa.calibration.close', { sessionId: s.id });
      setTick((t) => t + 1);
    } catch (e) {
      reportError(e, 'qa.calibration.close');
    }
  };

  return (
    <div className="qa-page calibration" data-testid="calibration-screen">
      <div className="qa-head">
        <div className="qa-title">
          <h1>Calibration</h1>
          <span className="muted">Score the same call blind, then compare until everyone scores alike.</span>
        </div>
        <div className="qa-actions">
          <button type="button" className="btn btn-primary" onClick={() => setCreating(true)} disabled={creating || forms.length === 0} data-testid="cal-new">
            + New session
          </button>
        </div>
      </div>
      {creating && (
        <CreateSession
          forms={forms}
          onCancel={() => setCreating(false)}
          onCreated={(s) => {
            setCreating(false);
            setSelectedId(s.id);
            load();
          }}
        />
      )}
      <div className="qa-split">
        <div className="qa-card qa-list" data-testid="cal-list">
          {sessions === null ? (
            <p className="qa-empty-note">Loading…</p>
          ) : sessions.length === 0 ? (
            <p className="qa-empty-note">No calibration sessions yet.</p>
          ) : (
            sessions.map((s) => {
              const done = s.participants.filter((p) => p.status === 'submitted').length;
              return (
                <button key={s.id} type="button" className={`qa-list-item${s.id === selectedId ? ' selected' : ''}`} onClick={() => setSelectedId(s.id)} data-testid="cal-item">
                  <span className="qa-list-title">
                    <span>{s.title}</span>
                    <span className="topbar-spacer" />
                    <span className={`chip ${s.status === 'open' ? 'chip-accent' : ''}`}>{s.status === 'open' ? 'Open' : 'Closed'}</span>
                  </span>
                  <span className="qa-list-sub">
                    {s.agentName} · {formatDateTime(s.callStartTime)}
                  </span>
                  <span className="qa-list-sub">
                    {done} of {s.participants.length} submitted{s.mine.participant && !s.mine.submitted ? ' · your turn' : ''}
                  </span>
                </button>
              );
            })
          )}
        </div>
        <div className="cal-detail">
          {!selected ? (
            <div className="qa-card">
              <p className="qa-empty-note">Choose a session, or create one.</p>
            </div>
          ) : (
            <>
              <div className="qa-card" data-testid="cal-session">
                <div className="sample-head">
                  <div className="sample-title">
                    <h2>{selected.title}</h2>
                    <span className="subtle">
                      {selected.agentName} · {formatDateTime(selected.callStartTime)} · <span className="mono">{selected.recordingId}</span> · {selected.formTitle} v{selected.formVersion} · run by {selected.owner.name}
                    </span>
                  </div>
                  <div className="qa-actions">
                    {selected.mine.participant && !selected.mine.submitted && selected.status === 'open' && (
                      <button type="button" className="btn btn-primary" onClick={() => request({ recordingId: selected.recordingId, calibrationSessionId: selected.id })} data-testid="cal-score">
                        Score this call (blind)
                      </button>
                    )}
                    {selected.mine.owner && selected.status === 'open' && (
                      <button type="button" className="btn" onClick={() => void close(selected)} data-testid="cal-close">
                        Close session
                      </button>
                    )}
                  </div>
                </div>
                <ul className="cal-people">
                  {selected.participants.map((p) => (
                    <li key={p.profileId} className="cal-person">
                      <span className="cal-person-name">
                        {p.name}
                        {p.isReference && <span className="chip chip-accent">Reference</span>}
                      </span>
                      <span className={`status-dot status-${p.status}`}>{SAMPLE_STATUS_LABELS[p.status]}</span>
                    </li>
                  ))}
                </ul>
              </div>
              {!selected.canView ? (
                <div className="qa-card cal-blind" data-testid="cal-blind">
                  <strong>Blind until you submit</strong>
                  <span className="muted">
                    {selected.mine.participant
                      ? 'Other evaluators’ answers and scores stay hidden until you submit your own evaluation of this call.'
                      : 'The comparison opens to the facilitator once the session is closed.'}
                  </span>
                </div>
              ) : view ? (
                <Comparison view={view} />
              ) : (
                <div className="qa-card">
                  <p className="qa-empty-note">Loading the comparison…</p>
                </div>
              )}
            </>
          )}
        </div>
      </div>
    </div>
  );
}

function deviationClass(d: number | null): string {
  if (d === null) return '';
  const a = Math.abs(d);
  return a <= 5 ? 'dev-ok' : a <= 10 ? 'dev-mid' : 'dev-bad';
}

function Comparison({ view }: { view: CalibrationView }) {
  const sp = view.scoreSpread;
  return (
    <>
      <div className="qa-kpis" data-testid="cal-summary">
        <div className="qa-card qa-kpi">
          <span className="qa-kpi-label">Agreement</span>
          <span className="qa-kpi-value" data-testid="cal-agreement">
            {formatPercent(view.overallAgreement)}
          </span>
          <span className="qa-kpi-sub">mean per scored question</span>
        </div>
        <div className="qa-card qa-kpi">
          <span className="qa-kpi-label">Score range</span>
          <span className="qa-kpi-value">
            {formatScore(sp.min)}–{formatScore(sp.max)}
          </span>
          <span className="qa-kpi-sub">spread {formatScore(sp.range)} points</span>
        </div>
        <div className="qa-card qa-kpi">
          <span className="qa-kpi-label">Mean score</span>
          <span className="qa-kpi-value">{formatScore(sp.mean)}</span>
          <span className="qa-kpi-sub">std. dev. {sp.stdDev === null ? '—' : sp.stdDev.toFixed(1)}</span>
        </div>
        <div className="qa-card qa-kpi">
          <span className="qa-kpi-label">Evaluators</span>
          <span className="qa-kpi-value">{view.evaluators.length}</span>
          <span className="qa-kpi-sub">of {view.session.participants.length} submitted</span>
        </div>
      </div>

      <div className="qa-card">
        <div className="qa-card-head">
          <h2>Evaluators against the reference</h2>
        </div>
        <div className="qa-table-wrap">
          <table className="qa-table" data-testid="cal-evaluators">
            <thead>
              <tr>
                <th>Evaluator</th>
                <th className="num">Score</th>
                <th className="num">Deviation</th>
                <th className="num">Same answers as reference</th>
              </tr>
            </thead>
            <tbody>
              {view.evaluators.map((e) => (
                <tr key={e.profileId} data-testid="cal-evaluator">
                  <td>
                    {e.name} {e.isReference && <span className="chip chip-accent">Reference</span>}
                    {e.autoFailed && <span className="chip chip-bad">Auto-fail</span>}
                  </td>
                  <td className="num">
                    <strong>{formatScore(e.score)}</strong>
                  </td>
                  <td className={`num ${deviationClass(e.deviation)}`}>{e.isReference ? <span className="subtle">—</span> : e.deviation === null ? '—' : `${e.deviation > 0 ? '+' : ''}${e.deviation.toFixed(1)}`}</td>
                  <td className="num">{e.isReference ? <span className="subtle">—</span> : formatPercent(e.agreementWithReference)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>

      <div className="qa-card">
        <div className="qa-card-head">
          <h2>Answers per question</h2>
          <span className="subtle">The reference evaluator’s answer is marked ★.</span>
        </div>
        <ol className="cal-questions" data-testid="cal-questions">
          {view.questions.map((q) => {
            const total = Math.max(1, q.spread.reduce((n, s) => n + s.count, 0));
            const low = q.agreement !== null && q.agreement < 0.75;
            return (
              <li key={q.questionId} className={`cal-q${low ? ' cal-q-low' : ''}`} data-testid="cal-question">
                <div className="cal-q-head">
                  <span className="cal-q-text">
                    <span className="subtle">{q.sectionTitle} · </span>
                    {q.text}
                  </span>
                  {q.agreement !== null && <span className={`chip ${low ? 'chip-warn' : 'chip-ok'}`}>{formatPercent(q.agreement)} agree</span>}
                </div>
                {q.type === 'text' ? (
                  <ul className="cal-texts">
                    {q.texts.map((t) => (
                      <li key={t.evaluator}>
                        <strong>{t.evaluator}:</strong> {t.text}
                      </li>
                    ))}
                    {q.texts.length === 0 && <li className="subtle">No text answers.</li>}
                  </ul>
                ) : (
                  <div className="cal-spread">
                    {q.spread.map((s) => (
                      <div key={s.key} className={`cal-answer${s.isReference ? ' ref' : ''}`} title={s.evaluators.join(', ')}>
                        <span className="cal-answer-label">
                          {s.isReference ? '★ ' : ''}
                          {s.label}
                        </span>
                        <span className="bar">
                          <span className="bar-fill" style={{ width: `${(s.count / total) * 100}%` }} />
                        </span>
                        <span className="cal-answer-count">{s.count}</span>
                        <span className="cal-answer-who subtle">{s.evaluators.join(', ')}</span>
                      </div>
                    ))}
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      </div>
    </>
  );
}
