// Issue 6 in the player: mark parts of the call for redaction (per lane), review the detector's
// suggestions from the transcript, save training clips, export (always redacted and watermarked) and
// place legal holds. Marks are drawn on the waveform through the player's overlay layer; only what the
// profile's role may do is shown.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { REDACTION_REASON_LABELS, type Clip, type RedactionMark } from '../../../shared/redaction-types';
import type { Permission } from '../../../shared/permissions';
import type { RecordingDetail } from '../../../shared/types';
import { useApp } from '../../app/store';
import { formatClock, plural } from '../../lib/format';
import { isInteractiveTarget, isTypingTarget } from '../../lib/keys';
import { ExportDialog } from '../export/ExportDialog';
import { playerHandle, usePlayerOverlays, type FeatureShortcut } from '../player/overlays';
import type { Lane } from '../player/player-model';
import { MarkEditor } from './MarkEditor';
import { ClipDialog, HoldDialog, MarkDialog } from './RedactionDialogs';
import { channelsOf, laneNames, markIdOf, regionsFor, reviewOrder, type ChannelChoice } from './redaction-model';
import { useRedaction } from './store';
import './redaction.css';

const NO_PERMISSIONS: Permission[] = [];

export const REDACTION_SHORTCUTS: FeatureShortcut[] = [
  { keys: ['M'], label: 'Mark the selection for redaction', group: 'Redaction' },
  { keys: ['A'], label: 'Accept the selected suggestion', group: 'Redaction' },
  { keys: ['X'], label: 'Reject the selected suggestion', group: 'Redaction' },
  { keys: ['↑'], label: 'Previous redaction in the list', group: 'Redaction' },
  { keys: ['↓'], label: 'Next redaction in the list', group: 'Redaction' },
  { keys: ['Enter'], label: 'Play from the selected redaction', group: 'Redaction' },
  { keys: ['Del'], label: 'Delete the selected redaction', group: 'Redaction' },
];

type Modal = { kind: 'mark'; lane: ChannelChoice } | { kind: 'clip' } | { kind: 'hold' } | { kind: 'export'; clip: Clip | null; range: { start: number; end: number } | null } | null;

function anyModalOpen(): boolean {
  return document.querySelector('[aria-modal="true"]') !== null;
}

export function RedactionPanel({ recording, lanes, active }: { recording: RecordingDetail; lanes: Lane[]; active: boolean }) {
  const permissions = useApp((s) => s.session?.permissions ?? NO_PERMISSIONS);
  const can = useCallback((p: Permission) => permissions.includes(p), [permissions]);
  const canMark = can('redaction.mark');
  const canClips = can('clips.manage');
  const canExport = can('export.audio');
  const canHold = can('legal.hold');

  const st = useRedaction();
  const { marks, clips, selectedId, selectedClipId } = st;
  const ordered = useMemo(() => reviewOrder(marks), [marks]);
  const pending = ordered.filter((m) => m.status === 'suggested');
  const accepted = ordered.filter((m) => m.status === 'accepted');
  const selected = ordered.find((m) => m.id === selectedId) ?? null;
  const selectionRaw = usePlayerOverlays((s) => s.selection);
  const selection = selectionRaw && selectionRaw.recordingId === recording.id ? selectionRaw : null;
  const [modal, setModal] = useState<Modal>(null);
  const [hint, setHint] = useState<string | null>(null);

  useEffect(() => {
    void useRedaction.getState().open(recording.id, { holds: canHold });
  }, [recording.id, canHold]);

  // Draw the marks on the waveform; a click on one selects it (the player seeks there).
  const regions = useMemo(() => regionsFor(marks, lanes, selectedId), [marks, lanes, selectedId]);
  useEffect(() => {
    usePlayerOverlays.getState().setLayer('redactions', {
      recordingId: recording.id,
      regions,
      shortcuts: canMark ? REDACTION_SHORTCUTS : undefined,
      onActivate: ({ region }) => {
        const id = region ? markIdOf(region.id) : null;
        if (id) useRedaction.getState().select(id);
      },
    });
  }, [recording.id, regions, canMark]);
  useEffect(() => () => usePlayerOverlays.getState().setLayer('redactions', null), []);

  // The lane a drag on the waveform started on: the default lane for a new mark.
  const dragLane = useRef<ChannelChoice>('both');
  useEffect(() => {
    const onDown = (e: PointerEvent) => {
      const stage = (e.target as Element | null)?.closest?.('.wf-stage');
      const overlay = stage?.querySelector('.wf-overlay');
      if (!overlay || lanes.length < 2) return;
      const box = overlay.getBoundingClientRect();
      const i = Math.floor(((e.clientY - box.top) / box.height) * lanes.length);
      dragLane.current = i >= 0 && i < lanes.length ? lanes[i]!.channel : 'both';
    };
    document.addEventListener('pointerdown', onDown, true);
    return () => document.removeEventListener('pointerdown', onDown, true);
  }, [lanes]);

  const flash = useCallback((text: string) => {
    setHint(text);
    window.setTimeout(() => setHint((h) => (h === text ? null : h)), 4000);
  }, []);

  const startMark = useCallback(() => {
    if (!selection) return flash('Drag across the agent or customer lane to select the part to redact, then press M.');
    setModal({ kind: 'mark', lane: dragLane.current });
  }, [selection, flash]);

  const seekTo = (m: { start: number }) => playerHandle()?.seek(Math.max(0, m.start - 0.3));

  // Review from the keyboard while the player shows.
  const keyState = useRef({ ordered, selected, canMark, startMark, modal });
  keyState.current = { ordered, selected, canMark, startMark, modal };
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      const k = keyState.current;
      if (!k.canMark || k.modal || e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target) || anyModalOpen()) return;
      const s = useRedaction.getState();
      const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      const move = (dir: 1 | -1) => {
        if (!k.ordered.length) return;
        const i = k.selected ? k.ordered.indexOf(k.selected) : dir > 0 ? -1 : k.ordered.length;
        const next = k.ordered[Math.max(0, Math.min(k.ordered.length - 1, i + dir))]!;
        s.select(next.id);
      };
      if (key === 'm' && !e.shiftKey) k.startMark();
      else if (key === 'a' && !e.shiftKey && k.selected?.status === 'suggested') void s.review(k.selected.id, 'accept');
      else if (key === 'x' && !e.shiftKey && k.selected?.status === 'suggested') void s.review(k.selected.id, 'reject');
      else if (key === 'ArrowDown' && !e.shiftKey) move(1);
      else if (key === 'ArrowUp' && !e.shiftKey) move(-1);
      else if (key === 'Enter' && k.selected && !isInteractiveTarget(e.target)) seekTo(k.selected);
      else if ((key === 'Delete' || key === 'Backspace') && k.selected) void s.remove(k.selected.id);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active]);

  if (!canMark && !canClips && !canExport && !canHold && marks.length === 0 && clips.length === 0) return null;

  const range = selection ? { start: selection.start, end: selection.end } : null;
  // Clips are a trainer's tool: the column shows for those who make clips, or when the call has some.
  const showClips = canClips || clips.length > 0;

  return (
    <section className="rd-panel" aria-label="Redactions, clips and exports" data-testid="redaction-panel">
      <div className="rd-toolbar">
        <div className="rd-selection" data-testid="rd-selection">
          {selection ? (
            <>
              <span className="rd-sel-swatch" aria-hidden="true" />
              Selection <strong>{formatClock(selection.start)}</strong>–<strong>{formatClock(selection.end)}</strong>
              <span className="subtle">({(selection.end - selection.start).toFixed(1)} s)</span>
            </>
          ) : (
            <span className="subtle">Drag across a lane to select a part of the call.</span>
          )}
        </div>
        <span className="topbar-spacer" />
        {canMark && (
          <button type="button" className="btn btn-sm" onClick={startMark} disabled={!selection} title="Mark the selection for redaction (M)" data-testid="rd-mark">
            <span className="rd-icon rd-icon-redact" aria-hidden="true" /> Redact selection <kbd>M</kbd>
          </button>
        )}
        {canClips && (
          <button type="button" className="btn btn-sm" onClick={() => setModal({ kind: 'clip' })} disabled={!selection} title={selection ? 'Save the selection as a training clip' : 'Select a part of the call first'} data-testid="rd-save-clip">
            Save as clip…
          </button>
        )}
        {canExport && (
          <button type="button" className="btn btn-sm" onClick={() => setModal({ kind: 'export', clip: null, range })} title="Export audio, redacted and watermarked" data-testid="rd-export">
            {range ? 'Export selection…' : 'Export call…'}
          </button>
        )}
        {canHold && (
          <button type="button" className="btn btn-sm" onClick={() => setModal({ kind: 'hold' })} data-testid="rd-hold">
            Place legal hold…
          </button>
        )}
      </div>
      {hint && (
        <p className="rd-hint" role="status">
          {hint}
        </p>
      )}

      <div className={`rd-columns${showClips ? '' : ' single'}`}>
        <div className="rd-col" data-testid="rd-marks">
          <header className="rd-col-head">
            <h3>Redactions</h3>
            <span className="rd-counts subtle" data-testid="rd-counts">
              {accepted.length} redacted{pending.length ? ` · ${pending.length} to review` : ''}
            </span>
            <span className="topbar-spacer" />
            {canMark && recording.hasTranscript && (
              <button type="button" className="btn btn-sm" onClick={() => void st.suggest()} disabled={st.suggesting} title="Find card numbers, codes, dates of birth and other personal data in the transcript" data-testid="rd-suggest">
                {st.suggesting ? 'Searching…' : 'Suggest redactions'}
              </button>
            )}
            {canMark && pending.length > 1 && (
              <button type="button" className="btn btn-sm btn-primary" onClick={() => void st.acceptAll()} data-testid="rd-accept-all">
                Accept all {pending.length}
              </button>
            )}
          </header>
          {st.lastSuggest && (pending.length > 0 || st.lastSuggest.found === 0) && (
            <p className="rd-note subtle" data-testid="rd-suggest-result">
              {st.lastSuggest.found ? `Found ${plural(st.lastSuggest.found, 'new suggestion')}. Review each: A accepts, X rejects, ↑ ↓ move, Enter plays.` : 'No new suggestions in the transcript.'}
            </p>
          )}
          {ordered.length === 0 ? (
            <p className="rd-empty subtle">
              {st.loaded ? (canMark ? 'Nothing is redacted yet. Suggest redactions from the transcript, or drag across a lane and press M.' : 'Nothing is redacted in this call.') : 'Loading…'}
            </p>
          ) : (
            <ul className="rd-list" role="listbox" aria-label="Redactions" data-testid="rd-list">
              {ordered.map((m) => (
                <MarkRow key={m.id} mark={m} lanes={lanes} selected={m.id === selectedId} canMark={canMark}>
                  {/* Accepted marks are edited in place; suggestions are accepted or rejected first. */}
                  {m.id === selectedId && canMark && m.status === 'accepted' && (
                    <MarkEditor
                      mark={m}
                      lanes={lanes}
                      selection={selection}
                      onSave={(patch) => st.update(m.id, patch)}
                      onShow={() => playerHandle()?.select({ start: m.start, end: m.end })}
                      onDelete={() => void st.remove(m.id)}
                    />
                  )}
                </MarkRow>
              ))}
            </ul>
          )}
        </div>

        {showClips && (
          <div className="rd-col" data-testid="rd-clips">
            <header className="rd-col-head">
              <h3>Training clips</h3>
              <span className="rd-counts subtle">{clips.length || 'none yet'}</span>
            </header>
            {clips.length === 0 ? (
              <p className="rd-empty subtle">{canClips ? 'Select a part of the call and save it as a clip for a class.' : 'No clips from this call.'}</p>
            ) : (
              <ul className="rd-list" aria-label="Training clips" data-testid="clip-list">
                {clips.map((c) => (
                  <li key={c.id} className={`rd-row rd-clip${c.id === selectedClipId ? ' selected' : ''}`} data-testid="clip-row" data-clip-id={c.id}>
                    <button
                      type="button"
                      className="rd-row-main"
                      onClick={() => {
                        st.selectClip(c.id);
                        const h = playerHandle();
                        h?.select({ start: c.start, end: c.end });
                        h?.seek(c.start);
                      }}
                      title="Select and loop this clip"
                    >
                      <span className="rd-row-title">{c.title}</span>
                      <span className="rd-row-meta">
                        {formatClock(c.start)}–{formatClock(c.end)} · {c.createdBy}
                      </span>
                      {c.tags.length > 0 && (
                        <span className="rd-tags">
                          {c.tags.map((t) => (
                            <span key={t} className="chip">
                              {t}
                            </span>
                          ))}
                        </span>
                      )}
                      {c.notes && <span className="rd-row-note">{c.notes}</span>}
                    </button>
                    <span className="rd-row-actions">
                      {canExport && (
                        <button type="button" className="btn btn-sm" onClick={() => setModal({ kind: 'export', clip: c, range: null })} data-testid="clip-export">
                          Export…
                        </button>
                      )}
                      {canClips && (
                        <button type="button" className="btn btn-sm btn-ghost" onClick={() => void st.deleteClip(c.id)} aria-label={`Delete clip ${c.title}`} title="Delete the clip (the call stays)">
                          Delete
                        </button>
                      )}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>

      {modal?.kind === 'mark' && selection && (
        <MarkDialog
          span={selection}
          lanes={lanes}
          initialLane={modal.lane}
          onCancel={() => setModal(null)}
          onSave={async ({ reason, lane }) => {
            const m = await st.add({ start: selection.start, end: selection.end, channels: channelsOf(lane), reason });
            if (m) {
              setModal(null);
              playerHandle()?.select(null);
            }
          }}
        />
      )}
      {modal?.kind === 'clip' && selection && (
        <ClipDialog
          span={selection}
          onCancel={() => setModal(null)}
          onSave={async (v) => {
            const c = await st.createClip({ start: selection.start, end: selection.end, ...v });
            if (c) setModal(null);
            return c !== null;
          }}
        />
      )}
      {modal?.kind === 'hold' && (
        <HoldDialog
          recordingId={recording.id}
          onCancel={() => setModal(null)}
          onSave={async (v) => {
            const h = await st.placeHold(v.caseRef, v.reason);
            if (h) setModal(null);
            return h !== null;
          }}
        />
      )}
      {modal?.kind === 'export' && <ExportDialog recordingId={recording.id} clip={modal.clip} range={modal.range} onClose={() => setModal(null)} />}
    </section>
  );
}

function MarkRow({ mark: m, lanes, selected, canMark, children }: { mark: RedactionMark; lanes: readonly Lane[]; selected: boolean; canMark: boolean; children?: ReactNode }) {
  const st = useRedaction.getState();
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  return (
    <li
      className={`rd-row rd-mark status-${m.status}${selected ? ' selected' : ''}`}
      role="option"
      aria-selected={selected}
      data-testid="mark-row"
      data-mark-id={m.id}
      data-status={m.status}
      data-reason={m.reason}
    >
      <button
        ref={ref}
        type="button"
        className="rd-row-main"
        onClick={() => st.select(m.id)}
        onDoubleClick={() => playerHandle()?.seek(Math.max(0, m.start - 0.3), { play: true })}
        title="Select (double-click to play from here)"
      >
        <span className="rd-row-title">
          <span className={`rd-status rd-status-${m.status}`}>{m.status === 'suggested' ? 'Suggested' : 'Redacted'}</span>
          {REDACTION_REASON_LABELS[m.reason]}
        </span>
        <span className="rd-row-meta">
          {formatClock(m.start)}–{formatClock(m.end)} · {laneNames(m.channels, lanes)}
          {m.source === 'manual' ? ` · marked by ${m.createdBy}` : ''}
        </span>
        {m.note && <span className="rd-row-note">{m.note}</span>}
      </button>
      {canMark && m.status === 'suggested' && (
        <span className="rd-row-actions">
          <button type="button" className="btn btn-sm btn-accept" onClick={() => void st.review(m.id, 'accept')} title="Accept (A)" data-testid="mark-accept">
            Accept
          </button>
          <button type="button" className="btn btn-sm btn-ghost" onClick={() => void st.review(m.id, 'reject')} title="Reject (X)" data-testid="mark-reject">
            Reject
          </button>
        </span>
      )}
      {children}
    </li>
  );
}
