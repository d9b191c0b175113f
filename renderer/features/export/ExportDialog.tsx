// "Export audio": a whole call, a selection or a training clip, always redacted (the accepted marks)
// and watermarked. Needs a reason and a case/ticket reference; the file goes where the person chooses
// in the native save dialog; progress with Cancel while it runs.
import { useEffect, useState } from 'react';
import type { Clip, ExportFormat, ExportRecord, RedactionMark, RedactionMode } from '../../../shared/redaction-types';
import { call } from '../../api/client';
import { useApp } from '../../app/store';
import { formatClock, plural } from '../../lib/format';
import { Dialog } from '../../components/Dialog';
import { formatWatermarkId } from './export-format';
import { ProgressBar } from './ProgressBar';
import { useTask } from './useTask';
import './export.css';

interface Props {
  recordingId: string;
  clip?: Clip | null;
  /** A selection of the call to export instead of the whole call. */
  range?: { start: number; end: number } | null;
  onClose(): void;
}

export function ExportDialog({ recordingId, clip = null, range = null, onClose }: Props) {
  const reportError = useApp((s) => s.reportError);
  const [format, setFormat] = useState<ExportFormat>('wav');
  const [mode, setMode] = useState<RedactionMode>('silence');
  const [reason, setReason] = useState('');
  const [caseRef, setCaseRef] = useState('');
  const [marks, setMarks] = useState<RedactionMark[] | null>(null);
  const [done, setDone] = useState<ExportRecord | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const task = useTask();

  useEffect(() => {
    call('redaction.list', { recordingId }).then(setMarks, (e) => reportError(e, 'redaction.list'));
  }, [recordingId, reportError]);

  const from = clip?.start ?? range?.start ?? 0;
  const to = clip?.end ?? range?.end ?? Infinity;
  const inside = (m: RedactionMark) => m.end > from && m.start < to;
  const accepted = marks?.filter((m) => m.status === 'accepted' && inside(m)).length ?? 0;
  const pending = marks?.filter((m) => m.status === 'suggested' && inside(m)).length ?? 0;
  const what = clip ? `the clip “${clip.title}”` : range ? `${formatClock(range.start)}–${formatClock(range.end)} of ${recordingId}` : `the whole call ${recordingId}`;

  const start = async () => {
    setMessage(null);
    try {
      const rec = await task.run((taskId) =>
        call('export.audio', {
          taskId,
          recordingId,
          clipId: clip?.id,
          start: clip ? undefined : range?.start,
          end: clip ? undefined : range?.end,
          format,
          redactionMode: mode,
          reason: reason.trim(),
          caseRef: caseRef.trim(),
        }),
      );
      if (rec) setDone(rec);
      else setMessage('Nothing was saved: the save dialog was cancelled.');
    } catch (e) {
      reportError(e, 'export.audio');
    }
  };

  if (done) {
    return (
      <Dialog title="Export saved" confirmLabel="Done" onConfirm={onClose} onCancel={onClose} testId="export-done">
        <dl className="export-result">
          <dt>File</dt>
          <dd className="mono">{done.fileName}</dd>
          <dt>Watermark id</dt>
          <dd className="mono" data-testid="export-watermark">
            {formatWatermarkId(done.id)}
          </dd>
          <dt>Redactions applied</dt>
          <dd>{done.redactionsApplied}</dd>
          <dt>Length</dt>
          <dd>{formatClock(done.end - done.start)}</dd>
        </dl>
        <p className="subtle">The file carries an inaudible watermark naming this export, and its metadata says who exported it, when and why. Both are recorded in the audit trail.</p>
      </Dialog>
    );
  }

  return (
    <Dialog
      title={clip ? 'Export clip' : 'Export audio'}
      confirmLabel="Choose where to save…"
      confirmDisabled={!reason.trim() || !caseRef.trim() || task.running}
      busy={task.running}
      onConfirm={() => void start()}
      onCancel={() => (task.running ? void task.cancel() : onClose())}
      testId="export-dialog"
    >
      <p className="subtle">Exports {what}, redacted and watermarked.</p>
      <div className="export-grid">
        <fieldset className="export-choice">
          <legend className="field-label">Format</legend>
          <label>
            <input type="radio" name="export-format" checked={format === 'wav'} onChange={() => setFormat('wav')} /> WAV (16-bit PCM)
          </label>
          <label>
            <input type="radio" name="export-format" checked={format === 'mp3'} onChange={() => setFormat('mp3')} /> MP3
          </label>
        </fieldset>
        <fieldset className="export-choice">
          <legend className="field-label">Redacted parts</legend>
          <label>
            <input type="radio" name="export-mode" checked={mode === 'silence'} onChange={() => setMode('silence')} /> Silence
          </label>
          <label>
            <input type="radio" name="export-mode" checked={mode === 'tone'} onChange={() => setMode('tone')} /> Tone
          </label>
        </fieldset>
      </div>
      <label className="field">
        <span className="field-label">Case or ticket reference</span>
        <input className="input" value={caseRef} maxLength={120} onChange={(e) => setCaseRef(e.target.value)} placeholder="e.g. TRAIN-2026-14 or INC-4411" data-testid="export-case" />
      </label>
      <label className="field">
        <span className="field-label">Reason for the export</span>
        <textarea className="input" rows={2} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} placeholder="Who needs it and why" data-testid="export-reason" />
      </label>
      <p className={`export-redactions${pending > 0 ? ' warn' : ''}`} data-testid="export-redactions">
        {marks === null
          ? 'Checking redactions…'
          : `${plural(accepted, 'accepted redaction')} will be applied.${pending > 0 ? ` ${plural(pending, 'suggestion')} not reviewed yet will not be — review them in the player first.` : ''}`}
      </p>
      {task.running && <ProgressBar fraction={task.fraction} label="Exporting" onCancel={() => void task.cancel()} />}
      {message && <p className="subtle">{message}</p>}
    </Dialog>
  );
}
