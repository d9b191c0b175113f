// The evaluation queue: random samples of calls per agent (drawn here, reproducible from their seed)
// with each call's status, and the evaluator's own evaluations. Opening a call switches to the player
// with the evaluation panel ready.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { EvaluationSummary, FormSummary, SampleDetail, SampleDraw, SampleItem, SampleVerification } from '../../../shared/qa-types';
import { call } from '../../api/client';
import { useApp } from '../../app/store';
import { formatDateTime, formatDuration, plural } from '../../lib/format';
import { useEvaluation } from '../evaluation/store';
import { bandClass, formatScore, SAMPLE_STATUS_LABELS, isUsableForm } from '../qa-common/qa-format';
import { DrawForm } from './DrawForm';
import './queue.css';

type Tab = 'samples' | 'mine';

export function EvaluationsScreen({ active }: { active: boolean }) {
  const reportError = useApp((s) => s.reportError);
  const changedTick = useEvaluation((s) => s.changedTick);
  const request = useEvaluation((s) => s.request);
  const [tab, setTab] = useState<Tab>('samples');
  const [draws, setDraws] = useState<SampleDraw[] | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [detail, setDetail] = useState<SampleDetail | null>(null);
  const [forms, setForms] = useState<FormSummary[]>([]);
  const [drawing, setDrawing] = useState(false);
  const [verification, setVerification] = useState<SampleVerification | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [mine, setMine] = useState<EvaluationSummary[] | null>(null);
  const [tick, setTick] = useState(0);

  const loadDraws = useCallback(() => {
    call('qa.samples.list', { offset: 0, limit: 100 }).then(
      (p) => {
        setDraws(p.rows);
        setSelectedId((cur) => cur ?? p.rows[0]?.id ?? null);
      },
      (e) => reportError(e, 'qa.samples.list'),
    );
  }, [reportError]);

  useEffect(() => {
    loadDraws();
    call('qa.forms.list', {}).then((all) => setForms(all.filter(isUsableForm)), (e) => reportError(e, 'qa.forms.list'));
  }, [loadDraws, reportError, tick]);

  useEffect(() => {
    if (!selectedId) {
      setDetail(null);
      return;
    }
    let live = true;
    setVerification(null);
    call('qa.samples.get', { drawId: selectedId }).then(
      (d) => live && setDetail(d),
      (e) => live && reportError(e, 'qa.samples.get'),
    );
    return () => {
      live = false;
    };
  }, [selectedId, reportError, tick]);

  useEffect(() => {
    if (tab !== 'mine') return;
    call('qa.evaluations.list', { mine: true, limit: 200 }).then((p) => setMine(p.rows), (e) => reportError(e, 'qa.evaluations.list'));
  }, [tab, reportError, tick]);

  // Statuses change as calls are scored: refresh when coming back or when something was submitted.
  const wasActive = useRef(active);
  useEffect(() => {
    if (active && !wasActive.current) setTick((t) => t + 1);
    wasActive.current = active;
  }, [active]);
  useEffect(() => {
    if (changedTick > 0) setTick((t) => t + 1);
  }, [changedTick]);

  const verify = async () => {
    if (!selectedId) return;
    setVerifying(true);
    try {
      setVerification(await call('qa.samples.verify', { drawId: selectedId }));
    } catch (e) {
      reportError(e, 'qa.samples.verify');
    } finally {
      setVerifying(false);
    }
  };

  const openItem = (item: SampleItem, draw: SampleDraw) => {
    if (item.status === 'submitted' && item.evaluationId) request({ recordingId: item.recordingId, evaluationId: item.evaluationId });
    else request({ recordingId: item.recordingId, formId: draw.formId, sampleItemId: item.id });
  };

  const groups = useMemo(() => {
    const m = new Map<string, SampleItem[]>();
    for (const it of detail?.items ?? []) {
      const list = m.get(it.agentId) ?? [];
      list.push(it);
      m.set(it.agentId, list);
    }
    return [...m.values()];
  }, [detail]);

  return (
    <div className="qa-page queue" data-testid="evaluations-screen">
      <div className="qa-head">
        <div className="qa-title">
          <h1>Evaluation queue</h1>
          <span className="muted">Calls drawn at random per agent, so nobody picks which calls get scored. Open a call to score it beside the player.</span>
        </div>
        <div className="qa-actions">
          <div className="segmented" role="tablist" aria-label="View">
            <button type="button" role="tab" aria-selected={tab === 'samples'} className={`segment${tab === 'samples' ? ' on' : ''}`} onClick={() => setTab('samples')} data-testid="queue-tab-samples">
              Samples
            </button>
            <button type="button" role="tab" aria-selected={tab === 'mine'} className={`segment${tab === 'mine' ? ' on' : ''}`} onClick={() => setTab('mine')} data-testid="queue-tab-mine">
              My evaluations
            </button>
          </div>
          {tab === 'samples' && (
            <button type="button" className="btn btn-primary" onClick={() => setDrawing(true)} disabled={drawing || forms.length === 0} data-testid="queue-new-draw" title={forms.length === 0 ? 'Publish an evaluation form first' : undefined}>
              + Draw a sample
            </button>
          )}
        </div>
      </div>

      {tab === 'samples' && drawing && (
        <DrawForm
          forms={forms}
          onCancel={() => setDrawing(false)}
          onDrawn={(d) => {
            setDrawing(false);
            setSelectedId(d.draw.id);
            setDetail(d);
            loadDraws();
          }}
        />
      )}

      {tab === 'samples' ? (
        <div className="qa-split">
          <div className="qa-card qa-list" data-testid="draw-list">
            {draws === null ? (
              <p className="qa-empty-note">Loading…</p>
            ) : draws.length === 0 ? (
              <div className="qa-empty-note">
                <p>No samples drawn yet.</p>
                <p className="subtle">Draw one to fill your queue.</p>
              </div>
            ) : (
              draws.map((d) => (
                <button key={d.id} type="button" className={`qa-list-item${d.id === selectedId ? ' selected' : ''}`} onClick={() => setSelectedId(d.id)} data-testid="draw-item">
                  <span className="qa-list-title">
                    <span>{d.name}</span>
                  </span>
                  <span className="qa-list-sub">
                    {d.from} – {d.to} · {d.perAgent} per agent
                  </span>
                  <span className="draw-progress">
                    <span className="bar">
                      <span className="bar-fill" style={{ width: `${d.items ? (d.submitted / d.items) * 100 : 0}%` }} />
                    </span>
                    <span className="subtle">
                      {d.submitted}/{d.items} done
                    </span>
                  </span>
                </button>
              ))
            )}
          </div>

          <div className="qa-card sample-detail">
            {!detail ? (
              <p className="qa-empty-note">{draws && draws.length > 0 ? 'Loading…' : 'Drawn samples show here with the status of every call.'}</p>
            ) : (
              <>
                <div className="sample-head">
                  <div className="sample-title">
                    <h2>{detail.draw.name}</h2>
                    <span className="subtle">
                      Drawn {formatDateTime(detail.draw.drawnAt)} by {detail.draw.drawnBy.name} · {plural(detail.draw.items, 'call')} for {plural(detail.draw.agents, 'agent')} from {plural(detail.draw.population, 'eligible call')}
                    </span>
                    <span className="sample-proof">
                      <span className="subtle">Seed</span> <span className="mono" data-testid="draw-seed-value">{detail.draw.seed}</span>
                      <span className="subtle">Population hash</span>{' '}
                      <span className="mono" title={detail.draw.populationHash}>
                        {detail.draw.populationHash.slice(0, 12)}…
                      </span>
                    </span>
                  </div>
                  <button type="button" className="btn" onClick={() => void verify()} disabled={verifying} data-testid="draw-verify">
                    {verifying ? 'Re-drawing…' : 'Verify draw'}
                  </button>
                </div>
                {verification && (
                  <div className={`verify-banner ${verification.reproducible ? 'verify-ok' : 'verify-bad'}`} role="status" data-testid="draw-verify-result" data-reproducible={verification.reproducible}>
                    <span className="verify-icon" aria-hidden="true">
                      {verification.reproducible ? '✓' : '!'}
                    </span>
                    <span className="verify-text">
                      <strong>{verification.reproducible ? 'Reproducible: the seed gives exactly this sample' : 'The re-drawn sample differs'}</strong>
                      <span>
                        Eligible calls then {verification.populationThen}, now {verification.populationNow}
                        {verification.populationUnchanged ? ' (unchanged)' : ' (the library changed since)'}
                        {verification.missing.length + verification.extra.length > 0 ? ` · ${verification.missing.length} missing, ${verification.extra.length} extra` : ''}.
                      </span>
                    </span>
                  </div>
                )}
                <div className="qa-table-wrap">
                  <table className="qa-table" data-testid="sample-items">
                    <thead>
                      <tr>
                        <th>Agent</th>
                        <th>Call</th>
                        <th className="num">Duration</th>
                        <th>Queue</th>
                        <th>Status</th>
                        <th className="num">Score</th>
                        <th />
                      </tr>
                    </thead>
                    <tbody>
                      {groups.map((items) =>
                        items.map((it, i) => (
                          <tr key={it.id} className={i === 0 ? 'group-first' : ''} data-testid="sample-item" data-status={it.status} data-recording={it.recordingId} onDoubleClick={() => openItem(it, detail.draw)}>
                            <td>{i === 0 ? <strong>{it.agentName}</strong> : null}</td>
                            <td>
                              {formatDateTime(it.callStartTime)} <span className="mono subtle">{it.recordingId}</span>
                            </td>
                            <td className="num">{formatDuration(it.durationSec)}</td>
                            <td>{it.queue ?? <span className="subtle">—</span>}</td>
                            <td>
                              <span className={`status-dot status-${it.status}`}>{SAMPLE_STATUS_LABELS[it.status]}</span>
                              {it.evaluator && <span className="subtle"> · {it.evaluator.name}</span>}
                            </td>
                            <td className="num">{formatScore(it.score)}</td>
                            <td className="num">
                              <button type="button" className={`btn btn-sm${it.status === 'todo' ? ' btn-primary' : ''}`} onClick={() => openItem(it, detail.draw)} data-testid="sample-open">
                                {it.status === 'todo' ? 'Score' : it.status === 'draft' ? 'Continue' : 'Open'}
                              </button>
                            </td>
                          </tr>
                        )),
                      )}
                    </tbody>
                  </table>
                  {detail.items.length === 0 && <p className="qa-empty-note">No call in the period matched the filters.</p>}
                </div>
              </>
            )}
          </div>
        </div>
      ) : (
        <div className="qa-card qa-table-wrap" data-testid="my-evaluations">
          {mine === null ? (
            <p className="qa-empty-note">Loading…</p>
          ) : mine.length === 0 ? (
            <p className="qa-empty-note">You have not scored any call yet. Open a call in the Library or a sample above and press E.</p>
          ) : (
            <table className="qa-table">
              <thead>
                <tr>
                  <th>Call</th>
                  <th>Agent</th>
                  <th>Form</th>
                  <th>Status</th>
                  <th className="num">Score</th>
                  <th>Changed</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {mine.map((e) => (
                  <tr key={e.id} data-testid="my-evaluation" onDoubleClick={() => request({ recordingId: e.recordingId, evaluationId: e.id })}>
                    <td>
                      {formatDateTime(e.callStartTime)} <span className="mono subtle">{e.recordingId}</span>
                    </td>
                    <td>{e.agentName}</td>
                    <td>
                      {e.formTitle} <span className="subtle">v{e.formVersion}</span>
                    </td>
                    <td>
                      <span className={`status-dot status-${e.reviewStatus === 'disputed' ? 'disputed' : e.status}`}>
                        {e.status === 'draft' ? 'Draft' : e.reviewStatus === 'disputed' ? 'Disputed' : e.amendments ? 'Amended' : 'Submitted'}
                      </span>
                    </td>
                    <td className="num">{e.score !== null ? <span className={`band ${bandClass(e.band)}`}>{formatScore(e.score)}</span> : '—'}</td>
                    <td>{formatDateTime(e.updatedAt)}</td>
                    <td className="num">
                      <button type="button" className="btn btn-sm" onClick={() => request({ recordingId: e.recordingId, evaluationId: e.id })}>
                        Open
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </div>
  );
}
