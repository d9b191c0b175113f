// Legal and compliance: legal holds (placed and released with a case and a reason), evidence
// packages (signed, verifiable by anyone), verifying a package, and naming the source of a leaked file.
import { useCallback, useEffect, useState } from 'react';
import type { EvidenceCheck, EvidenceRecord, LeakIdentification, LegalHold } from '../../../shared/redaction-types';
import { call } from '../../api/client';
import { useApp } from '../../app/store';
import { formatDateTime, formatClock, plural } from '../../lib/format';
import { formatWatermarkId } from '../export/export-format';
import { ProgressBar } from '../export/ProgressBar';
import { useTask } from '../export/useTask';
import { Dialog } from '../../components/Dialog';
import './legal.css';

export function LegalScreen({ active }: { active: boolean }) {
  const perms = useApp((s) => s.session?.permissions ?? []);
  const canHold = perms.includes('legal.hold');
  const canEvidence = perms.includes('evidence.export');
  const canIdentify = perms.includes('watermark.identify');
  return (
    <div className="legal">
      <header className="legal-head">
        <h1>Legal &amp; compliance</h1>
        <p className="subtle">Holds, evidence packages and leak tracing. Every action here is recorded in the audit trail.</p>
      </header>
      <div className="legal-grid">
        {canHold && <HoldsCard active={active} />}
        {canEvidence && <EvidenceCard active={active} />}
        <VerifyCard />
        {canIdentify && <IdentifyCard />}
      </div>
    </div>
  );
}

function HoldsCard({ active }: { active: boolean }) {
  const reportError = useApp((s) => s.reportError);
  const openId = useApp((s) => s.openRecordingId);
  const openRecording = useApp((s) => s.openRecording);
  const [holds, setHolds] = useState<LegalHold[] | null>(null);
  const [showReleased, setShowReleased] = useState(false);
  const [placing, setPlacing] = useState<{ recordingId: string; caseRef: string; reason: string } | null>(null);
  const [releasing, setReleasing] = useState<{ hold: LegalHold; reason: string } | null>(null);
  const load = useCallback(() => call('legal.holds', { includeReleased: showReleased }).then(setHolds, (e) => reportError(e, 'legal.holds')), [showReleased, reportError]);
  useEffect(() => {
    if (active) void load();
  }, [active, load]);

  return (
    <section className="legal-card" aria-labelledby="holds-title">
      <div className="legal-card-head">
        <div>
          <h2 id="holds-title">Legal holds</h2>
          <p className="subtle">A held recording is kept in this device's encrypted cache and cannot be purged until released.</p>
        </div>
        <button type="button" className="btn btn-primary" onClick={() => setPlacing({ recordingId: openId ?? '', caseRef: '', reason: '' })} data-testid="hold-place">
          Place a hold…
        </button>
      </div>
      <label className="legal-toggle">
        <input type="checkbox" checked={showReleased} onChange={(e) => setShowReleased(e.target.checked)} /> Show released holds
      </label>
      {holds === null ? (
        <p className="subtle">Loading…</p>
      ) : holds.length === 0 ? (
        <p className="subtle legal-empty">{showReleased ? 'No holds have been placed on this device.' : 'No recording is on hold.'}</p>
      ) : (
        <table className="legal-table" data-testid="holds-table">
          <thead>
            <tr>
              <th>Recording</th>
              <th>Case</th>
              <th>Reason</th>
              <th>Placed</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {holds.map((h) => (
              <tr key={h.id} className={h.releasedAt ? 'released' : undefined}>
                <td>
                  <button type="button" className="link mono" onClick={() => openRecording(h.recordingId)}>
                    {h.recordingId}
                  </button>
                </td>
                <td>{h.caseRef}</td>
                <td>{h.reason}</td>
                <td>
                  {h.placedBy}
                  <div className="subtle">{formatDateTime(h.placedAt)}</div>
                </td>
                <td>
                  {h.releasedAt ? (
                    <span className="subtle" title={h.releaseReason ?? undefined}>
                      Released {formatDateTime(h.releasedAt)} by {h.releasedBy}
                    </span>
                  ) : (
                    <button type="button" className="btn btn-sm" onClick={() => setReleasing({ hold: h, reason: '' })}>
                      Release…
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {placing && (
        <Dialog
          title="Place a legal hold"
          confirmLabel="Place hold"
          confirmDisabled={!placing.recordingId.trim() || !placing.caseRef.trim() || !placing.reason.trim()}
          onCancel={() => setPlacing(null)}
          onConfirm={() =>
            void call('legal.hold.place', { recordingId: placing.recordingId.trim(), caseRef: placing.caseRef.trim(), reason: placing.reason.trim() }).then(
              () => {
                setPlacing(null);
                void load();
              },
              (e) => reportError(e, 'legal.hold.place'),
            )
          }
          testId="hold-dialog"
        >
          <label className="field">
            <span className="field-label">Recording id</span>
            <input className="input mono" value={placing.recordingId} onChange={(e) => setPlacing({ ...placing, recordingId: e.target.value })} placeholder="e.g. C20261029-0001" />
          </label>
          <label className="field">
            <span className="field-label">Case reference</span>
            <input className="input" value={placing.caseRef} maxLength={120} onChange={(e) => setPlacing({ ...placing, caseRef: e.target.value })} />
          </label>
          <label className="field">
            <span className="field-label">Reason</span>
            <textarea className="input" rows={2} value={placing.reason} maxLength={500} onChange={(e) => setPlacing({ ...placing, reason: e.target.value })} />
          </label>
        </Dialog>
      )}
      {releasing && (
        <Dialog
          title={`Release the hold on ${releasing.hold.recordingId}?`}
          confirmLabel="Release hold"
          danger
          confirmDisabled={!releasing.reason.trim()}
          onCancel={() => setReleasing(null)}
          onConfirm={() =>
            void call('legal.hold.release', { holdId: releasing.hold.id, reason: releasing.reason.trim() }).then(
              () => {
                setReleasing(null);
                void load();
              },
              (e) => reportError(e, 'legal.hold.release'),
            )
          }
        >
          <p className="subtle">Case {releasing.hold.caseRef}. Once no hold remains, the recording follows the normal cache and retention rules again.</p>
          <label className="field">
            <span className="field-label">Why is it released?</span>
            <textarea className="input" rows={2} value={releasing.reason} maxLength={500} onChange={(e) => setReleasing({ ...releasing, reason: e.target.value })} />
          </label>
        </Dialog>
      )}
    </section>
  );
}

function EvidenceCard({ active }: { active: boolean }) {
  const reportError = useApp((s) => s.reportError);
  const openId = useApp((s) => s.openRecordingId);
  const [list, setList] = useState<EvidenceRecord[] | null>(null);
  const [form, setForm] = useState<{ recordingId: string; caseRef: string; reason: string; includeRedacted: boolean } | null>(null);
  const [last, setLast] = useState<EvidenceRecord | null>(null);
  const task = useTask();
  const load = useCallback(() => call('evidence.list', {}).then(setList, (e) => reportError(e, 'evidence.list')), [reportError]);
  useEffect(() => {
    if (active) void load();
  }, [active, load]);

  const run = async () => {
    if (!form) return;
    try {
      const rec = await task.run((taskId) => call('evidence.export', { taskId, recordingId: form.recordingId.trim(), caseRef: form.caseRef.trim(), reason: form.reason.trim(), includeRedacted: form.includeRedacted }));
      setForm(null);
      if (rec) {
        setLast(rec);
        void load();
      }
    } catch (e) {
      reportError(e, 'evidence.export');
    }
  };

  return (
    <section className="legal-card" aria-labelledby="evidence-title">
      <div className="legal-card-head">
        <div>
          <h2 id="evidence-title">Evidence packages</h2>
          <p className="subtle">The original recording bit for bit, metadata, transcript, evaluations and custody history, signed with your key.</p>
        </div>
        <button type="button" className="btn btn-primary" onClick={() => setForm({ recordingId: openId ?? '', caseRef: '', reason: '', includeRedacted: true })} data-testid="evidence-export">
          Export evidence…
        </button>
      </div>
      {last && (
        <p className="legal-ok" data-testid="evidence-saved">
          Saved <span className="mono">{last.fileName}</span> · SHA-256 <span className="mono">{last.packageSha256.slice(0, 16)}…</span> · signed with <span className="mono">{last.signerFingerprint.slice(0, 23)}…</span>
        </p>
      )}
      {list && list.length > 0 ? (
        <table className="legal-table">
          <thead>
            <tr>
              <th>Recording</th>
              <th>Case</th>
              <th>File</th>
              <th>Exported</th>
            </tr>
          </thead>
          <tbody>
            {list.map((r) => (
              <tr key={r.id}>
                <td className="mono">{r.recordingId}</td>
                <td>{r.caseRef}</td>
                <td className="mono" title={`SHA-256 ${r.packageSha256}`}>
                  {r.fileName}
                </td>
                <td>
                  {r.createdBy}
                  <div className="subtle">{formatDateTime(r.createdAt)}</div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        list && <p className="subtle legal-empty">No evidence packages exported from this device yet.</p>
      )}
      {form && (
        <Dialog
          title="Export an evidence package"
          confirmLabel="Choose where to save…"
          busy={task.running}
          confirmDisabled={!form.recordingId.trim() || !form.caseRef.trim() || !form.reason.trim() || task.running}
          onCancel={() => (task.running ? void task.cancel() : setForm(null))}
          onConfirm={() => void run()}
          testId="evidence-dialog"
        >
          <label className="field">
            <span className="field-label">Recording id</span>
            <input className="input mono" value={form.recordingId} onChange={(e) => setForm({ ...form, recordingId: e.target.value })} />
          </label>
          <label className="field">
            <span className="field-label">Case reference</span>
            <input className="input" value={form.caseRef} maxLength={120} onChange={(e) => setForm({ ...form, caseRef: e.target.value })} />
          </label>
          <label className="field">
            <span className="field-label">Reason</span>
            <textarea className="input" rows={2} value={form.reason} maxLength={500} onChange={(e) => setForm({ ...form, reason: e.target.value })} />
          </label>
          <label className="legal-toggle">
            <input type="checkbox" checked={form.includeRedacted} onChange={(e) => setForm({ ...form, includeRedacted: e.target.checked })} /> Include a redacted copy (accepted redactions, watermarked)
          </label>
          {task.running && <ProgressBar fraction={task.fraction} label="Building the package" onCancel={() => void task.cancel()} />}
        </Dialog>
      )}
    </section>
  );
}

function VerifyCard() {
  const reportError = useApp((s) => s.reportError);
  const [result, setResult] = useState<EvidenceCheck | null>(null);
  const [busy, setBusy] = useState(false);
  const verify = async () => {
    setBusy(true);
    try {
      const r = await call('evidence.verify', {});
      if (r) setResult(r);
    } catch (e) {
      reportError(e, 'evidence.verify');
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="legal-card" aria-labelledby="verify-title">
      <div className="legal-card-head">
        <div>
          <h2 id="verify-title">Verify a package</h2>
          <p className="subtle">Checks the signature and the SHA-256 of every file. Anyone can also run “earmark evidence verify”.</p>
        </div>
        <button type="button" className="btn" onClick={() => void verify()} disabled={busy} data-testid="evidence-verify">
          {busy ? 'Verifying…' : 'Choose a package…'}
        </button>
      </div>
      {result && (
        <div className={`legal-verdict ${result.intact ? 'ok' : 'bad'}`} data-testid="evidence-verdict">
          <strong>{result.intact ? `Intact: ${plural(result.files.length, 'file')} match the signed manifest` : 'This package FAILS verification'}</strong>
          <span className="subtle mono">{result.fileName}</span>
          {result.signer && (
            <span>
              Signed by {result.signer.name} · <span className="mono">{result.signer.fingerprint.slice(0, 30)}…</span> · {result.trusted ? 'a profile of this device' : 'a key this device does not know: compare the fingerprint with the exporter'}
            </span>
          )}
          {result.caseRef && (
            <span>
              Case {result.caseRef} · recording <span className="mono">{result.recordingId}</span>
            </span>
          )}
          {result.problems.length > 0 && (
            <ul>
              {result.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

function IdentifyCard() {
  const reportError = useApp((s) => s.reportError);
  const [result, setResult] = useState<LeakIdentification | null>(null);
  const [busy, setBusy] = useState(false);
  const identify = async () => {
    setBusy(true);
    try {
      const r = await call('watermark.identify', {});
      if (r) setResult(r);
    } catch (e) {
      reportError(e, 'watermark.identify');
    } finally {
      setBusy(false);
    }
  };
  const ex = result?.export ?? null;
  return (
    <section className="legal-card" aria-labelledby="identify-title">
      <div className="legal-card-head">
        <div>
          <h2 id="identify-title">Identify a leaked file</h2>
          <p className="subtle">Reads the inaudible watermark every export carries (WAV, MP3, Opus, FLAC; re-encoded or cut copies too).</p>
        </div>
        <button type="button" className="btn" onClick={() => void identify()} disabled={busy} data-testid="identify">
          {busy ? 'Reading the watermark…' : 'Choose a file…'}
        </button>
      </div>
      {result && (
        <div className={`legal-verdict ${result.found ? (ex ? 'bad' : 'warn') : 'neutral'}`} data-testid="identify-result">
          <strong>
            {!result.found ? 'No Earmark watermark found' : ex ? `Exported by ${ex.exportedBy}` : `Watermark ${formatWatermarkId(result.payload ?? '')}, not exported from this device`}
          </strong>
          <span className="subtle mono">{result.fileName}</span>
          {ex && (
            <dl className="legal-facts">
              <dt>When</dt>
              <dd>{formatDateTime(ex.exportedAt)}</dd>
              <dt>Recording</dt>
              <dd className="mono">
                {ex.recordingId} ({formatClock(ex.start)}–{formatClock(ex.end)})
              </dd>
              <dt>Case</dt>
              <dd>{ex.caseRef}</dd>
              <dt>Reason</dt>
              <dd>{ex.reason}</dd>
              <dt>Watermark id</dt>
              <dd className="mono">{formatWatermarkId(ex.id)}</dd>
            </dl>
          )}
        </div>
      )}
    </section>
  );
}
