// Edit the selected redaction: its reason, lanes and edges (typed, or taken from the waveform
// selection after dragging the selection's edges), or delete it.
import { useEffect, useState } from 'react';
import type { RedactionMark, RedactionReason } from '../../../shared/redaction-types';
import type { Lane } from '../player/player-model';
import type { PlayerSelection } from '../player/overlays';
import { LaneChoice, ReasonSelect } from './RedactionDialogs';
import { channelsOf, choiceOf, type ChannelChoice } from './redaction-model';

interface Props {
  mark: RedactionMark;
  lanes: readonly Lane[];
  selection: PlayerSelection | null;
  onSave(patch: { start: number; end: number; channels: number[] | null; reason: RedactionReason }): Promise<boolean>;
  onShow(): void;
  onDelete(): void;
}

const round = (x: number) => Math.round(x * 100) / 100;

export function MarkEditor({ mark, lanes, selection, onSave, onShow, onDelete }: Props) {
  const [reason, setReason] = useState(mark.reason);
  const [lane, setLane] = useState<ChannelChoice>(choiceOf(mark.channels, lanes));
  const [start, setStart] = useState(String(round(mark.start)));
  const [end, setEnd] = useState(String(round(mark.end)));
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setReason(mark.reason);
    setLane(choiceOf(mark.channels, lanes));
    setStart(String(round(mark.start)));
    setEnd(String(round(mark.end)));
  }, [mark, lanes]);

  const s = Number(start);
  const e = Number(end);
  const valid = start.trim() !== '' && end.trim() !== '' && Number.isFinite(s) && Number.isFinite(e) && s >= 0 && e > s;
  const changed = reason !== mark.reason || choiceOf(mark.channels, lanes) !== lane || Math.abs(s - mark.start) > 0.004 || Math.abs(e - mark.end) > 0.004;

  return (
    <div className="rd-editor" data-testid="mark-editor">
      <div className="rd-editor-row">
        <label className="field">
          <span className="field-label">Reason</span>
          <ReasonSelect value={reason} onChange={setReason} testId="edit-reason" />
        </label>
        <div className="field">
          <span className="field-label">Lanes</span>
          <LaneChoice lanes={lanes} value={lane} onChange={setLane} name="edit-lane" />
        </div>
        <label className="field rd-time">
          <span className="field-label">Start (s)</span>
          <input className="input" type="number" step={0.05} min={0} value={start} onChange={(x) => setStart(x.target.value)} data-testid="edit-start" />
        </label>
        <label className="field rd-time">
          <span className="field-label">End (s)</span>
          <input className="input" type="number" step={0.05} min={0} value={end} onChange={(x) => setEnd(x.target.value)} data-testid="edit-end" />
        </label>
      </div>
      <div className="rd-editor-row rd-editor-actions">
        <div className="rd-editor-edges">
          <button type="button" className="btn btn-sm btn-ghost" onClick={onShow} title="Select this span on the waveform; drag the selection's edges, then use it">
            Select on waveform
          </button>
          <button
            type="button"
            className="btn btn-sm btn-ghost"
            disabled={!selection}
            onClick={() => {
              if (!selection) return;
              setStart(String(round(selection.start)));
              setEnd(String(round(selection.end)));
            }}
            title={selection ? 'Take the edges from the waveform selection' : 'Drag across the waveform first'}
            data-testid="edit-use-selection"
          >
            Use selection
          </button>
        </div>
        <span className="topbar-spacer" />
        <button type="button" className="btn btn-sm btn-danger-ghost" onClick={onDelete} title="Delete this mark (Delete)" data-testid="mark-delete">
          Delete <kbd>Del</kbd>
        </button>
        <button
          type="button"
          className="btn btn-sm btn-primary"
          disabled={!valid || !changed || busy}
          onClick={() => {
            setBusy(true);
            void onSave({ start: s, end: e, channels: channelsOf(lane), reason }).finally(() => setBusy(false));
          }}
          data-testid="mark-save"
        >
          {busy ? 'Saving…' : 'Save changes'}
        </button>
      </div>
      {!valid && <p className="rd-error">The end must be after the start.</p>}
    </div>
  );
}
