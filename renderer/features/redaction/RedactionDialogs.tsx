// The short forms of issue 6 in the shared modal: mark a selection for redaction, save a selection as
// a training clip, place a legal hold.
import { useState } from 'react';
import { REDACTION_REASON_LABELS, REDACTION_REASONS, type RedactionReason } from '../../../shared/redaction-types';
import { formatClock } from '../../lib/format';
import { Dialog } from '../../components/Dialog';
import type { Lane } from '../player/player-model';
import { parseTags, type ChannelChoice } from './redaction-model';

export function ReasonSelect({ value, onChange, testId }: { value: RedactionReason; onChange(r: RedactionReason): void; testId?: string }) {
  return (
    <select className="select" value={value} onChange={(e) => onChange(e.target.value as RedactionReason)} data-testid={testId}>
      {REDACTION_REASONS.map((r) => (
        <option key={r} value={r}>
          {REDACTION_REASON_LABELS[r]}
        </option>
      ))}
    </select>
  );
}

export function LaneChoice({ lanes, value, onChange, name }: { lanes: readonly Lane[]; value: ChannelChoice; onChange(c: ChannelChoice): void; name: string }) {
  if (lanes.length < 2) return <span className="subtle">The whole recording (one channel)</span>;
  const options: { v: ChannelChoice; label: string }[] = [...lanes.map((l) => ({ v: l.channel as ChannelChoice, label: l.label })), { v: 'both', label: 'Both lanes' }];
  return (
    <div className="rd-segmented" role="radiogroup" aria-label="Lanes to redact">
      {options.map((o) => (
        <label key={String(o.v)} className={value === o.v ? 'on' : ''}>
          <input type="radio" name={name} checked={value === o.v} onChange={() => onChange(o.v)} data-testid={`${name}-${o.v === 'both' ? 'both' : lanes.find((l) => l.channel === o.v)?.kind ?? o.v}`} />
          {o.label}
        </label>
      ))}
    </div>
  );
}

export function MarkDialog({
  span,
  lanes,
  initialLane,
  onSave,
  onCancel,
}: {
  span: { start: number; end: number };
  lanes: readonly Lane[];
  initialLane: ChannelChoice;
  onSave(v: { reason: RedactionReason; lane: ChannelChoice }): Promise<unknown>;
  onCancel(): void;
}) {
  const [reason, setReason] = useState<RedactionReason>('card_number');
  const [lane, setLane] = useState<ChannelChoice>(initialLane);
  const [busy, setBusy] = useState(false);
  return (
    <Dialog
      title="Mark for redaction"
      confirmLabel="Redact"
      busy={busy}
      onConfirm={() => {
        setBusy(true);
        void onSave({ reason, lane }).finally(() => setBusy(false));
      }}
      onCancel={onCancel}
      testId="mark-dialog"
    >
      <p className="subtle">
        {formatClock(span.start)} – {formatClock(span.end)} ({(span.end - span.start).toFixed(1)} s). Exports silence or tone out this part on the lanes you pick.
      </p>
      <label className="field">
        <span className="field-label">What is said here</span>
        <ReasonSelect value={reason} onChange={setReason} testId="mark-reason" />
      </label>
      <div className="field">
        <span className="field-label">Lanes</span>
        <LaneChoice lanes={lanes} value={lane} onChange={setLane} name="mark-lane" />
      </div>
    </Dialog>
  );
}

export function ClipDialog({ span, onSave, onCancel }: { span: { start: number; end: number }; onSave(v: { title: string; notes: string; tags: string[] }): Promise<boolean>; onCancel(): void }) {
  const [title, setTitle] = useState('');
  const [notes, setNotes] = useState('');
  const [tags, setTags] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <Dialog
      title="Save as training clip"
      confirmLabel="Save clip"
      confirmDisabled={!title.trim()}
      busy={busy}
      onConfirm={() => {
        setBusy(true);
        void onSave({ title: title.trim(), notes: notes.trim(), tags: parseTags(tags) }).finally(() => setBusy(false));
      }}
      onCancel={onCancel}
      testId="clip-dialog"
    >
      <p className="subtle">
        {formatClock(span.start)} – {formatClock(span.end)} ({(span.end - span.start).toFixed(1)} s). Clips always play and export with the accepted redactions applied.
      </p>
      <label className="field">
        <span className="field-label">Title</span>
        <input className="input" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} placeholder="e.g. Taking a card payment safely" data-testid="clip-title" />
      </label>
      <label className="field">
        <span className="field-label">Notes for the class</span>
        <textarea className="input" rows={3} value={notes} maxLength={4000} onChange={(e) => setNotes(e.target.value)} placeholder="What to listen for" data-testid="clip-notes" />
      </label>
      <label className="field">
        <span className="field-label">Tags</span>
        <input className="input" value={tags} onChange={(e) => setTags(e.target.value)} placeholder="Comma separated, e.g. payments, verification" data-testid="clip-tags" />
      </label>
    </Dialog>
  );
}

export function HoldDialog({ recordingId, onSave, onCancel }: { recordingId: string; onSave(v: { caseRef: string; reason: string }): Promise<boolean>; onCancel(): void }) {
  const [caseRef, setCaseRef] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <Dialog
      title="Place legal hold"
      confirmLabel="Place hold"
      confirmDisabled={!caseRef.trim() || !reason.trim()}
      busy={busy}
      onConfirm={() => {
        setBusy(true);
        void onSave({ caseRef: caseRef.trim(), reason: reason.trim() }).finally(() => setBusy(false));
      }}
      onCancel={onCancel}
      testId="hold-dialog"
    >
      <p className="subtle">
        While the hold is active, <span className="mono">{recordingId}</span> stays pinned in the cache and cannot be purged. Placing and releasing holds is audited.
      </p>
      <label className="field">
        <span className="field-label">Case reference</span>
        <input className="input" value={caseRef} maxLength={120} onChange={(e) => setCaseRef(e.target.value)} placeholder="e.g. LIT-2026-031" data-testid="hold-case" />
      </label>
      <label className="field">
        <span className="field-label">Reason</span>
        <textarea className="input" rows={2} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} placeholder="Why this call must be preserved" data-testid="hold-reason" />
      </label>
    </Dialog>
  );
}
