// Setting up a calibration: one call, one form, the evaluators (at least two) and the reference
// evaluator everyone is compared with.
import { useEffect, useMemo, useState } from 'react';
import type { CalibrationSession, FormSummary } from '../../../shared/qa-types';
import type { RecordingRow } from '../../../shared/types';
import { can } from '../../../shared/permissions';
import { call, isCommandError } from '../../api/client';
import { useApp } from '../../app/store';
import { formatDateTime, formatDuration } from '../../lib/format';
import { CheckList } from '../library/CheckList';
import { LAST_FORM_KEY } from '../qa-common/qa-format';

export function CreateSession({ forms, onCreated, onCancel }: { forms: FormSummary[]; onCreated: (s: CalibrationSession) => void; onCancel: () => void }) {
  const session = useApp((s) => s.session);
  const reportError = useApp((s) => s.reportError);
  const me = session?.profile?.id ?? '';
  const people = useMemo(() => (session?.profiles ?? []).filter((p) => can(p.role, 'qa.calibrate')), [session]);
  const [calls, setCalls] = useState<RecordingRow[] | null>(null);
  const [title, setTitle] = useState('');
  const [recordingId, setRecordingId] = useState('');
  const [formId, setFormId] = useState(forms.find((x) => x.id === localStorage.getItem(LAST_FORM_KEY))?.id ?? forms[0]?.id ?? '');
  const [participants, setParticipants] = useState<string[]>(me ? [me] : []);
  const [referenceId, setReferenceId] = useState(me);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    call('library.search', { sort: 'startTime', dir: 'desc', limit: 200 }).then(
      (p) => {
        setCalls(p.rows);
        setRecordingId((cur) => cur || p.rows[0]?.id || '');
      },
      (e) => reportError(e, 'library.search'),
    );
  }, [reportError]);

  useEffect(() => {
    if (!participants.includes(referenceId)) setReferenceId(participants[0] ?? '');
  }, [participants, referenceId]);

  const chosen = calls?.find((c) => c.id === recordingId);
  const problem = !title.trim()
    ? 'Give the session a title.'
    : !recordingId
      ? 'Choose the call.'
      : !formId
        ? 'Choose the form.'
        : participants.length < 2
          ? 'Choose at least two evaluators.'
          : !referenceId
            ? 'Choose the reference evaluator.'
            : null;

  const create = async () => {
    if (problem) return;
    setBusy(true);
    setError(null);
    try {
      onCreated(await call('qa.calibration.create', { title: title.trim(), recordingId, formId, participantIds: participants, referenceId }));
    } catch (e) {
      if (isCommandError(e) && e.code === 'invalid_input') setError(e.message);
      else reportError(e, 'qa.calibration.create');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="qa-card" data-testid="calibration-create">
      <div className="qa-card-head">
        <h2>New calibration session</h2>
        <span className="subtle">Everyone scores the same call blind; answers are compared once each evaluator has submitted.</span>
      </div>
      <div className="qa-card-body cal-create-grid">
        <div className="draw-col">
          <label className="field">
            <span className="field-label">Title</span>
            <input className="input" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} placeholder="e.g. November calibration — billing dispute" data-testid="cal-title" />
          </label>
          <label className="field">
            <span className="field-label">Call</span>
            <select className="select" value={recordingId} onChange={(e) => setRecordingId(e.target.value)} disabled={!calls} data-testid="cal-call">
              {(calls ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.agentName} · {formatDateTime(c.startTime)} · {c.queue ?? '—'} · {formatDuration(c.durationSec)}
                </option>
              ))}
            </select>
            {chosen && <span className="subtle mono">{chosen.id}</span>}
          </label>
          <label className="field">
            <span className="field-label">Form</span>
            <select className="select" value={formId} onChange={(e) => setFormId(e.target.value)} data-testid="cal-form">
              {forms.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.title} (v{f.publishedVersion})
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="draw-col">
          <span className="field-label">Evaluators ({participants.length})</span>
          <CheckList
            testId="cal-participants"
            placeholder="Find a person"
            options={people.map((p) => ({ value: p.id, label: p.displayName, hint: p.id === me ? 'you' : undefined }))}
            selected={participants}
            onChange={setParticipants}
          />
          {people.length < 2 && <p className="subtle">Only profiles whose role can calibrate are listed. Create more QA profiles on this device to calibrate together.</p>}
        </div>
        <div className="draw-col">
          <label className="field">
            <span className="field-label">Reference evaluator</span>
            <select className="select" value={referenceId} onChange={(e) => setReferenceId(e.target.value)} data-testid="cal-reference">
              {participants.map((id) => (
                <option key={id} value={id}>
                  {people.find((p) => p.id === id)?.displayName ?? id}
                </option>
              ))}
            </select>
          </label>
          <p className="subtle">Usually the QA lead: the others’ scores and answers are compared with theirs.</p>
        </div>
      </div>
      <div className="draw-foot">
        {(error || problem) && <span className="field-error">{error ?? problem}</span>}
        <span className="topbar-spacer" />
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="btn btn-primary" onClick={() => void create()} disabled={Boolean(problem) || busy} data-testid="cal-create">
          {busy ? 'Creating…' : 'Create session'}
        </button>
      </div>
    </div>
  );
}
